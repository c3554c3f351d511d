import Foundation
import Testing

/// `incident update`: the checklist comment reports what changed since the last recorded update.
@Suite struct UpdateCommandTests {
    /// The list lines under the first line starting with `heading` (e.g. "**Done since"), up to a blank line;
    /// nil when there is no such heading.
    static func items(under heading: String, in text: String) -> [String]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return nil }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// The heading line itself, e.g. "**Done since the last update (2025-… UTC):**".
    static func heading(_ prefix: String, in text: String) -> String? {
        text.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) }
    }

    /// Updates recorded in the log: printed (plain `update`) or posted (`--post`).
    static func recordedUpdates(_ sandbox: Sandbox) throws -> Int {
        try sandbox.ok(["log"]).lines.filter { $0.hasSuffix("printed a checklist update") || $0.contains("posted a checklist update to ") }.count
    }

    @Test func theFirstUpdateListsEverythingDoneSinceTheIncidentWasDeclared() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        try sandbox.ok(["criterion", "check", "1"])
        let update = try sandbox.ok(["update"]).stdout
        #expect(update.hasPrefix("### INC-1 update · "))
        #expect(Self.heading("**Done since", in: update) == "**Done since the incident was declared:**")
        #expect(Self.items(under: "**Done since", in: update) == [
            "- [x] Recreate the VPC connector (action 1)",
            "- [x] Restart the API pods (action 2)",
            "- [x] Health endpoints return HTTP 200 (criterion 1)",
        ])
        #expect(update.contains("**Actions:** 2/11 done (immediate 2/3, medium-term 0/4, long-term 0/4)"))
        #expect(update.contains("**Success criteria:** 1/8 met (immediate 1/4, short-term 0/4)"))
        #expect(Self.items(under: "**Still open (immediate):**", in: update) == [
            "- [ ] Confirm health endpoints return 200 (action 3)",
            "- [ ] E2E tests pass (criterion 2)",
            "- [ ] Error rate below 0.1% (criterion 3)",
            "- [ ] Database connections stable for 30 minutes (criterion 4)",
        ])
        #expect(Self.items(under: "**Reopened since", in: update) == nil)
        #expect(try Self.recordedUpdates(sandbox) == 1)
    }

    @Test func theNextUpdateListsOnlyWhatWasCheckedSinceTheLastOne() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        try sandbox.ok(["criterion", "check", "1"])
        try sandbox.ok(["update"])
        try sandbox.ok(["check", "3", "4"])
        let next = try sandbox.ok(["update"]).stdout
        let heading = try #require(Self.heading("**Done since", in: next), "\(next)")
        #expect(heading.hasPrefix("**Done since the last update (") && heading.hasSuffix(" UTC):**"), "\(heading)")
        #expect(Self.items(under: "**Done since", in: next) == [
            "- [x] Confirm health endpoints return 200 (action 3)",
            "- [x] Alert on VPC connector errors (action 4)",
        ])
        #expect(!next.contains("(action 1)") && !next.contains("(action 2)") && !next.contains("(criterion 1)"), "\(next)")
        #expect(next.contains("**Actions:** 4/11 done (immediate 3/3, medium-term 1/4, long-term 0/4)"))

        let quiet = try sandbox.ok(["update"]).stdout
        #expect(Self.items(under: "**Done since", in: quiet) == nil)
        #expect(quiet.contains("No checklist or timeline changes since the last update ("), "\(quiet)")
        #expect(try Self.recordedUpdates(sandbox) == 3)
    }

    @Test func aDryRunPrintsTheUpdateButRecordsNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let first = try sandbox.ok(["update", "--dry-run"]).stdout
        let second = try sandbox.ok(["update", "--dry-run"]).stdout
        #expect(Self.items(under: "**Done since", in: first) == ["- [x] Recreate the VPC connector (action 1)"])
        // Everything but the first line (which carries the time, to the minute) is the same.
        #expect(first.split(separator: "\n").dropFirst() == second.split(separator: "\n").dropFirst(), "\(first)\n---\n\(second)")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before, "a dry run must not write")
        #expect(try Self.recordedUpdates(sandbox) == 0)

        // The real update still sees the same changes, and records them.
        let real = try sandbox.ok(["update"]).stdout
        #expect(Self.items(under: "**Done since", in: real) == ["- [x] Recreate the VPC connector (action 1)"])
        #expect(try Self.recordedUpdates(sandbox) == 1)
        let after = try sandbox.ok(["update", "--dry-run"]).stdout
        #expect(Self.items(under: "**Done since", in: after) == nil)
        #expect(after.contains("No checklist or timeline changes since the last update"))
        #expect(try Self.recordedUpdates(sandbox) == 1)
    }

    @Test func uncheckedItemsAreListedAsReopened() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        try sandbox.ok(["criterion", "check", "1", "2"])
        try sandbox.ok(["update"])
        try sandbox.ok(["action", "uncheck", "1"])
        try sandbox.ok(["criterion", "uncheck", "2"])
        let update = try sandbox.ok(["update"]).stdout
        let heading = try #require(Self.heading("**Reopened since", in: update), "\(update)")
        #expect(heading.hasPrefix("**Reopened since the last update ("))
        #expect(Self.items(under: "**Reopened since", in: update) == [
            "- [ ] Recreate the VPC connector (action 1)",
            "- [ ] E2E tests pass (criterion 2)",
        ])
        #expect(Self.items(under: "**Done since", in: update) == nil, "\(update)")
        #expect(Self.items(under: "**Still open (immediate):**", in: update)?.contains("- [ ] Recreate the VPC connector (action 1)") == true)

        // Checked again: done since the last update, no longer reopened.
        try sandbox.ok(["check", "1"])
        let again = try sandbox.ok(["update"]).stdout
        #expect(Self.items(under: "**Done since", in: again) == ["- [x] Recreate the VPC connector (action 1)"])
        #expect(Self.items(under: "**Reopened since", in: again) == nil)
    }

    @Test func onlyTimelineEntriesAddedSinceTheLastUpdateAreListed() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let first = try sandbox.ok(["update"]).stdout
        let firstEntries = Self.items(under: "**Timeline since", in: first) ?? []
        #expect(firstEntries.count == Example.timeline.count + 1, "\(first)")
        for entry in Example.timeline {
            #expect(firstEntries.contains { $0.hasSuffix("(\(entry.kind)): \(entry.text)") }, "\(entry.text) missing: \(firstEntries)")
        }

        try sandbox.ok(["timeline", "add", "API pods restarted", "--at", "2025-09-15 20:50 PST"])
        let next = try sandbox.ok(["update"]).stdout
        #expect(Self.heading("**Timeline since", in: next)?.hasPrefix("**Timeline since the last update (") == true)
        #expect(Self.items(under: "**Timeline since", in: next) == ["- **2025-09-16 04:50 UTC** (note): API pods restarted"])
        for entry in Example.timeline {
            #expect(!next.contains(entry.text), "\(entry.text) was in the previous update: \(next)")
        }
        #expect(Self.items(under: "**Done since", in: next) == nil)
    }

    @Test func outputFileGetsTheUpdateAndItIsStillRecorded() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1"])
        let result = try sandbox.ok(["update", "-o", "comment.md"])
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let comment = String(decoding: try sandbox.contents("comment.md"), as: UTF8.self)
        #expect(Self.items(under: "**Done since", in: comment) == ["- [x] Recreate the VPC connector (action 1)"])
        #expect(try Self.recordedUpdates(sandbox) == 1)
    }
}
