import Foundation
import Testing

/// Usage, not-found and refused errors: one `incident:` line on stderr, the right exit status, and a
/// database that is exactly as it was (compared through `sqlite3 .dump`, which reads through the WAL).
@Suite struct ErrorTests {
    @Test func declaringWithoutASeverityFailsWithUsageStatus() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["new", "Payments are down"], status: 64, mentioning: "Missing severity")
    }

    @Test func anUnknownSeverityFailsAtParseTimeListingTheValues() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["set", "--severity", "P9"], status: 64,
                          mentioning: "The value 'P9' is invalid for '--severity <severity>'. Please provide one of 'P0', 'P1', 'P2', 'P3' or 'P4'.")
    }

    @Test(arguments: [
        (["action", "add", "Fix it", "--horizon", "soon"], "'immediate', 'medium-term' or 'long-term'", "incident action add"),
        (["criterion", "add", "Green", "--phase", "later"], "'immediate' and 'short-term'", "incident criterion add"),
        (["timeline", "add", "Paged", "--kind", "paged"], "one of impact-started, detected, acknowledged,", "incident timeline add"),
        (["list", "--status", "done"], "one of investigating, identified,", "incident list"),
        (["export", "--format", "pdf"], "'md' and 'html'", "incident export"),
        (["reopen", "--status", "nope"], "monitoring, resolved, closed or cancelled.", "incident reopen"),
    ])
    func aBadValueFailsAtParseTimeNamingTheValuesAndTheCommand(_ arguments: [String], values: String, command: String) throws {
        let sandbox = try Sandbox.withIncident()
        let result = try sandbox.run(arguments)
        expectFailure(result, status: 64)
        #expect(result.stderr.contains(values))
        #expect(result.stderr.hasSuffix(" See '\(command) --help'.\n"))
    }

    @Test func argumentErrorsAreOneSentenceWithoutDoubledPunctuation() throws {
        let sandbox = try Sandbox.withIncident()
        let result = try sandbox.run(["show", "--jsn"])
        expectFailure(result, status: 64)
        #expect(result.stderr == "incident: Unknown option '--jsn'. Did you mean '--json'? See 'incident show --help'.\n")
    }

    @Test func helpListsTheAllowedValuesOfTypedOptions() throws {
        let sandbox = try Sandbox.withIncident()
        let help = try sandbox.run(["action", "add", "--help"])
        #expect(help.status == 0)
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--horizon <horizon> When it should be done. (values: immediate, medium-term, long-term; default: immediate)"))
    }

    @Test func aBlankTitleFailsWithUsageStatus() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["new", "--p1", "  "], status: 64, mentioning: "The title is empty")
    }

    @Test func anUnparseableTimeFailsWithUsageStatus() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["timeline", "add", "x", "--at", "yesterdayish"], status: 64,
                          mentioning: "Can't read the time \"yesterdayish\"")
    }

    @Test func showingAnUnknownIncidentFailsWithNotFoundStatus() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["show", "INC-99"], status: 66, mentioning: "No incident INC-99")
    }

    @Test func checkingAnItemNumberOutOfRangeFailsWithNotFoundStatus() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["check", "42"], status: 66, mentioning: "INC-1 has no action 42 (it has 1)")
        try sandbox.expectRefusal(["check", "1", "42"], status: 66, mentioning: "has no action 42")
        #expect(try sandbox.ok(["action", "list", "--open"]).stdout.contains("[ ] 1"), "item 1 must stay open")
    }

    @Test func movingTheStatusBackwardsIsRefused() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["status", "mitigated"])
        try sandbox.expectRefusal(["status", "investigating"], status: 1,
                          mentioning: "Can't go from mitigated back to investigating")
    }

    @Test func settingTheStatusToClosedIsRefused() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["status", "closed"], status: 1, mentioning: "`incident close`")
    }

    @Test func aMilestoneOutOfOrderIsRefused() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.ok(["timeline", "add", "Pool scaled", "--kind", "mitigated", "--at", "2025-09-15 20:00 PST"])
        try sandbox.expectRefusal(["timeline", "add", "Pager fired", "--kind", "detected", "--at", "2025-09-15 20:30 PST"],
                          status: 1, mentioning: "detected at 2025-09-16T04:30:00Z would be after mitigated at 2025-09-16T04:00:00Z")
    }

    /// Argument-parser errors (unknown option, conflicting flags, missing argument) have the same shape
    /// as every other error: one line, exit 64, nothing written.
    @Test(arguments: [
        ["new", "--p1", "--p2", "Two severities"],
        ["show", "--bogus"],
    ])
    func argumentErrorsAreAlsoOneIncidentLine(_ arguments: [String]) throws {
        let sandbox = try Sandbox.withIncident()
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let result = try sandbox.run(arguments)
        expectFailure(result, status: 64)
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }
}
