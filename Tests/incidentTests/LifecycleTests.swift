import Foundation
import Testing

/// The example incident from declaration to reopening, through the binary.
@Suite struct LifecycleTests {
    @Test func declaringPrintsTheReferenceOnTheFirstLineAndRecordsEverythingTyped() throws {
        let sandbox = try Sandbox()
        let declared = try sandbox.declareExampleIncident()
        #expect(declared.lines.first == "INC-1")
        #expect(declared.lines.dropFirst().first
            == "Declared P0 \"\(Example.title)\" at 2025-09-16 03:17 UTC; it is now the current incident.")
        #expect(declared.stderr.isEmpty)

        let whys = try sandbox.ok(["why", "list"]).lines
        #expect(whys.count == 5)
        #expect(whys.last == "  5. \(Example.whys[4])  [root cause]")

        let actions = try sandbox.ok(["action", "list"]).stdout
        #expect(actions.contains("  immediate (0/3 done)\n"))
        #expect(actions.contains("  medium-term (0/4 done)\n"))
        #expect(actions.contains("  long-term (0/4 done)\n"))
        #expect(actions.contains("          ```bash\n          gcloud compute networks vpc-access connectors create"))

        let criteria = try sandbox.ok(["criterion", "list"]).stdout
        #expect(criteria.contains("  immediate (0/4 met)\n") && criteria.contains("  short-term (0/4 met)\n"))

        let timeline = try sandbox.ok(["timeline", "list"]).lines
        #expect(timeline.map { $0.split(separator: " ", omittingEmptySubsequences: true)[3] }
            == ["declared", "detected", "root-cause-identified", "fix-deployed"])
        #expect(timeline[1].hasPrefix("  2025-09-16 03:17 UTC  detected "))
        #expect(timeline[3].hasPrefix("  2025-09-16 04:40 UTC  fix-deployed "))
    }

    @Test func checkingADoneActionSucceedsAndSaysSo() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let first = try sandbox.ok(["check", "1", "2"])
        #expect(first.lines == [
            "Checked action 1: Recreate the VPC connector",
            "Checked action 2: Restart the API pods",
            "Actions: 2/11 done (immediate 2/3, medium-term 0/4, long-term 0/4)",
        ])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let again = try sandbox.ok(["check", "1"])
        #expect(again.lines == [
            "Action 1 is already done; nothing changed: Recreate the VPC connector",
            "Actions: 2/11 done (immediate 2/3, medium-term 0/4, long-term 0/4)",
        ])
        #expect(again.stderr.isEmpty)
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before, "a no-op check must not write anything")
        let log = try sandbox.ok(["log"]).lines
        #expect(log.filter { $0.hasSuffix("  checked action 1 \"Recreate the VPC connector\"") }.count == 1)
    }

    @Test func closingWithOpenImmediateWorkIsRefusedOnOneLineNamingTheItems() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let refused = try sandbox.run(["close"])
        expectFailure(refused, status: 1)
        #expect(refused.stderr == "incident: INC-1 still has 1 open immediate action (3  Confirm health endpoints return 200) and 4 unmet "
            + "immediate criteria (1  Health endpoints return HTTP 200; 2  E2E tests pass; 3  Error rate below 0.1%; "
            + "4  Database connections stable for 30 minutes). Check them off, or close anyway with `incident close --force`.\n")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
        #expect(try sandbox.ok(["list"]).stdout.contains("INC-1    P0  investigating"))
    }

    @Test func forceClosingThenReopeningIsRecordedInTheChangeLog() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        try sandbox.ok(["check", "1"])

        let closed = try sandbox.ok(["close", "--force"])
        #expect(closed.stdout == "Force-closed INC-1 with open immediate action 3 and unmet immediate criteria 1, 2, 3, 4; "
            + "recorded as forced.\n")
        #expect(try sandbox.ok(["list"]).stdout == "No open incidents. `incident list --all` includes closed ones.\n")
        #expect(try sandbox.ok(["list", "--all"]).stdout.contains("INC-1    P0  closed"))

        let reopened = try sandbox.ok(["reopen"])
        #expect(reopened.stdout == "Reopened INC-1; it is now investigating.\n")
        #expect(try sandbox.ok(["list"]).stdout.contains("INC-1    P0  investigating"))

        let log = try sandbox.ok(["log"]).lines
        func position(_ change: String) -> Int? {
            log.firstIndex { $0.contains("  tester  INC-1  \(change)") }
        }
        let declared = position("declared P0 \"\(Example.title)\"")
        let checked1 = position("checked action 1 \"Recreate the VPC connector\"")
        let checked2 = position("checked action 2 \"Restart the API pods\"")
        let forced = position("force-closed investigating → closed at ")
        let reopenedAt = position("reopened closed → investigating at ")
        #expect(declared != nil && checked1 != nil && checked2 != nil && forced != nil && reopenedAt != nil, "\(log)")
        if let declared, let checked1, let checked2, let forced, let reopenedAt {
            #expect(declared < checked1 && checked1 < checked2 && checked2 < forced && forced < reopenedAt)
            #expect(log[forced].hasSuffix("(forced with open immediate action 3 and unmet immediate criteria 1, 2, 3, 4)"))
        }
        #expect(log.filter { $0.contains("  checked action ") }.count == 2, "the no-op check must not be logged")
        // The root-cause why also fills the empty root cause (one line), before `set --root-cause` replaces it.
        #expect(log.count == 1 + 5 + 1 + 3 + 11 + 8 + 1 + 2 + 2, "one line per change: \(log)")
    }
}
