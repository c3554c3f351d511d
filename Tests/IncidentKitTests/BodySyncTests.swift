import Foundation
import Testing
@testable import IncidentKit

/// The BodySync use case: an issue body edited elsewhere, read and applied to the incident in one call.
@Suite struct BodySyncTests {
    /// The example's body as rendered, with the box of the task line `text` flipped.
    func body(_ incident: Incident, ticking text: String) throws -> String {
        var lines = try RenderingFixtures.renderer().issueBody(incident, at: RenderingFixtures.now).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("- [ ]") && $0.contains("] \(text)") })
        lines[index] = "- [x]" + lines[index].dropFirst(5)
        return lines.joined(separator: "\n")
    }

    @Test func aTickInTheBodyChecksTheItemAndIsLoggedWithItsSource() throws {
        let (store, number) = try RenderingFixtures.example()
        let edited = try body(try store.incident(number), ticking: "Emergency bypass disabled")
        let (plan, before) = try BodySync(store: store).apply(edited, to: number, from: "body.md", addingNew: false, dryRun: false)
        #expect(plan.changes.map(\.text) == ["Emergency bypass disabled"])
        #expect(before.criteria.first { $0.number == 6 }?.isMet == false)
        #expect(try store.incident(number).criteria.first { $0.number == 6 }?.isMet == true)
        #expect(try store.changeLog(for: number).last?.change.hasSuffix("(from sync of body.md)") == true)
    }

    @Test func aDryRunSaysWhatWouldChangeAndChangesNothing() throws {
        let (store, number) = try RenderingFixtures.example()
        let edited = try body(try store.incident(number), ticking: "Emergency bypass disabled")
        let logged = try store.changeLog(for: number).count
        let (plan, _) = try BodySync(store: store).apply(edited, to: number, from: "body.md", addingNew: false, dryRun: true)
        #expect(plan.changes.count == 1)
        #expect(try store.incident(number).criteria.first { $0.number == 6 }?.isMet == false)
        #expect(try store.changeLog(for: number).count == logged)
    }

    @Test func aBodyForAnIncidentThatDoesNotExistIsRefused() throws {
        let (store, _) = try RenderingFixtures.example()
        #expect(throws: IncidentError.unknownIncident(9)) {
            try BodySync(store: store).apply("# T\n\n- [x] Something\n", to: 9, from: "body.md", addingNew: false, dryRun: true)
        }
    }
}
