import Foundation
import Testing
@testable import IncidentKit

/// The checklist use case: what it refuses before anything is stored, and what it returns.
@Suite struct ChecklistTests {
    @Test func anActionIsStoredTrimmedAndBlankOrMultilineTextIsRefusedWithNothingStored() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        #expect(throws: IncidentError.emptyText(field: "action text")) { try checklist.addAction("   ", to: number) }
        #expect(throws: IncidentError.multilineText(field: "owner")) { try checklist.addAction("Scale", owner: "a\nb", to: number) }
        #expect(throws: IncidentError.unparseableTime("someday")) { try checklist.addAction("Scale", due: "someday", to: number) }
        #expect(try store.incident(number).actions.isEmpty)
        let action = try checklist.addAction("  Scale the pool ", horizon: .mediumTerm, owner: " infra ", due: "2025-09-16T09:00:00Z",
                                             details: "\n`kubectl scale`\n", to: number)
        #expect(action.text == "Scale the pool" && action.owner == "infra" && action.details == "`kubectl scale`")
        #expect(action.due == Date(timeIntervalSince1970: 1_758_013_200))
        #expect(try store.incident(number).actions.map(\.text) == ["Scale the pool"])
    }

    @Test func editingClearsTheOwnerWithEmptyTextAndTheDueTimeWithNone() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        _ = try checklist.addAction("Scale", owner: "infra", due: "2025-09-16T09:00:00Z", to: number)
        #expect(throws: IncidentError.emptyText(field: "action text")) { try checklist.editAction(1, of: number, text: " ") }
        let described = try checklist.editAction(1, of: number, owner: "", due: "none")
        #expect(described == ["edited action 1: owner cleared", "edited action 1: due cleared"])
        let action = try #require(try store.incident(number).actions.first)
        #expect(action.owner == nil && action.due == nil)
        #expect(throws: IncidentError.itemOutOfRange(.criterion, number: 1, incident: number, count: 0)) {
            try checklist.editCriterion(1, of: number, text: "Green")
        }
    }

    @Test func checkingTwiceReportsTheItemUnchangedAndUncheckingOpensIt() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        _ = try checklist.addCriterion("Health endpoints return 200", to: number)
        #expect(try checklist.check([1], of: .criterion, in: number).items.map(\.changed) == [true])
        #expect(try checklist.check([1], of: .criterion, in: number).items.map(\.changed) == [false])
        #expect(try store.incident(number).criteria.first?.isMet == true)
        let unchecked = try checklist.uncheck([1], of: .criterion, in: number)
        #expect(unchecked.items.map(\.changed) == [true] && unchecked.progress.map(\.done) == [0])
        #expect(throws: IncidentError.self) { try checklist.check([1], of: .why, in: number) }
    }

    @Test func openActionsLeaveOutTheDoneOnesAndCountAll() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        for text in ["Page on-call", "Open the channel", "Start the timeline"] { _ = try checklist.addAction(text, to: number) }
        _ = try checklist.check([2], of: .action, in: number)
        let (open, total) = try checklist.openActions(of: number)
        #expect(open.map(\.number) == [1, 3] && total == 3)
        #expect(try checklist.listing(number, openOnly: true).shown.map(\.number) == [1, 3])
        let all = try checklist.listing(number, openOnly: false)
        #expect(all.shown.map(\.number) == [1, 2, 3] && all.incident.actions.count == 3)
    }

    @Test func aRemovalReturnsTheRemovedTextAndNoIssueWhileUnpublished() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        _ = try checklist.addAction("Scale the pool", to: number)
        let removal = try checklist.remove(1, of: .action, from: number)
        #expect(removal.text == "Scale the pool" && removal.sharedThrough == nil)
        #expect(try store.incident(number).actions.isEmpty)
    }

    @Test func aPreparedUpdateIsRecordedOnlyWhenAsked() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let checklist = Checklist(store: store)
        _ = try checklist.addAction("Scale the pool", to: number)
        _ = try checklist.check([1], of: .action, in: number)
        let update = try checklist.prepareUpdate(of: number, with: IncidentRenderer(templates: TemplateSet()), at: Fixtures.declaredAt + 600)
        #expect(update.text.contains("Scale the pool") && update.snapshot.doneActions == [1])
        #expect(try store.lastUpdate(of: number) == nil)
        try checklist.record(update)
        #expect(try store.lastUpdate(of: number)?.doneActions == [1])
    }
}
