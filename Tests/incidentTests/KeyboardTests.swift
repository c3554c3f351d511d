import Foundation
import Testing

/// What a new user types at 3 a.m. and what the tool answers: advice that works, times as people write them,
/// suggestions for slips, and the same shape of answer from every `add`.
@Suite struct KeyboardTests {
    /// The first `incident …` command quoted in backticks in an error line, as words.
    private func advisedCommand(in line: String) throws -> [String] {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false)
        let quoted = try #require(parts.dropFirst().first { $0.hasPrefix("incident ") }, "no `incident …` advice in: \(line)")
        return quoted.split(separator: " ").dropFirst().map(String.init)
    }

    @Test func closingTwiceSaysItIsAlreadyClosedAndTheAdviceWorks() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["close", "--force"])
        let refused = try sandbox.expectRefusal(["close"], status: 1, mentioning: "INC-1 is already closed")
        #expect(!refused.stderr.contains("back to closed"))
        let advice = try advisedCommand(in: refused.stderr)
        #expect(advice.first == "reopen")
        try sandbox.ok(advice)
        #expect(try sandbox.json()["status"] as? String != "closed")
    }

    @Test func reopeningToAClosedStatusNamesTheStatusesReopenTakes() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["close", "--force"])
        let refused = try sandbox.expectRefusal(["reopen", "--status", "closed"], status: 64, mentioning: "investigating")
        #expect(!refused.stderr.contains("Unknown status"))
        #expect(refused.stderr.contains("`incident close`"))
    }

    @Test(arguments: [
        ("2025-09-15 7:17pm PST", "2025-09-16T03:17:00Z"),
        ("2025-09-15 7:17 PM PST", "2025-09-16T03:17:00Z"),
        ("2025-09-15 7:17 PM", "2025-09-15T19:17:00Z"),
        ("2025-09-15 12:05 am", "2025-09-15T00:05:00Z"),
    ])
    func twelveHourTimesAreRead(_ typed: String, _ expected: String) throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Slow search", "--at", "2025-09-14 10:00 UTC"])
        try sandbox.ok(["timeline", "add", "Paged", "--at", typed])
        let timeline = try sandbox.json()["timeline"] as? [[String: Any]]
        #expect(timeline?.contains { $0["text"] as? String == "Paged" && $0["at"] as? String == expected } == true,
                "\(typed) should be \(expected): \(String(describing: timeline))")
    }

    @Test func aTimeInTheFutureIsRefusedUnlessFutureIsPassed() throws {
        let sandbox = try Sandbox.withIncident()
        for arguments in [["timeline", "add", "Paged", "--at", "2099-01-01 10:00"],
                          ["status", "mitigated", "--at", "2099-01-01 10:00"],
                          ["close", "--force", "--at", "2099-01-01 10:00"],
                          ["role", "set", "commander", "@dana", "--at", "2099-01-01 10:00"],
                          ["new", "--p2", "Later", "--at", "2099-01-01 10:00"]] {
            try sandbox.expectRefusal(arguments, status: 64, mentioning: "in the future", "--future")
        }
        try sandbox.ok(["timeline", "add", "Maintenance window opens", "--at", "2099-01-01 10:00", "--future"])
        #expect(try sandbox.ok(["timeline", "list"]).stdout.contains("2099-01-01 10:00 UTC"))
        // Nothing created when the first command of a folder is refused.
        let fresh = try Sandbox()
        expectFailure(try fresh.run(["new", "--p2", "Later", "--at", "2099-01-01 10:00"]), status: 64, mentioning: "--future")
        #expect(!fresh.exists("incidents/incidents.sqlite"))
    }

    @Test func aMistypedCommandSuggestsTheNearestOne() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["timline", "add", "x"], status: 64, mentioning: "Did you mean 'timeline'?")
        try sandbox.expectRefusal(["action", "ad", "x"], status: 64, mentioning: "Did you mean 'add'?", "incident action")
        // Nothing near: no guess, but where to look.
        let far = try sandbox.expectRefusal(["zzzzzzzz"], status: 64, mentioning: "'zzzzzzzz'", "incident --help")
        #expect(!far.stderr.contains("Did you mean"))
    }

    @Test func aMistypedValueSuggestsTheNearestOne() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["timeline", "add", "x", "--kind", "detect"], status: 64, mentioning: "Did you mean 'detected'?")
        try sandbox.expectRefusal(["action", "add", "x", "--horizon", "long-trem"], status: 64, mentioning: "Did you mean 'long-term'?")
        try sandbox.expectRefusal(["status", "mitigatd"], status: 64, mentioning: "Did you mean \"mitigated\"?")
    }

    @Test func unquotedTextIsAskedToBeQuotedForEveryTextArgument() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["new", "--p0", "Database", "is", "down"], status: 64,
                          mentioning: "given as 3 separate words; quote it", "\"Database is down\"")
        try sandbox.expectRefusal(["action", "add", "Restart", "pods"], status: 64, mentioning: "quote it", "\"Restart pods\"")
        try sandbox.expectRefusal(["role", "set", "commander", "Dana", "Smith"], status: 64, mentioning: "quote it", "\"Dana Smith\"")
        try sandbox.expectRefusal(["status", "mitigated", "--note", "pool", "scaled", "up"], status: 64,
                          mentioning: "quote it", "--note \"pool scaled up\"")
        let fresh = try Sandbox()
        expectFailure(try fresh.run(["new", "--p0", "Database", "is", "down"]), status: 64, mentioning: "quote it")
        #expect(!fresh.exists("incidents/incidents.sqlite"))
    }

    @Test func uncheckWorksAtTheTopLevelLikeCheck() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["check", "1"])
        let result = try sandbox.ok(["uncheck", "1"])
        #expect(result.stdout.hasPrefix("Unchecked action 1: Scale the checkout pool"))
        #expect(try sandbox.ok(["action", "list", "--open"]).stdout.contains("[ ] 1"))
    }

    @Test func actionsByOwnerMatchWithOrWithoutTheAt() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["action", "add", "Call the bank", "--owner", "@erin"])
        try sandbox.ok(["action", "add", "Write the report", "--owner", "Dana"])
        let erin = try sandbox.ok(["actions", "--open", "--owner", "erin"]).stdout
        #expect(erin.contains("Call the bank") && !erin.contains("Write the report"))
        #expect(try sandbox.ok(["actions", "--owner", "@dana"]).stdout.contains("Write the report"))
        let json = try sandbox.ok(["actions", "--owner", "ERIN", "--json"]).stdout
        #expect(json.contains("Call the bank") && !json.contains("Write the report"))
    }

    @Test func checkWithNoNumberListsTheOpenItems() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["action", "add", "Page the DBA"])
        try sandbox.ok(["check", "1"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let result = try sandbox.ok(["check"])
        #expect(result.stdout.contains("2") && result.stdout.contains("Page the DBA"))
        #expect(!result.stdout.contains("Scale the checkout pool"))
        #expect(result.stdout.contains("incident check 2"))
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
        try sandbox.ok(["check", "2"])
        #expect(try sandbox.ok(["check"]).stdout.contains("done"))
    }

    @Test func everyAddAnswersInOneForm() throws {
        let sandbox = try Sandbox.withIncident()
        #expect(try sandbox.ok(["action", "add", "Fix the pool", "--horizon", "long-term"]).stdout
                == "Added action 2 (long-term) to INC-1: Fix the pool\n")
        #expect(try sandbox.ok(["criterion", "add", "p99 under 300 ms"]).stdout == "Added criterion 1 (immediate) to INC-1: p99 under 300 ms\n")
        #expect(try sandbox.ok(["why", "add", "Pool too small"]).stdout == "Added why 1 to INC-1: Pool too small\n")
        #expect(try sandbox.ok(["why", "add", "No autoscaling", "--root-cause"]).stdout
                == "Added why 2 (root cause) to INC-1: No autoscaling\n")
        #expect(try sandbox.ok(["lesson", "add", "--went-well", "Paging was fast"]).stdout
                == "Added lesson 1 (went well) to INC-1: Paging was fast\n")
        #expect(try sandbox.ok(["timeline", "add", "Pool scaled", "--at", "2025-09-15 19:30 PST"]).stdout
                == "Added note at 2025-09-16 03:30 UTC to INC-1: Pool scaled\n")
    }

    @Test func aDateOnlyDueTimeIsTheEndOfThatDay() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["action", "add", "Add a replica", "--horizon", "long-term", "--due", "2027-01-31"])
        try sandbox.ok(["action", "edit", "1", "--due", "2027-02-01"])
        let actions = try sandbox.json()["actions"] as? [[String: Any]]
        #expect(actions?.map { $0["due"] as? String } == ["2027-02-01T23:59:59Z", "2027-01-31T23:59:59Z"])
    }

    @Test func roleListColumnsLineUp() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["role", "set", "commander", "@alexandra-the-great"])
        try sandbox.ok(["role", "set", "scribe", "@bo"])
        let lines = try sandbox.ok(["role", "list"]).lines
        #expect(lines.count == 2)
        let columns = lines.map { $0.range(of: "since")?.lowerBound.utf16Offset(in: $0) }
        #expect(columns[0] != nil && columns[0] == columns[1], "\(lines)")
    }

    @Test func countsUseTheSingularForOne() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.dir.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("---\nseverity: [P3]\n---\n## IMMEDIATE\n\n- [ ] Look\n\n## Success criteria\n\n- [ ] Green\n".utf8)
            .write(to: folder.appendingPathComponent("tiny.md"))
        let list = try sandbox.ok(["playbook", "list", "--playbooks", folder.path]).stdout
        #expect(list.contains("1 action, 1 criterion"), "\(list)")
    }
}
