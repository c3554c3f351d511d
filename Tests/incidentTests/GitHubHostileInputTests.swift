import Foundation
import Testing

/// Issue 23's findings about GitHub: what a repository, an issue body or gh's JSON can do to the record here.
@Suite struct GitHubSectionTests {
    @Test func aChecklistInAFreeSectionIsThatSectionsTextNotTaskLinesThisRecordLacks() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["section", "add", "Vendor checklist", "--markdown", "- [ ] Call the vendor\n- [x] Open a ticket"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        #expect(try world.body().contains("- [ ] Call the vendor"))
        try world.ok("a.sqlite", ["check", "1"])
        let again = try world.ok("a.sqlite", ["publish"])
        #expect(again.stdout.contains("Published INC-1 to acme/ops#1: 1 task lines"))
        #expect(GitHubWorld.isTicked(try world.body(), "Drain the queue"))
        let pulled = try world.ok("a.sqlite", ["pull"])
        #expect(!pulled.stdout.contains("Not in this record"))
        // A task line added on GitHub under the record's own actions is still reported.
        try world.editOnGitHub { $0.replacingOccurrences(of: "- [x] Drain the queue", with: "- [ ] Page the DBA\n- [x] Drain the queue") }
        expectFailure(try world.run("a.sqlite", ["publish"]), status: 1, mentioning: "task lines this record doesn't have: \"Page the DBA\"")
    }
}

/// Text from GitHub (an issue joined, gh's JSON imported) meets the rules typed text meets: refused in one line, nothing stored.
@Suite struct GitHubTextRuleTests {
    static func ghJSON(title: String, body: String = "Disk filled up.\n", labels: [String] = []) throws -> String {
        let issue: [String: Any] = ["title": title, "body": body, "labels": labels.map { ["name": $0] }, "assignees": [],
                                    "number": 3, "url": "https://github.com/acme/ops/issues/3"]
        return String(decoding: try JSONSerialization.data(withJSONObject: issue), as: UTF8.self)
    }

    /// Puts issue 3 on the stand-in's acme/ops.
    static func seed(_ world: GitHubWorld, title: String, body: String, labels: [String] = []) throws {
        var state = try world.read()
        var repos = try #require(state["repos"] as? [String: Any]), repo = try #require(repos["acme/ops"] as? [String: Any])
        var known = try #require(repo["labels"] as? [String: Any])
        for label in labels { known[label] = [String: Any]() }
        repo["labels"] = known
        repo["issues"] = ["3": ["title": title, "body": body, "labels": labels]]
        repos["acme/ops"] = repo
        state["repos"] = repos
        try world.write(state)
    }

    @Test func aTitleWithALineBreakOrANulFromGhJSONIsRefusedAndNothingIsStored() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        let before = try world.sandbox.dump("a.sqlite")
        for (title, phrase) in [("Disk\nfull", "The title must be one line"), ("Disk\u{0}full", "The title of https://github.com/acme/ops/issues/3 in gh's JSON holds a NUL character")] {
            let result = try world.sandbox.run(["import", "--gh-json", "-", "--db", "a.sqlite"], stdin: try Self.ghJSON(title: title))
            expectFailure(result, status: title.contains("\n") ? 74 : 64, mentioning: phrase)
            #expect(try world.sandbox.dump("a.sqlite") == before)
        }
        // With no database yet, a refused import leaves none behind.
        let fresh = try world.sandbox.run(["import", "--gh-json", "-", "--db", "fresh.sqlite"], stdin: try Self.ghJSON(title: "Disk\nfull"))
        expectFailure(fresh, status: 74, mentioning: "The title must be one line")
        #expect(!world.sandbox.exists("fresh.sqlite"))
    }

    @Test func joiningAnIssueWhoseTitleBreaksTheRulesIsRefusedAndLeavesNoDatabase() throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk\nfull", body: "- [ ] Free space\n")
        expectFailure(try world.run("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"]), status: 64, mentioning: "The title must be one line")
        #expect(!world.sandbox.exists("b.sqlite"))
        // A title decoded from an entity in the body's front matter is held to the same rules.
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk&#10;full\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        expectFailure(try world.run("c.sqlite", ["import", file.path]), status: 74, mentioning: "The document gives a title that spans lines")
        #expect(!world.sandbox.exists("c.sqlite"))
    }

    @Test(arguments: ["9223372036854775807", "0", "-3", "2147483648"])
    func markersOutOfRangeAreIgnoredAndItemsNumberedInOrder(_ marker: String) throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk full", body: "## Actions\n\n- [ ] Free space <!-- incident:action:\(marker) -->\n- [ ] Page the DBA <!-- incident:action:2 -->\n")
        try world.ok("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"])
        try world.ok("b.sqlite", ["action", "add", "Grow the disk"])
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT number || ' ' || text FROM actionItem ORDER BY number").stdout
            == "1 Free space\n2 Page the DBA\n3 Grow the disk\n")
    }

    @Test func markersInRangeStillNumberTheItemsAsTheRenderingMachineDid() throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk full", body: "## Actions\n\n- [ ] Free space <!-- incident:action:7 -->\n- [ ] Page the DBA <!-- incident:action:2 -->\n")
        try world.ok("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"])
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT number || ' ' || text FROM actionItem ORDER BY number").stdout
            == "2 Page the DBA\n7 Free space\n")
    }
}

