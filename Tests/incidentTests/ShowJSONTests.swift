import Foundation
import Testing

/// `show --json` has the documented keys and the values that were typed, in ISO 8601 UTC.
@Suite struct ShowJSONTests {
    static let documentedKeys: Set<String> = [
        "id", "number", "title", "severity", "status", "labels", "assignees", "services", "impact", "summary",
        "rootCause", "resolution", "whys", "timeline", "actions", "criteria", "sections", "createdAt", "closedAt", "github", "roles",
    ]

    @Test func showJSONHasEveryDocumentedKeyWithTheRecordedValues() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["section", "add", "Risk Assessment"], stdin: "Low: the fix only recreates a connector.\n")
        try sandbox.ok(["check", "1", "2"])
        let json = try sandbox.json(["INC-1"])

        #expect(Self.documentedKeys.isSubset(of: Set(json.keys)), "missing: \(Self.documentedKeys.subtracting(json.keys))")
        #expect(json["id"] as? String == "INC-1")
        #expect(json["number"] as? Int == 1)
        #expect(json["title"] as? String == Example.title)
        #expect(json["severity"] as? String == "P0")
        #expect(json["status"] as? String == "investigating")
        #expect(json["labels"] as? [String] == ["api", "database"])
        #expect(json["assignees"] as? [String] == ["alice", "infra-team"])
        let services = try #require(json["services"] as? [[String: Any]])
        #expect(services.count == 1)
        #expect(services.first?["name"] as? String == "api")
        #expect(services.first?["url"] as? String == "https://api.example.com")
        #expect(services.first?["note"] as? String == "all endpoints")
        #expect(json["impact"] as? String == "Every API request fails")
        #expect(json["summary"] is NSNull, "absent values are null, not left out")
        #expect(json["rootCause"] as? String == Example.rootCause)
        #expect(json["resolution"] is NSNull)
        #expect(json["createdAt"] as? String == Example.declaredAtUTC)
        #expect(json["closedAt"] is NSNull)
        #expect(json["github"] is NSNull)

        let whys = try #require(json["whys"] as? [[String: Any]])
        #expect(whys.compactMap { $0["text"] as? String } == Example.whys)
        #expect(whys.compactMap { $0["rootCause"] as? Bool } == [false, false, false, false, true])
        #expect(whys.first?["parent"] is NSNull)
        #expect(whys.dropFirst().compactMap { $0["parent"] as? Int } == [1, 2, 3, 4])

        let timeline = try #require(json["timeline"] as? [[String: Any]])
        #expect(timeline.compactMap { $0["kind"] as? String } == ["declared", "detected", "root-cause-identified", "fix-deployed"])
        #expect(timeline.compactMap { $0["at"] as? String } == [Example.declaredAtUTC] + Example.timeline.map(\.utc))
        #expect(timeline.compactMap { $0["recorded"] as? Bool } == [true, false, false, false])
        #expect(timeline.dropFirst().compactMap { $0["text"] as? String } == Example.timeline.map(\.text))

        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.compactMap { $0["number"] as? Int } == Array(1...11))
        #expect(actions.compactMap { $0["text"] as? String } == Example.actions.map(\.0))
        #expect(actions.compactMap { $0["horizon"] as? String } == Example.actions.map(\.1))
        #expect(actions.compactMap { $0["done"] as? Bool } == [true, true] + Array(repeating: false, count: 9))
        #expect(actions[0]["details"] as? String == Example.recreateDetails)
        #expect(actions[0]["doneBy"] as? String == "tester")
        #expect((actions[0]["doneAt"] as? String)?.hasSuffix("Z") == true)
        #expect(actions[2]["doneAt"] is NSNull && actions[2]["doneBy"] is NSNull)
        #expect(actions[3]["owner"] as? String == "infra-team")
        #expect(actions[3]["due"] as? String == "2025-09-16T17:00:00Z")

        let criteria = try #require(json["criteria"] as? [[String: Any]])
        #expect(criteria.compactMap { $0["text"] as? String } == Example.criteria.map(\.0))
        #expect(criteria.compactMap { $0["phase"] as? String } == Example.criteria.map(\.1))
        #expect(criteria.allSatisfy { $0["met"] as? Bool == false && $0["metAt"] is NSNull })

        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.count == 1)
        #expect(sections.first?["title"] as? String == "Risk Assessment")
        #expect(sections.first?["markdown"] as? String == "Low: the fix only recreates a connector.")
    }

    @Test func closedAtIsSetByCloseAndClearedByReopen() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["close", "--force", "--resolution", "Recreated the connector", "--at", "2025-09-15 22:00 PST"])
        let closed = try sandbox.json()
        #expect(closed["status"] as? String == "closed")
        #expect(closed["closedAt"] as? String == "2025-09-16T06:00:00Z")
        #expect(closed["resolution"] as? String == "Recreated the connector")
        let closedEntry = (closed["timeline"] as? [[String: Any]])?.last
        #expect(closedEntry?["kind"] as? String == "closed")
        #expect(closedEntry?["at"] as? String == "2025-09-16T06:00:00Z")
        #expect((closedEntry?["text"] as? String)?.contains("forced with open immediate actions 1, 2, 3") == true)

        try sandbox.ok(["reopen", "--at", "2025-09-15 22:30 PST", "--note", "503s are back"])
        let reopened = try sandbox.json()
        #expect(reopened["status"] as? String == "investigating")
        #expect(reopened["closedAt"] is NSNull)
        let reopenEntry = (reopened["timeline"] as? [[String: Any]])?.last
        #expect(reopenEntry?["kind"] as? String == "status-changed")
        #expect(reopenEntry?["at"] as? String == "2025-09-16T06:30:00Z")
        #expect(reopenEntry?["text"] as? String == "Reopened: closed → investigating — 503s are back")
    }
}
