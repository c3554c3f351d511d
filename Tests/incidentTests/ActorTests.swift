import Foundation
import Testing

/// Who the change log names: `--as NAME`, else `$USER`.
@Suite struct ActorTests {
    @Test func theAsOptionIsRecordedInTheChangeLogAndOnCheckedItems() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow", "--as", "alice"])
        try sandbox.ok(["action", "add", "--as", "Bob Smith", "Scale the pool"])
        try sandbox.ok(["check", "1", "--as", "carol"])
        let log = try sandbox.ok(["log"]).lines
        #expect(log.count == 3, "\(log)")
        #expect(log[0].hasSuffix("  alice  INC-1  declared P1 \"Checkout is slow\""), "\(log)")
        #expect(log[1].hasSuffix("  Bob Smith  INC-1  added immediate action 1 \"Scale the pool\""), "\(log)")
        #expect(log[2].hasSuffix("  carol  INC-1  checked action 1 \"Scale the pool\""), "\(log)")
        let actions = try #require(try sandbox.json()["actions"] as? [[String: Any]])
        #expect(actions.first?["doneBy"] as? String == "carol")
        #expect(try sandbox.ok(["action", "list"]).stdout.contains("(done by carol "))
    }

    @Test func userFromTheEnvironmentIsRecordedWhenAsIsNotGiven() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow"])
        let other = try sandbox.run(["why", "add", "The index is cold"], environment: ["USER": "dave"])
        #expect(other.status == 0, "\(other)")
        let overridden = try sandbox.run(["why", "add", "--as", "erin", "Nobody warmed it"], environment: ["USER": "dave"])
        #expect(overridden.status == 0, "\(overridden)")
        let log = try sandbox.ok(["log"]).lines
        #expect(log.count == 3, "\(log)")
        #expect(log[0].contains("  tester  INC-1  declared P2 "), "\(log)")
        #expect(log[1].contains("  dave  INC-1  added why 1 "), "\(log)")
        #expect(log[2].contains("  erin  INC-1  added why 2 "), "\(log)")
    }

    @Test func aBlankAsNameIsRefusedAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let result = try sandbox.run(["why", "add", "--as", "  ", "The index is cold"])
        expectFailure(result, status: 64, mentioning: "The --as name is empty")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }
}

@Suite struct ActorFallbackTests {
    /// Containers and cron often run without $USER or $LOGNAME: the change log names the passwd entry, not "unknown".
    @Test func withoutUserOrLognameTheLoginNameOfTheCurrentUserIsRecorded() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Cron job failing"])
        let result = try sandbox.run(["why", "add", "The job runs as another user"], environment: ["USER": nil, "LOGNAME": nil])
        #expect(result.status == 0)
        let login = String(cString: getpwuid(getuid())!.pointee.pw_name)
        #expect(try sandbox.ok(["log"]).lines.last?.contains("  \(login)  INC-1  added why 1") == true)
    }
}
