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
}
