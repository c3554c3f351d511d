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

/// The three-way merge `publish` and `pull` use: the record here, the issue body, and the boxes last seen on GitHub.
@Suite struct ThreeWaySyncTests {
    let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    func plan(ticking texts: [String], base: SyncedState, changedHere: Set<ItemKey> = []) throws -> SyncPlan {
        let (store, number) = try RenderingFixtures.example()
        let incident = try store.incident(number)
        let body = try SyncTests().body(incident, ticking: texts)
        return SyncPlan(document: try importer.read(body), incident: incident, base: base) { kind, item in
            changedHere.contains(ItemKey(kind, item))
        }
    }

    @Test func aBoxTickedOnGitHubSinceTheLastSyncIsApplied() throws {
        let plan = try plan(ticking: ["**Network Configuration Review:**"], base: [ItemKey(.action, 3): false])
        #expect(plan.changes.map(\.number) == [3] && plan.conflicts.isEmpty)
    }

    /// Another machine rendered the body with its own state: a box its markers say was rendered ticked is news
    /// here when this machine last saw it open and never changed it.
    @Test func aBoxAnotherMachineRenderedTickedIsAppliedWhenNothingChangedHere() throws {
        let (store, number) = try RenderingFixtures.example()
        var elsewhere = try store.incident(number)
        elsewhere.criteria[4].metAt = RenderingFixtures.now
        let body = try RenderingFixtures.renderer().issueBody(elsewhere, at: RenderingFixtures.now)
        let plan = SyncPlan(document: try importer.read(body), incident: try store.incident(number),
                            base: [ItemKey(.criterion, 5): false]) { _, _ in false }
        #expect(plan.changes == [SyncPlan.Change(kind: .criterion, number: 5, done: true, text: elsewhere.criteria[4].text)])
    }

    /// The same body, when this machine ticked or unticked the item after that render: the body is stale for it.
    @Test func aBodyRenderedBeforeAChangeHereDoesNotUndoIt() throws {
        let (store, number) = try RenderingFixtures.example()
        let here = try store.incident(number)
        var elsewhere = here
        elsewhere.actions[0].doneAt = nil   // rendered before action 1 was checked here
        let body = try RenderingFixtures.renderer().issueBody(elsewhere, at: RenderingFixtures.now)
        let base: SyncedState = [ItemKey(.action, 1): true]
        let stale = SyncPlan(document: try importer.read(body), incident: here, base: base) { kind, item in kind == .action && item == 1 }
        #expect(stale.changes.isEmpty && stale.unchanged == 19)
        let news = SyncPlan(document: try importer.read(body), incident: here, base: base) { _, _ in false }
        #expect(news.changes.map(\.number) == [1])
    }

    @Test func aBoxChangedOnlyHereIsKept() throws {
        let plan = try plan(ticking: [], base: [ItemKey(.action, 1): false])
        #expect(plan.changes.isEmpty && plan.conflicts.isEmpty)
    }
}
