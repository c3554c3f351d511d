import Foundation
import Testing

/// Publishing to a public repository would show the incident to anyone: refused unless asked for, and shown where it is.
@Suite struct PublicRepositoryTests {
    static func setVisibility(_ world: GitHubWorld, _ visibility: String, of name: String = "acme/ops") throws {
        var state = try world.read()
        var repos = try #require(state["repos"] as? [String: Any])
        var repo = (repos[name] as? [String: Any]) ?? [:]
        repo["visibility"] = visibility
        repos[name] = repo
        state["repos"] = repos
        try world.write(state)
    }

    static func visibilityLookups(_ world: GitHubWorld) throws -> Int {
        try world.calls().filter { $0.starts(with: ["repo", "view"]) && $0.contains { $0.hasPrefix("--json=visibility") } }.count
    }

    @Test func publishingToAPublicRepositoryIsRefusedUnlessAskedFor() throws {
        let world = try GitHubWorld()
        try Self.setVisibility(world, "PUBLIC")
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog", "--label", "db"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        let before = try world.sandbox.dump("a.sqlite")
        let refused = try world.run("a.sqlite", ["publish", "--repo", "acme/ops"])
        expectFailure(refused, status: 1, mentioning: "acme/ops is a public repository", "pass --public-repo if that is intended")
        #expect(try world.sandbox.dump("a.sqlite") == before)
        #expect(try world.calls().allSatisfy { $0.starts(with: ["repo", "view"]) }, "only the visibility was asked")
        let repos = try #require(try world.read()["repos"] as? [String: Any])
        #expect(((repos["acme/ops"] as? [String: Any])?["issues"] as? [String: Any])?.isEmpty == true, "nothing was created")

        let published = try world.ok("a.sqlite", ["publish", "--repo", "acme/ops", "--public-repo"])
        #expect(published.stdout.contains("Published INC-1 as acme/ops#1"))
        #expect(try world.ok("a.sqlite", ["show"]).stdout.contains("GitHub: acme/ops#1 (a public repository)"))
        // Remembered, and still refused without the flag: a later publish, an update post, a final close.
        try world.ok("a.sqlite", ["check", "1"])
        let later = try world.sandbox.dump("a.sqlite")
        expectFailure(try world.run("a.sqlite", ["publish"]), status: 1, mentioning: "acme/ops is a public repository")
        expectFailure(try world.run("a.sqlite", ["update", "--post"]), status: 1, mentioning: "acme/ops is a public repository")
        expectFailure(try world.run("a.sqlite", ["close", "--close-issue"]), status: 1, mentioning: "acme/ops is a public repository")
        #expect(try world.sandbox.dump("a.sqlite") == later)
        try world.ok("a.sqlite", ["publish", "--public-repo"])
        #expect(GitHubWorld.isTicked(try world.body(), "Drain the queue"))
        try world.ok("a.sqlite", ["close", "--close-issue", "--public-repo"])
        #expect(try world.issue()["state"] as? String == "CLOSED")
    }

    @Test func theVisibilityIsAskedOncePerRepositoryAndShown() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        #expect(try Self.visibilityLookups(world) == 1)
        try world.ok("a.sqlite", ["check", "1"])
        try world.ok("a.sqlite", ["publish"])
        try world.ok("a.sqlite", ["update", "--post"])
        try world.ok("a.sqlite", ["publish"])
        #expect(try Self.visibilityLookups(world) == 1)
        let status = try world.ok("a.sqlite", ["status", "mitigated"])
        #expect(status.stdout.contains("Published to acme/ops#1, a private repository."))
        #expect(try world.ok("a.sqlite", ["show"]).stdout.contains("GitHub: acme/ops#1 (a private repository)  https://github.com/acme/ops/issues/1"))
        let json = try JSONSerialization.jsonObject(with: Data(try world.ok("a.sqlite", ["show", "--json"]).stdout.utf8)) as? [String: Any]
        #expect((json?["github"] as? [String: Any])?["visibility"] as? String == "private")
        // Another machine joining learns it too (once), and says when the repository is public.
        try world.ok("b.sqlite", ["import", "--issue", "1", "--repo", "acme/ops"])
        #expect(try Self.visibilityLookups(world) == 2)
        try world.ok("b.sqlite", ["publish"])
        #expect(try Self.visibilityLookups(world) == 2)
        try Self.setVisibility(world, "PUBLIC", of: "acme/site")
        var state = try world.read()
        var repos = try #require(state["repos"] as? [String: Any])
        repos["acme/site"] = ["visibility": "PUBLIC", "issues": ["5": ["title": "Site down", "body": "- [ ] Restart\n"]]]
        state["repos"] = repos
        try world.write(state)
        let joined = try world.ok("c.sqlite", ["import", "--issue", "https://github.com/acme/site/issues/5"])
        #expect(joined.stdout.contains("acme/site is a public repository: `incident publish` pushes there only with --public-repo."))
        expectFailure(try world.run("c.sqlite", ["publish"]), status: 1, mentioning: "acme/site is a public repository")
    }

    @Test func anInternalRepositoryIsNotPublicAndPublishes() throws {
        let world = try GitHubWorld()
        try Self.setVisibility(world, "INTERNAL")
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        #expect(try world.ok("a.sqlite", ["show"]).stdout.contains("GitHub: acme/ops#1 (an internal repository)"))
    }
}