/// gh splits `--label a,b` into two labels: a label with a comma is refused wherever it comes in.
@Suite struct LabelCommaTests {
    @Test func aLabelWithACommaIsRefusedTypedImportedOrJoined() throws {
        let world = try GitHubWorld()
        let phrase = "The label \"x,y\" has a comma"
        expectFailure(try world.run("a.sqlite", ["new", "--p2", "Queue backlog", "--label", "x,y"]), status: 64, mentioning: phrase)
        #expect(!world.sandbox.exists("a.sqlite"))
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        let before = try world.sandbox.dump("a.sqlite")
        expectFailure(try world.run("a.sqlite", ["set", "--add-label", "x,y"]), status: 64, mentioning: phrase)
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk full\nlabels: [\"x,y\", 'z']\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        expectFailure(try world.run("a.sqlite", ["import", file.path]), status: 74, mentioning: phrase)
        let json = try GitHubTextRuleTests.ghJSON(title: "Disk full", labels: ["x,y"])
        expectFailure(try world.sandbox.run(["import", "--gh-json", "-", "--db", "a.sqlite"], stdin: json), status: 74, mentioning: phrase)
        #expect(try world.sandbox.dump("a.sqlite") == before)
        try GitHubTextRuleTests.seed(world, title: "Disk full", body: "- [ ] Free space\n", labels: ["x,y"])
        expectFailure(try world.run("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"]), status: 64, mentioning: phrase)
        #expect(!world.sandbox.exists("b.sqlite"))
    }

    @Test func frontMatterListsSplitOnlyAtCommasOutsideQuotes() throws {
        let world = try GitHubWorld()
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk full\nlabels: [\"db, primary\" , 'it''s', plain]\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        // "db, primary" is one label (then refused for its comma), not `"db` and `primary"`.
        expectFailure(try world.run("a.sqlite", ["import", file.path]), status: 74, mentioning: "The label \"db, primary\" has a comma")
        try Data("---\ntitle: Disk full\nlabels: [\"db primary\" , 'it''s', plain]\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        try world.ok("a.sqlite", ["import", file.path])
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT name FROM label WHERE incidentNumber = 2 ORDER BY position").stdout == "db primary\nit's\nplain\n")
    }
}

/// What reaches gh's command line: values inside their flags, operands after `--`.
@Suite struct GitHubArgumentTests {
    @Test func labelsStartingWithADashOrHoldingQuotesReachGitHubAsTheyAre() throws {
        let world = try GitHubWorld()
        let declared = try world.sandbox.run(["new", "--db", "a.sqlite", "--p2", "--label=-R", "--label", "say \"hi\"", "--label=--web", "--", "-R evil/repo"])
        #expect(declared.status == 0, "\(declared)")
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        let issue = try world.issue()
        #expect(issue["title"] as? String == "-R evil/repo")
        #expect((issue["labels"] as? [String])?.sorted() == ["--web", "-R", "say \"hi\""])
    }

    @Test func everyOperandComesAfterADoubleDashAndEveryValueInsideItsFlag() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog", "--label", "db"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.ok("a.sqlite", ["publish"])
        try world.ok("a.sqlite", ["update", "--post"])
        try world.ok("a.sqlite", ["check", "1"])
        try world.ok("a.sqlite", ["close", "--close-issue"])
        try world.ok("b.sqlite", ["import", "--issue", "1", "--repo", "acme/ops"])
        let calls = try world.calls()
        for command in [["issue", "view"], ["issue", "edit"], ["issue", "comment"], ["issue", "close"], ["issue", "create"], ["label", "create"]] {
            #expect(calls.contains { $0.starts(with: command) }, "no gh \(command.joined(separator: " ")) was run")
        }
        for argv in calls {
            let words = argv.dropFirst(2)
            let flags = words.prefix { $0 != "--" }
            #expect(flags.allSatisfy { $0.hasPrefix("--") && $0.contains("=") }, "a flag without its value inside: \(argv)")
            // After the flags, only `--` and the operands: an issue number, a label's name, a repository.
            if flags.count < words.count { #expect(words[words.startIndex + flags.count] == "--", "\(argv)") }
        }
        #expect(calls.contains(["label", "create", "--repo=acme/ops", "--color=ededed", "--description=Incident label", "--", "db"]))
    }
}

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
