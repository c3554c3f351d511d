import Foundation
import Testing
@testable import IncidentKit

/// The response and postmortem use cases: every typed field checked before anything is stored, playbooks that can't
/// be applied returned as problems, and the values commands print.
@Suite struct ResponseUseCaseTests {
    /// A folder holding a P1 playbook, `database`, and a broken one, `broken`; removed by the caller.
    func playbookFolder() throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        try Data("---\nseverity: [P1]\nupdate-every: 45m\n---\n# Database\n\n## IMMEDIATE\n- [ ] Check replication lag\n".utf8)
            .write(to: folder.appendingPathComponent("database.md"))
        try Data("---\nseverity: P1\n---\nJust prose.\n".utf8).write(to: folder.appendingPathComponent("broken.md"))
        return folder
    }

    @Test func aDeclarationWithAnyBadFieldStoresNothing() throws {
        let store = try Fixtures.store()
        let response = Response(store: store)
        let folder = PlaybookFolder("/nonexistent", databasePath: "")
        var declaration = Declaration(title: "Checkout is slow", severity: .p1, declaredAt: Fixtures.declaredAt)
        declaration.commander = "  "
        #expect(throws: IncidentError.emptyText(field: "commander")) { try response.declare(declaration, playbooks: folder) }
        declaration.commander = nil
        declaration.type = "Data Loss"
        #expect(throws: IncidentError.invalidIncidentType("Data Loss")) { try response.declare(declaration, playbooks: folder) }
        declaration.type = nil
        declaration.labels = ["a,b"]
        #expect(throws: IncidentError.labelWithComma("a,b")) { try response.declare(declaration, playbooks: folder) }
        #expect(try store.incidents(includeEnded: true).isEmpty)
    }

    @Test func declaringNamesTheCommanderAndAppliesTheSeverityPlaybooksReturningTheBrokenOnes() throws {
        let folder = try playbookFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Fixtures.store()
        var declaration = Declaration(title: " Replication broken ", severity: .p1, declaredAt: Fixtures.declaredAt)
        declaration.commander = "@alice"
        let declared = try Response(store: store).declare(declaration, playbooks: PlaybookFolder(folder.path, databasePath: ""))
        #expect(declared.incident.title == "Replication broken" && declared.commander == "@alice")
        #expect(declared.applied.map(\.playbook.name) == ["database"] && declared.applied.first?.actions.count == 1)
        guard case .broken(let problem) = declared.problems.first, declared.problems.count == 1 else {
            Issue.record("expected one broken playbook, got \(declared.problems)")
            return
        }
        #expect(problem.name == "broken")
        #expect(declared.cadence.map { UpdateCadence.every($0.interval) } == "45 min")
        #expect(try store.incident(declared.incident.number).roles.map(\.who) == ["@alice"])
    }

    @Test func aNamedPlaybookThatIsMissingIsAProblemAndNoneAppliesNothing() throws {
        let folder = try playbookFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Fixtures.store()
        let books = PlaybookFolder(folder.path, databasePath: "")
        var declaration = Declaration(title: "Slow queries", severity: .p2, declaredAt: Fixtures.declaredAt)
        declaration.playbooks = .named(["nope"])
        let named = try Response(store: store).declare(declaration, playbooks: books)
        guard case .missing(let name, let path) = named.problems.first, named.problems.count == 1 else {
            Issue.record("expected one missing playbook, got \(named.problems)")
            return
        }
        #expect(name == "nope" && path == folder.path && named.applied.isEmpty && named.cadence == nil)
        declaration.severity = .p1
        declaration.playbooks = .none
        let none = try Response(store: store).declare(declaration, playbooks: books)
        #expect(none.applied.isEmpty && none.problems.isEmpty)
        #expect(try store.incident(none.incident.number).actions.isEmpty)
        #expect(throws: IncidentError.unknownPlaybook(name: "nope", folder: folder.path)) { try books.playbook(named: "nope") }
    }

    @Test func changingFieldsHoldsEachToItsRuleAndEmptyTextClears() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let response = Response(store: store)
        var changes = IncidentChanges()
        changes.summary = "Pool exhausted"
        changes.title = "\u{7}Bell"
        #expect(throws: IncidentError.self) { try response.change(number, with: changes) }
        #expect(try store.incident(number).summary == nil)
        changes.title = nil
        #expect(try response.change(number, with: changes) == ["set summary to \"Pool exhausted\""])
        changes.summary = ""
        #expect(try response.change(number, with: changes) == ["cleared summary"])
    }

    @Test func aStatusNoteOrResolutionThatBreaksTheRulesChangesNothing() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let response = Response(store: store)
        #expect(throws: IncidentError.multilineText(field: "note")) {
            try response.move(number, to: .mitigated, at: Fixtures.declaredAt + 60, note: "scaled\nup")
        }
        #expect(throws: IncidentError.self) { try response.close(number, at: Fixtures.declaredAt + 60, resolution: "fixed\u{1B}[2J") }
        #expect(try store.incident(number).status == .investigating)
        let change = try response.move(number, to: .mitigated, at: Fixtures.declaredAt + 60, note: "scaled up")
        #expect(change.changed && change.incident.status == .mitigated && change.unpublishedChanges == nil)
        #expect(change.cadence != nil, "a P0 keeps its update cadence while open")
    }

    @Test func aRoleIsStoredLowercasedAndAHandoverReturnsThePreviousHolder() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let response = Response(store: store)
        #expect(try response.setRole("Commander", to: " alice ", at: Fixtures.declaredAt, on: number).previous == nil)
        let handover = try response.setRole("commander", to: "bob", at: Fixtures.declaredAt + 60, on: number)
        #expect(handover.role == "commander" && handover.who == "bob" && handover.previous == "alice")
        #expect(throws: IncidentError.emptyText(field: "name")) { try response.setRole("scribe", to: "", at: Fixtures.declaredAt, on: number) }
        #expect(try response.clearRole("COMMANDER", at: Fixtures.declaredAt + 120, on: number) == "bob")
    }

    @Test func overdueNamesALateUpdateAndAnActionPastItsDueTime() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        _ = try Checklist(store: store).addAction("Call the bank", owner: "dana", due: "2025-09-16T03:30:00Z", to: number)
        let items = try Response(store: store).overdue(at: Fixtures.declaredAt + 2 * 3600)
        #expect(items.map(\.what) == ["update", "action 1"])
        #expect(items.last?.owner == "dana" && items.last?.detail.hasSuffix(": Call the bank") == true)
        #expect(try Response(store: store).overdue(at: Fixtures.declaredAt + 60).isEmpty)
    }

    @Test func aPublicUpdateNeedsTextAndAnIncidentOnTheStatusPage() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let response = Response(store: store)
        #expect(throws: IncidentError.emptyText(field: "public update")) { try response.previewPublicUpdate(" ", of: number, at: Date()) }
        #expect(throws: IncidentError.notPublic(number)) { try response.previewPublicUpdate("Investigating", of: number, at: Date()) }
        var changes = IncidentChanges()
        changes.isPublic = true
        _ = try response.change(number, with: changes)
        #expect(try response.previewPublicUpdate("Investigating", of: number, at: Date()).status == .investigating)
        #expect(try store.incident(number).publicUpdates.isEmpty, "a preview records nothing")
    }

    @Test func postmortemTextIsHeldToTheRulesAndASectionComesBackAsStored() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        let postmortem = Postmortem(store: store)
        #expect(throws: IncidentError.emptyText(field: "why")) { try postmortem.addWhy(" ", to: number) }
        #expect(throws: IncidentError.multilineText(field: "lesson")) { try postmortem.addLesson("a\nb", kind: .lucky, to: number) }
        #expect(throws: IncidentError.emptyText(field: "section Markdown")) { try postmortem.addSection("Risk", markdown: "\n\n", to: number) }
        let section = try postmortem.addSection(" Risk ", markdown: "\nLow.\n", isInternal: true, to: number)
        #expect(section == FreeSection(title: "Risk", markdown: "Low.", isInternal: true))
        #expect(try postmortem.addWhy("Pool too small", isRootCause: true, to: number).isRootCause)
        #expect(try store.incident(number).rootCause == "Pool too small")
    }

    @Test func aBlankChangeLogNameIsRefusedBeforeAnyStoreOpens() throws {
        #expect(throws: IncidentError.invalidActorName(reason: "is empty")) { try IncidentStore.inMemory(actor: "  ") }
        #expect(throws: IncidentError.invalidActorName(reason: "must be one line")) { try IncidentStore.inMemory(actor: "a\nb") }
        #expect(try IncidentStore.inMemory(actor: " carol ").actor == "carol")
    }
}
