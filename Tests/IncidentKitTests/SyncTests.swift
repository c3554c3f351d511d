import Foundation
import Testing
@testable import IncidentKit

@Suite struct SyncTests {
    let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    /// The example's body as rendered, with the boxes of the given task lines (by text) flipped.
    func body(_ incident: Incident, ticking texts: [String], at time: Date = RenderingFixtures.now) throws -> String {
        var lines = try RenderingFixtures.renderer().issueBody(incident, at: time).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for text in texts {
            let index = try #require(lines.firstIndex { $0.hasPrefix("- [") && $0.contains("] \(text)") })
            lines[index] = lines[index].hasPrefix("- [ ]") ? "- [x]" + lines[index].dropFirst(5) : "- [ ]" + lines[index].dropFirst(5)
        }
        return lines.joined(separator: "\n")
    }

    @Test func tickingTwoBoxesInARenderedBodyChecksExactlyThoseTwoItems() throws {
        let (store, number) = try RenderingFixtures.example()
        let before = try store.incident(number)
        let edited = try body(before, ticking: ["**Network Configuration Review:**", "Emergency bypass disabled"])
        let plan = SyncPlan(document: try importer.read(edited), incident: before) { _, _ in false }
        #expect(plan.changes == [SyncPlan.Change(kind: .action, number: 3, done: true, text: "**Network Configuration Review:**"),
                                 SyncPlan.Change(kind: .criterion, number: 6, done: true, text: "Emergency bypass disabled")])
        try store.applySync(plan, adding: [], to: number, from: "body.md")
        let after = try store.incident(number)
        #expect(after.actions.filter(\.isDone).map(\.number) == [1, 2, 3, 4])
        #expect(after.criteria.filter(\.isMet).map(\.number) == [1, 6])
        #expect(try store.changeLog(for: number).suffix(2).map(\.change) == [
            "checked action 3 \"**Network Configuration Review:**\" (from sync of body.md)",
            "met criterion 6 \"Emergency bypass disabled\" (from sync of body.md)",
        ])
    }

    @Test func anItemChangedHereAndInTheFileIsAConflictLeftAlone() throws {
        let (store, number) = try RenderingFixtures.example()
        let rendered = try store.incident(number)
        let edited = try body(rendered, ticking: ["**Network Configuration Review:**"])
        // Here, action 3 was checked and unchecked again after the render.
        let plan = SyncPlan(document: try importer.read(edited), incident: rendered) { kind, item in kind == .action && item == 3 }
        #expect(plan.changes.isEmpty)
        #expect(plan.conflicts == [SyncPlan.Conflict(kind: .action, number: 3, text: "**Network Configuration Review:**",
                                                     fileDone: true, localDone: false)])
    }

    @Test func aBoxUntouchedInTheFileKeepsWhatWasDoneHere() throws {
        let (store, number) = try RenderingFixtures.example()
        let edited = try body(try store.incident(number), ticking: [])
        _ = try store.setActions([5], done: true, in: number)
        let plan = SyncPlan(document: try importer.read(edited), incident: try store.incident(number)) { _, _ in true }
        #expect(plan.changes.isEmpty && plan.conflicts.isEmpty)
        #expect(plan.unchanged == 19)
    }

    @Test func linesThatCannotBeMatchedAreListedNotGuessed() throws {
        var incident = Incident(number: 1, title: "Twins", severity: .p2, declaredAt: RenderingFixtures.now)
        incident.actions = [ActionItem(number: 1, horizon: .immediate, text: "Restart the API"),
                            ActionItem(number: 2, horizon: .mediumTerm, text: "restart the api!")]
        let document = try importer.read("""
            # Twins

            - [x] Restart  the API?
            - [x] Ghost item <!-- incident:action:9 -->
            - [x] Brand new thing
            """)
        let plan = SyncPlan(document: document, incident: incident) { _, _ in false }
        #expect(plan.changes.isEmpty)
        #expect(plan.unmatched.map(\.text) == ["Restart  the API?", "Ghost item"])
        #expect(plan.newTasks.map(\.text) == ["Brand new thing"])
    }

    @Test func withoutMarkersItemsAreMatchedByNormalisedText() throws {
        let (store, number) = try RenderingFixtures.example()
        let document = try importer.read("""
            # Elsewhere

            ### IMMEDIATE
            - [x] network configuration review
            """)
        let plan = SyncPlan(document: document, incident: try store.incident(number)) { _, _ in false }
        #expect(plan.changes == [SyncPlan.Change(kind: .action, number: 3, done: true, text: "**Network Configuration Review:**")])
    }

    @Test func theRenderTimeIsReadBackFromTheHeader() throws {
        let (store, number) = try RenderingFixtures.example()
        let document = try importer.read(try RenderingFixtures.renderer().issueBody(try store.incident(number), at: RenderingFixtures.now))
        #expect(document.renderedAt == RenderingFixtures.now)
        #expect(document.tasks.filter { $0.renderedDone == true }.count == 4)
    }
}
