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
        // A second machine joining keeps the checklist as the section's text too, so its publishes don't block the first's.
        try world.ok("b.sqlite", ["import", "--issue", "1", "--repo", "acme/ops"])
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT COUNT(*) FROM actionItem").stdout == "1\n")
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT markdown FROM section").stdout.contains("- [ ] Call the vendor"))
        try world.ok("b.sqlite", ["publish"])
        try world.ok("a.sqlite", ["publish"])
        // A task line added on GitHub under the record's own actions is still reported.
        try world.editOnGitHub { $0.replacingOccurrences(of: "- [x] Drain the queue", with: "- [ ] Page the DBA\n- [x] Drain the queue") }
        expectFailure(try world.run("a.sqlite", ["publish"]), status: 1, mentioning: "task lines this record doesn't have: \"Page the DBA\"")
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
