import Foundation
import Testing
@testable import IncidentKit

@Suite struct LifecycleStoreTests {
    @Test func everyStatusChangeIsATimelineEntry() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        try store.changeStatus(number, to: .mitigated, at: Fixtures.declaredAt + 600)
        let incident = try store.incident(number)
        #expect(incident.status == .mitigated)
        #expect(incident.timeline.last?.kind == .mitigated)
        #expect(incident.timeline.last?.transition == StatusTransition(from: .investigating, to: .mitigated))
        #expect(try store.changeStatus(number, to: .mitigated, at: Fixtures.declaredAt + 700) == false)
    }

    @Test func backdatedStatusChangesKeepMilestonesInOrder() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        try store.changeStatus(number, to: .mitigated, at: Fixtures.declaredAt + 600)
        #expect(throws: IncidentError.self) { try store.changeStatus(number, to: .resolved, at: Fixtures.declaredAt + 300) }
        #expect(try store.incident(number).status == .mitigated)
        _ = try store.addTimelineEntry(number, text: "Pager fired", kind: .detected, at: Fixtures.declaredAt - 60)
        #expect(throws: IncidentError.self) {
            try store.addTimelineEntry(number, text: "Impact", kind: .impactStarted, at: Fixtures.declaredAt)
        }
    }

    @Test func closeRefusesWhileImmediateWorkIsOpenAndForceRecordsIt() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Diagnose")
        _ = try store.addAction(number, text: "Later", horizon: .longTerm)
        _ = try store.addCriterion(number, text: "Health 200")
        #expect(throws: IncidentError.closeRefused(incident: number, openActions: [ItemTitle(1, "Diagnose")], unmetCriteria: [ItemTitle(1, "Health 200")])) {
            try store.close(number, at: Fixtures.declaredAt + 3600)
        }
        #expect(try store.incident(number).status == .investigating)
        let outcome = try store.close(number, at: Fixtures.declaredAt + 3600, resolution: "Repaired", force: true)
        #expect(outcome.wasForced)
        #expect(outcome.incident.status == .closed)
        #expect(outcome.incident.closedAt == Fixtures.declaredAt + 3600)
        #expect(outcome.incident.resolution == "Repaired")
        #expect(outcome.incident.timeline.last?.text.contains("forced") == true)
        #expect(try store.changeLog(for: number).last?.change.hasPrefix("force-closed") == true)
    }

    @Test func closingWithImmediateWorkDoneNeedsNoForce() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Diagnose")
        _ = try store.addAction(number, text: "Later", horizon: .longTerm)
        _ = try store.setActions([1], done: true, in: number)
        let outcome = try store.close(number, at: Fixtures.declaredAt + 3600)
        #expect(!outcome.wasForced)
        #expect(throws: IncidentError.alreadyOver(incident: number, status: .closed)) {
            try store.close(number, at: Fixtures.declaredAt + 3700)
        }
    }

    @Test func reopeningStartsANewStretchOfMilestones() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        try store.changeStatus(number, to: .resolved, at: Fixtures.declaredAt + 600)
        _ = try store.close(number, at: Fixtures.declaredAt + 700)
        try store.reopen(number, at: Fixtures.declaredAt + 800)
        var incident = try store.incident(number)
        #expect(incident.status == .investigating)
        #expect(incident.closedAt == nil)
        // Mitigated after an earlier resolved is fine once reopened.
        try store.changeStatus(number, to: .mitigated, at: Fixtures.declaredAt + 900)
        incident = try store.incident(number)
        #expect(incident.status == .mitigated)
        #expect(throws: IncidentError.disallowedTransition(from: .mitigated, to: .investigating)) {
            try store.changeStatus(number, to: .investigating, at: Fixtures.declaredAt + 1000)
        }
    }
}
