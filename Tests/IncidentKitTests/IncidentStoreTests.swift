import Foundation
import Testing
@testable import IncidentKit

@Suite struct IncidentStoreTests {
    @Test func declaringNumbersIncidentsAndMakesTheNewestCurrent() throws {
        let store = try Fixtures.store()
        let first = try Fixtures.declare(store)
        let second = try Fixtures.declare(store, title: "Queue backlog", severity: .p2)
        #expect(first.id == "INC-1")
        #expect(second.id == "INC-2")
        #expect(try store.currentIncidentNumber() == 2)
        #expect(second.timeline.map(\.kind) == [.declared])
        #expect(second.timeline.first?.at == Fixtures.declaredAt)
        try store.use(1)
        #expect(try store.resolve(nil) == 1)
        #expect(throws: IncidentError.unknownIncident(9)) { try store.resolve(9) }
    }

    @Test func theWholeRecordRoundTripsThroughTheDatabase() throws {
        let store = try Fixtures.store()
        var draft = IncidentDraft(title: "VPC connector failure", severity: .p0, declaredAt: Fixtures.declaredAt)
        draft.labels = ["P0", "emergency"]
        draft.assignees = ["Infrastructure team"]
        draft.services = [AffectedService(name: "Backend API", url: "https://api.example.com", note: "was 503")]
        draft.impact = "$500K+ ARR"
        let number = try store.declare(draft).number
        _ = try store.addWhy(number, text: "Health checks timeout")
        _ = try store.addWhy(number, text: "VPC connector down", isRootCause: true)
        _ = try store.addAction(number, text: "Diagnose", horizon: .immediate, details: "```bash\ngcloud describe\n```", owner: "infra")
        _ = try store.addCriterion(number, text: "Health returns 200", phase: .shortTerm)
        try store.addSection(number, FreeSection(title: "Risk Assessment", markdown: "- **Data Safety:** none"))
        let incident = try store.incident(number)
        #expect(incident.labels == ["P0", "emergency"])
        #expect(incident.services == draft.services)
        #expect(incident.impact == "$500K+ ARR")
        #expect(incident.whys == [Why(number: 1, text: "Health checks timeout"),
                                  Why(number: 2, text: "VPC connector down", parent: 1, isRootCause: true)])
        #expect(incident.actions.first?.details == "```bash\ngcloud describe\n```")
        #expect(incident.actions.first?.owner == "infra")
        #expect(incident.criteria.first?.phase == .shortTerm)
        #expect(incident.sections == [FreeSection(title: "Risk Assessment", markdown: "- **Data Safety:** none")])
    }

    @Test func checkingAnActionRecordsWhoAndWhenAndLogsIt() throws {
        let clock = TestClock()
        let store = try Fixtures.store(clock: clock, actor: "bob")
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Diagnose")
        _ = try store.addAction(number, text: "Repair", horizon: .mediumTerm)
        clock.advance(60)
        let outcome = try store.setActions([2], done: true, in: number)
        #expect(outcome.items == [ItemToggle(number: 2, text: "Repair", changed: true)])
        #expect(outcome.progress == [GroupProgress(group: "immediate", done: 0, total: 1),
                                     GroupProgress(group: "medium-term", done: 1, total: 1)])
        let action = try store.incident(number).actions[1]
        #expect(action.doneBy == "bob")
        #expect(action.doneAt == clock.now)
        #expect(try store.changeLog(for: number).last?.change == "checked action 2 \"Repair\"")
        #expect(try store.changeLog(for: number).last?.actor == "bob")
    }

    @Test func checkingADoneItemChangesNothing() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Diagnose")
        _ = try store.setActions([1], done: true, in: number)
        let logBefore = try store.changeLog(for: number)
        let again = try store.setActions([1], done: true, in: number)
        #expect(again.items.map(\.changed) == [false])
        #expect(try store.changeLog(for: number) == logBefore)
    }

    @Test func anOutOfRangeItemFailsTheWholeCommand() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Diagnose")
        #expect(throws: IncidentError.itemOutOfRange(.action, number: 5, incident: number, count: 1)) {
            try store.setActions([1, 5], done: true, in: number)
        }
        #expect(try store.incident(number).actions[0].isDone == false)
    }

    @Test func settingFieldsLogsEachChange() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        var changes = IncidentChanges()
        changes.severity = .p1
        changes.addLabels = ["db", "vpc"]
        changes.rootCause = "VPC connector"
        let described = try store.update(number, with: changes)
        #expect(described == ["set severity P0 → P1", "set root cause to \"VPC connector\"", "added label \"db\"", "added label \"vpc\""])
        var removal = IncidentChanges()
        removal.removeLabels = ["db"]
        removal.rootCause = ""
        try store.update(number, with: removal)
        let incident = try store.incident(number)
        #expect(incident.labels == ["vpc"])
        #expect(incident.rootCause == nil)
        #expect(throws: IncidentError.nothingToChange(item: nil)) { try store.update(number, with: IncidentChanges()) }
    }
}

@Suite struct ItemEditTests {
    @Test func editingAnActionChangesOnlyWhatWasGivenAndLogsEachChange() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addAction(number, text: "Fix teh connector", details: "```sh\nx\n```", owner: "infra")
        var edit = ItemEdit()
        edit.text = "Fix the connector"
        edit.horizon = .mediumTerm
        edit.owner = .some(nil)
        let described = try store.editAction(number, item: 1, edit)
        #expect(described == ["edited action 1: text \"Fix teh connector\" → \"Fix the connector\"",
                              "edited action 1: horizon immediate → medium-term", "edited action 1: owner cleared"])
        let action = try store.incident(number).actions[0]
        #expect(action.text == "Fix the connector" && action.horizon == .mediumTerm && action.owner == nil)
        #expect(action.details == "```sh\nx\n```")
        #expect(try store.changeLog(for: number).suffix(3).map(\.change) == described)
        #expect(try store.editAction(number, item: 1, edit).isEmpty, "editing to the same values changes nothing")
    }

    @Test func editingAMissingItemOrNothingIsRefused() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try store.addCriterion(number, text: "Health 200")
        var edit = ItemEdit()
        edit.phase = .shortTerm
        #expect(throws: IncidentError.itemOutOfRange(.criterion, number: 4, incident: number, count: 1)) {
            try store.editCriterion(number, item: 4, edit)
        }
        #expect(throws: IncidentError.nothingToChange(item: .action)) { try store.editAction(number, item: 1, ItemEdit()) }
        #expect(try store.editCriterion(number, item: 1, edit) == ["edited criterion 1: phase immediate → short-term"])
        #expect(try store.incident(number).criteria[0].phase == .shortTerm)
    }
}
