import Foundation
import Testing

/// Several responders' terminals writing at once: writers queue for the lock instead of failing.
@Suite struct ConcurrencyTests {
    @Test func concurrentChecksAndTimelineEntriesAllSucceedAndEachIsLoggedOnce() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        for number in 1...40 {
            try sandbox.ok(["action", "add", "Action \(number)"])
        }

        // 8 processes with 5 actions each, written as ranges, lists and plain numbers; interleaved
        // so neighbours land in different processes.
        let groups: [[String]] = (0..<8).map { group in
            let numbers = (0..<5).map { group + 1 + 8 * $0 }
            switch group % 3 {
            case 0: return numbers.map(String.init)
            case 1: return [numbers.map(String.init).joined(separator: ",")]
            default: return [numbers.prefix(2).map(String.init).joined(separator: ",")] + numbers.dropFirst(2).map(String.init)
            }
        }
        var running = try groups.map { try sandbox.launch(["check", "INC-1"] + $0) }
        running += try (1...2).map { try sandbox.launch(["timeline", "add", "INC-1", "Note from terminal \($0)"]) }
        let results = running.map { $0.finish() }

        for result in results {
            #expect(result.status == 0, "\(result)")
            #expect(!(result.stdout + result.stderr).lowercased().contains("locked"), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
        for (group, result) in zip(groups, results) {
            #expect(result.lines.filter { $0.hasPrefix("Checked action ") }.count == 5, "group \(group): \(result)")
        }

        let json = try sandbox.json()
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.count == 40)
        #expect(actions.filter { $0["done"] as? Bool == true }.count == 40)
        let notes = (json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(Set(notes.filter { $0.hasPrefix("Note from terminal") }) == ["Note from terminal 1", "Note from terminal 2"])

        let log = try sandbox.ok(["log"]).lines
        let checked = log.compactMap { line -> Int? in
            guard let range = line.range(of: "  INC-1  checked action ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(checked.sorted() == Array(1...40), "one `checked action` line per action")
        #expect(log.filter { $0.contains("  added timeline note at ") }.count == 2)
    }

    /// Terminals that declare at once in a folder with no database: one builds the schema (in one transaction), the
    /// others wait for it and use it, and every incident is there once.
    @Test func declaringAtOnceInANewFolderBuildsTheSchemaOnceAndKeepsEveryIncident() throws {
        let sandbox = try Sandbox()
        let running = try (1...6).map { try sandbox.launch(["new", "--p2", "Declared from terminal \($0)"]) }
        for result in running.map({ $0.finish() }) {
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        }
        let database = sandbox.defaultDatabase
        #expect(try sandbox.sqlite3(database, "SELECT COUNT(*), COUNT(DISTINCT number) FROM incident").stdout == "6|6\n")
        #expect(try sandbox.sqlite3(database, "PRAGMA integrity_check").stdout == "ok\n")
        let doctor = try sandbox.ok(["doctor"]).stdout
        let migrations = try #require(doctor.firstMatch(of: /(\d+) of (\d+) migrations/), "\(doctor)")
        #expect(migrations.1 == migrations.2, "\(doctor)")
    }
}
