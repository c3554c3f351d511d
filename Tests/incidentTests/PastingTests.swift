import Foundation
import Testing

/// What the tool writes reads as typed when pasted: into GitHub, Slack or a terminal, in one zone, in 80 columns.
@Suite struct PastingTests {
    @Test func theMermaidTimelineKeepsTheTypedCharacters() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout errors", "--at", "2025-09-15 19:00 UTC"])
        try sandbox.ok(["timeline", "add", "checkout 5xx > 50% at 19:05; p99 < 2s; see #42 {\"a\":1} <b>", "--at", "2025-09-15 19:05 UTC"])
        try sandbox.ok(["timeline", "add", "Cause: pool exhausted", "--at", "2025-09-15 19:10 UTC"])
        let body = try sandbox.ok(["render"]).stdout
        let mermaid = try #require(body.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "```").first)
        // A colon followed by a space would end mermaid's event, the time period can't hold one, and a tag's `<` would
        // be read as HTML: only those change.
        #expect(mermaid.contains("note — checkout 5xx > 50% at 19:05; p99 < 2s; see #42 {\"a\":1} ‹b>"), "\(mermaid)")
        #expect(mermaid.contains("note — Cause∶ pool exhausted"), "\(mermaid)")
        #expect(mermaid.contains("2025-09-15 19∶05 UTC : "), "\(mermaid)")
        #expect(!mermaid.contains("19∶05;"), "\(mermaid)")
    }

    @Test func issueAndUpdateMarkdownKeepAngleBracketsAndAmpersands() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "p99 > 2s & rising", "--at", "2025-09-15 19:00 UTC"])
        try sandbox.ok(["action", "add", "Keep p99 < 200ms for R&D"])
        try sandbox.ok(["action", "add", "Strip <script>alert(1)</script> and &amp; from input"])
        try sandbox.ok(["update"])
        try sandbox.ok(["check", "1"])
        for arguments in [["render"], ["update", "--dry-run"]] {
            let text = try sandbox.ok(arguments).stdout
            #expect(text.contains("Keep p99 < 200ms for R&D"), "\(arguments): \(text)")
            #expect(!text.contains("&lt; 200") && !text.contains("R&amp;D"), "\(arguments): \(text)")
            // Only what would start HTML or an entity is escaped.
            #expect(!text.contains("<script>"), "\(arguments): \(text)")
        }
        #expect(try sandbox.ok(["render"]).stdout.contains("p99 > 2s & rising"))
    }

    @Test func postmortemPeopleAreListedOnceWithTheRoleHolders() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Queue backlog", "--assignee", "@dana", "--commander", "@erin"])
        try sandbox.ok(["role", "set", "scribe", "Frank"])
        try sandbox.ok(["action", "add", "Drain the queue", "--owner", "dana"])
        try sandbox.ok(["check", "1", "--as", "Dana"])
        let postmortem = try sandbox.ok(["export"]).stdout
        let people = try #require(postmortem.split(separator: "\n").first { $0.hasPrefix("| **People** |") })
        #expect(people == "| **People** | @dana, @erin, Frank |", "\(people)")
    }

    @Test func theLogShowsEveryTimeInTheUsersZone() throws {
        let sandbox = try Sandbox()
        let pacific: [String: String?] = ["TZ": "America/Los_Angeles"]
        try sandbox.run(["new", "--p1", "Queue backlog", "--at", "2025-09-15 19:00 PST"], environment: pacific)
        try sandbox.run(["status", "mitigated", "--at", "2025-09-15 19:30 PST"], environment: pacific)
        let log = try sandbox.run(["log"], environment: pacific).stdout
        #expect(log.contains("mitigated at 2025-09-15 20:30 PDT"), "\(log)")
        #expect(log.range(of: #"\d\d:\d\d:\d\dZ"#, options: .regularExpression) == nil, "\(log)")
    }

    @Test func aPrintedUpdateIsNotCalledPosted() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p0", "Payments down", "--no-playbook"])
        try sandbox.ok(["update"])
        let log = try sandbox.ok(["log"]).stdout
        #expect(!log.contains("posted"), "\(log)")
        #expect(log.contains("printed a checklist update"), "\(log)")
        let show = try sandbox.ok(["show"]).stdout
        #expect(!show.contains("posted just now") && show.contains("Stakeholder updates: next update due in 30 min"), "\(show)")
    }

    @Test func aResolvedIncidentHasNoUpdateDue() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p0", "Payments down", "--no-playbook", "--at", "-2h"])
        try sandbox.ok(["status", "resolved"])
        #expect(!(try sandbox.ok(["show"]).stdout.contains("update due")))
        #expect(!(try sandbox.ok(["status", "resolved"]).stdout.contains("update")))
        let due = try sandbox.run(["due"])
        #expect(due.status == 0 && !due.stdout.contains("update"), "\(due)")
    }

    @Test func statsFitEightyColumns() throws {
        let sandbox = try Sandbox()
        for (index, severity) in ["--p0", "--p1", "--p2"].enumerated() {
            try sandbox.ok(["new", severity, "Outage \(index)", "--at", "2025-0\(index + 1)-10 10:00 UTC"])
            try sandbox.ok(["timeline", "add", "Started", "--kind", "impact-started", "--at", "2025-0\(index + 1)-10 09:00 UTC"])
            try sandbox.ok(["timeline", "add", "Seen", "--kind", "detected", "--at", "2025-0\(index + 1)-10 09:12 UTC"])
            try sandbox.ok(["timeline", "add", "Acked", "--kind", "acknowledged", "--at", "2025-0\(index + 1)-10 09:20 UTC"])
            try sandbox.ok(["status", "mitigated", "--at", "2025-0\(index + 1)-10 13:00 UTC"])
            try sandbox.ok(["status", "resolved", "--at", "2025-0\(index + 1)-12 11:00 UTC"])
            try sandbox.ok(["action", "add", "Follow up \(index)", "--horizon", "long-term", "--owner", "a-team-with-a-very-long-name-\(index)"])
        }
        for arguments in [["stats"], ["stats", "--by", "year"]] {
            let lines = try sandbox.ok(arguments).lines
            #expect(lines.contains { $0.contains("2d 2h") }, "\(lines.joined(separator: "\n"))")
            for line in lines {
                #expect(line.count <= 80, "\(line.count) columns: \(line)")
            }
        }
    }
}
