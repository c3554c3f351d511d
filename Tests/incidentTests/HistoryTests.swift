import Foundation
import Testing

/// Learning from past incidents: search, stats, the follow-up list, lint, and JSON on every reading command.
@Suite struct HistoryTests {
    /// The example incident and an unrelated one.
    func twoIncidents() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["new", "--p2", "Checkout latency after a deploy"])
        try sandbox.ok(["timeline", "add", "p99 latency over two seconds on checkout", "--kind", "detected"])
        return sandbox
    }

    @Test func aStemmedSearchFindsTheRightIncidentAndNotTheOther() throws {
        let sandbox = try twoIncidents()
        // "failing" finds "fails" (whys of the example), and nothing in the checkout incident says it.
        let found = try sandbox.ok(["search", "failing"])
        #expect(found.lines.first?.hasPrefix("INC-1 ") == true && !found.stdout.contains("INC-2"))
        #expect(found.stdout.contains("[fail"))
        let latency = try sandbox.ok(["search", "latencies", "checkout"])
        #expect(latency.lines.first?.hasPrefix("INC-2 ") == true && !latency.stdout.contains("INC-1 "))
        // FTS syntax is honoured, or read as plain words; never an error dump.
        #expect(try sandbox.ok(["search", "\"VPC connector\""]).stdout.contains("INC-1"))
        for query in ["\"unbalanced", "NEAR(", "OR", "*", "vpc AND"] {
            let result = try sandbox.run(["search", query])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(query): \(result)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["search", "vpc", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(json?.first?["id"] as? String == "INC-1" && (json?.first?["snippet"] as? String)?.contains("[") == true)
    }

    @Test func theIndexFollowsEveryChange() throws {
        let sandbox = try twoIncidents()
        try sandbox.ok(["action", "add", "INC-2", "Add a canary for the payment gateway"])
        #expect(try sandbox.ok(["search", "canary"]).stdout.contains("INC-2"))
        try sandbox.ok(["action", "edit", "INC-2", "1", "--text", "Roll back the release automatically"])
        #expect(try sandbox.ok(["search", "canary"]).stdout == "No incident mentions canary.\n")
        #expect(try sandbox.ok(["search", "automatically"]).stdout.contains("INC-2"))
        try sandbox.ok(["import", "-"], stdin: "# Kafka consumers stalled\n\n## Timeline\n\n- 2025-01-02 10:00 UTC lag alert\n")
        #expect(try sandbox.ok(["search", "kafka"]).lines.first?.hasPrefix("INC-3") == true)
    }

    @Test func statsShowTheFourResponseTimesWithTheirCountsAndDrawAChart() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Queue backlog", "--at", "2025-03-01 10:00 UTC", "--no-playbook"])
        for (kind, at) in [("impact-started", "09:40"), ("detected", "09:50"), ("acknowledged", "09:55")] {
            try sandbox.ok(["timeline", "add", kind, "--kind", kind, "--at", "2025-03-01 \(at) UTC"])
        }
        try sandbox.ok(["status", "mitigated", "--at", "2025-03-01 10:40 UTC"])
        try sandbox.ok(["status", "resolved", "--at", "2025-03-01 11:40 UTC"])
        let stats = try sandbox.ok(["stats", "--svg", "chart.svg"]).stdout
        // Three rows per severity (median, p90, n), a column per measure: detect, acknowledge, mitigate, resolve.
        let rows = stats.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("P1 median 10m 5m 1h 00m 2h 00m"), "\(stats)")
        #expect(rows.contains("p90 10m 5m 1h 00m 2h 00m") && rows.contains("n 1 1 1 1"), "\(stats)")
        let svg = try String(contentsOf: sandbox.dir.appendingPathComponent("chart.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<rect") && svg.contains("median time to resolve"))
        let json = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["stats", "--json"]).stdout.utf8)) as? [String: Any]
        let figures = json?["responseTimes"] as? [[String: Any]]
        #expect(figures?.count == 4 && figures?.allSatisfy { $0["count"] as? Int == 1 } == true)
        #expect((figures?.first { $0["measure"] as? String == "resolve" })?["medianSeconds"] as? Double == 7200)
    }

    @Test func statsByYearBreaksTheFiguresDownByTheYearDeclaredInTheUsersZone() throws {
        let sandbox = try Sandbox()
        // Two P1s a few hours apart across a new year in UTC (resolved after 1 h and 3 h), and a P2 in June (30 min).
        for (severity, title, declared, resolved) in [("--p1", "Queue backlog", "2024-12-31 12:00", "2024-12-31 13:00"),
                                                      ("--p1", "Cache stampede", "2025-01-01 10:00", "2025-01-01 13:00"),
                                                      ("--p2", "Slow search", "2025-06-01 10:00", "2025-06-01 10:30")] {
            try sandbox.ok(["new", severity, title, "--at", declared + " UTC", "--no-playbook"])
            try sandbox.ok(["status", "resolved", "--at", resolved + " UTC"])
        }
        #expect(try !sandbox.ok(["stats"]).stdout.contains("By year"))
        let table = try sandbox.ok(["stats", "--by", "year"])
        // Per year and severity: the count, then median, p90 and n rows (resolve is the last column).
        let rows = Array(table.lines.drop { !$0.hasPrefix("By year") }.dropFirst(2).prefix { !$0.isEmpty })
            .map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.filter { $0.hasPrefix("20") } == ["2024 P1: 1 incident", "2025 P1: 1 incident", "2025 P2: 1 incident"], "\(table.stdout)")
        #expect(rows.filter { $0.hasPrefix("median") } == ["median — — — 1h 00m", "median — — — 3h 00m", "median — — — 30m"], "\(rows)")
        // In Auckland (UTC+13 in summer) the first was declared at 01:00 on 2025-01-01: both P1s are in 2025.
        let auckland = try sandbox.run(["stats", "--by", "year"], environment: ["TZ": "Pacific/Auckland"])
        let aucklandRows = auckland.lines.drop { !$0.hasPrefix("By year") }.dropFirst(2).prefix { !$0.isEmpty }
            .map { $0.split(separator: " ").joined(separator: " ") }
        #expect(aucklandRows.filter { $0.hasPrefix("20") } == ["2025 P1: 2 incidents", "2025 P2: 1 incident"], "\(auckland)")
        #expect(aucklandRows.filter { $0.hasPrefix("p90") }.first == "p90 — — — 3h 00m", "\(auckland)")
        #expect(aucklandRows.filter { $0.hasPrefix("n ") }.first == "n — — — 2", "\(auckland)")
        let json = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["stats", "--by", "year", "--json"]).stdout.utf8)) as? [String: Any]
        let years = try #require(json?["byYear"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2024, 2025])
        #expect((years.last?["counts"] as? [String: Int]) == ["P1": 1, "P2": 1])
        let resolve = (years.last?["responseTimes"] as? [[String: Any]])?.filter { $0["measure"] as? String == "resolve" }
        #expect(resolve?.map { $0["severity"] as? String } == ["P1", "P2"] && resolve?.map { $0["medianSeconds"] as? Double } == [10_800, 1_800])
        let plain = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["stats", "--json"]).stdout.utf8)) as? [String: Any]
        #expect(plain?["responseTimes"] != nil && plain?["byYear"] == nil)
    }

    @Test func actionsOpenListsTheExamplesFollowUps() throws {
        let sandbox = try twoIncidents()
        try sandbox.ok(["check", "INC-1", "1", "2"])
        let open = try sandbox.ok(["actions", "--open"])
        #expect(open.lines.count == 9 && open.lines.allSatisfy { $0.hasPrefix("INC-1 ") })
        #expect(open.stdout.contains("Alert on VPC connector errors  (owner infra-team, due 2025-09-16 17:00 UTC (overdue))"))
        // Columns line up: reference (9), horizon (12), box (4), number (4), then the text.
        #expect(open.lines.allSatisfy { line in
            line.dropFirst(21).hasPrefix("[ ] ") && line.dropFirst(25).first?.isNumber == true && line.dropFirst(29).first != " "
        }, "\(open.lines)")
        #expect(try sandbox.ok(["actions", "--owner", "infra-team"]).lines.count == 1)
        #expect(try sandbox.ok(["actions", "--overdue"]).lines.count == 1)
        let json = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["actions", "--open", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 9 && json?.first?["incident"] as? String == "INC-1")
        #expect(json?.first?["incidentTitle"] as? String == Example.title)
    }

    @Test func lintFailsAnIncompletePostmortemAndPassesACompleteOne() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Bare", "--no-playbook"])
        let bare = try sandbox.run(["lint"])
        #expect(bare.status == 1)
        #expect(bare.stdout.contains("INC-1: no root cause") && bare.stdout.contains("INC-1: 0 whys"))
        try sandbox.ok(["new", "--p2", "Complete", "--impact", "Checkout failed for 10 minutes", "--summary", "A bad deploy", "--no-playbook"])
        for (index, why) in ["Checkout failed", "The deploy broke the cart", "No canary caught it"].enumerated() {
            try sandbox.ok(["why", "add", why] + (index == 2 ? ["--root-cause"] : []))
        }
        for kind in ["detected", "mitigated", "resolved"] { try sandbox.ok(["timeline", "add", kind, "--kind", kind]) }
        let complete = try sandbox.ok(["lint", "INC-2"])
        #expect(complete.stdout == "INC-2: the postmortem is complete.\n")
        let all = try sandbox.run(["lint", "--all", "--json"])
        #expect(all.status == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]]
        #expect(findings?.allSatisfy { $0["incident"] as? String == "INC-1" } == true)
    }

    @Test(arguments: [["action", "list"], ["criterion", "list"], ["timeline", "list"], ["why", "list"], ["log"]])
    func everyListCommandHasJSON(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let result = try sandbox.ok(command + ["--json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(!array.isEmpty)
    }
}
