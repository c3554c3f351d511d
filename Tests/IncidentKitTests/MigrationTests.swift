import Foundation
import GRDB
import Testing
@testable import IncidentKit

/// A database written by the previous release (`Fixtures/previous-release`, schema v1 + v2) opens with this
/// code, migrates, and keeps every record, its ticks as item events and sync's conflict detection.
@Suite struct MigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/previous-release/incidents.sqlite")

    /// A copy of the fixture in a fresh folder (the fixture itself is never opened for writing).
    func copy() throws -> (folder: URL, path: String) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("incidents.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        return (folder, path)
    }

    @Test func openingForWritingMigratesAndKeepsEveryRecord() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logBefore = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT change FROM changeLog ORDER BY id") }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let example = try store.incident(1)
        #expect(example.title.hasSuffix("VPC Connector Connectivity Failure - Infrastructure Critical"))
        #expect(example.labels.count == 6 && example.assignees.count == 2 && example.services.count == 4)
        #expect(example.whys.count == 5 && example.whys.last?.isRootCause == true)
        #expect(example.timeline.count == 5 && example.sections.count == 2 && example.lessons.count == 1)
        #expect(example.actions.count == 11 && example.criteria.count == 8)
        #expect(example.actions.filter(\.isDone).map(\.number) == [1, 2, 3])
        #expect(example.criteria.filter(\.isMet).map(\.number) == [1, 2])
        let imported = try store.incident(2)
        #expect(imported.actions.filter(\.isDone).map(\.number) == [1, 2, 3, 4, 5, 7, 12])
        #expect(try store.currentIncidentNumber() == 1)
        // The change log is kept line for line; nothing is added to it by the migration.
        #expect(try store.changeLog(for: nil).map(\.change) == logBefore)
    }

    @Test func ticksInTheOldChangeLogBecomeItemEventsWithActorAndSource() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let events = try store.itemEvents(of: 1).map { "\($0.kind.rawValue) \($0.number) \($0.done) \($0.actor) \($0.source.rawValue)" }
        #expect(events == [
            "action 1 true alice cli", "action 2 true alice cli", "action 6 true bob cli", "action 6 false bob cli",
            "criterion 1 true alice cli", "criterion 5 true carol cli", "criterion 5 false carol cli",
            "action 3 true sync-bot sync", "criterion 2 true sync-bot sync",
        ])
        // Imported boxes that came in ticked have an import event each, dated when they were done.
        let imported = try store.itemEvents(of: 2)
        #expect(imported.filter { $0.kind == .action }.map(\.number) == [1, 2, 3, 4, 5, 7, 12])
        #expect(imported.allSatisfy { $0.source == .import && $0.done })
        #expect(imported.filter { $0.kind == .criterion }.map(\.number) == [1])
    }

    @Test func theLastUpdateKeepsItsDoneItemsAsRows() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let snapshot = try #require(try store.lastUpdate(of: 1))
        #expect(snapshot.doneActions == [1, 2] && snapshot.metCriteria == [1])
        #expect(snapshot.lastTimelineEntryID == 5)
        let columns = try DatabaseQueue(path: path).read { db in try db.columns(in: "checklistUpdate").map(\.name) }
        #expect(!columns.contains("doneActions") && !columns.contains("metCriteria"))
    }

    @Test func syncConflictsComeFromTheMigratedEvents() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let events = try store.itemEvents(of: 1)
        // Everything ticked after the first tick of action 6 counts as changed here since then.
        let since = try #require(events.first { $0.kind == .action && $0.number == 6 }).at.addingTimeInterval(-0.000_1)
        let changed = try store.itemsChanged(in: 1, since: since)
        #expect(changed.isSuperset(of: [ItemKey(.action, 6), ItemKey(.criterion, 5), ItemKey(.action, 3), ItemKey(.criterion, 2)]))
        #expect(!changed.contains(ItemKey(.action, 4)))
        // A body rendered before those ticks, with action 6 ticked on GitHub: a conflict (unticked here since), left alone.
        let incident = try store.incident(1)
        var old = incident
        old.actions = old.actions.map { var action = $0; if [3, 6].contains(action.number) { action.doneAt = nil }; return action }
        let body = try IncidentRenderer(templates: TemplateSet(overridesIn: nil)).issueBody(old, at: since)
            .replacingOccurrences(of: "- [ ] **Full Service Restoration:**", with: "- [x] **Full Service Restoration:**")
        let document = try IncidentImporter().read(body)
        let plan = SyncPlan(document: document, incident: incident) { kind, item in changed.contains(ItemKey(kind, item)) }
        #expect(plan.conflicts.map(\.number) == [6])
        #expect(plan.changes.isEmpty)
    }

    @Test func readingAnOlderFileLeavesItByteForByteAsItWas() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try IncidentStore(path: path, readOnly: true, actor: "reader")
        #expect(try store.incident(1).actions.filter(\.isDone).map(\.number) == [1, 2, 3])
        #expect(try store.itemEvents(of: 1).count == 9)
        #expect(try store.lastUpdate(of: 1)?.doneActions == [1, 2])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let applied = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1-incidents", "v2-lessons-and-updates"])
    }

    /// A file that lacks only index migrations is read as it is (a migrated copy of a large history took seconds),
    /// reads the same, and is left untouched; the next write adds the index.
    @Test func aFileLackingOnlyAnIndexIsReadInPlace() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try IncidentStore(path: path, readOnly: false, actor: "tester").followUps(openOnly: true, owner: nil, overdueAt: nil, withTitles: true)
        // Back to the schema before v9: the open items' index as it was, the migration not recorded.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                DROP INDEX actionItemOpen;
                CREATE INDEX actionItemOpenByDue ON actionItem(dueAt) WHERE doneAt IS NULL;
                DELETE FROM grdb_migrations WHERE identifier = 'v9-open-follow-ups';
                """)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try IncidentStore(path: path, readOnly: true, actor: "reader")
        #expect(!reader.appliedMigrations.contains("v9-open-follow-ups"), "read in place, not through a migrated copy")
        let read = try reader.followUps(openOnly: true, owner: nil, overdueAt: nil, withTitles: true)
        #expect(!expected.isEmpty && read.map { "\($0.incidentID) \($0.number) \($0.text) \($0.incidentTitle ?? "")" }
                == expected.map { "\($0.incidentID) \($0.number) \($0.text) \($0.incidentTitle ?? "")" })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        _ = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let indexes = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actionItem'")
        }
        #expect(indexes.contains("actionItemOpen") && !indexes.contains("actionItemOpenByDue"))
    }

    /// The search index is built for the records already there by the migration that adds it.
    @Test func theMigrationBuildsTheSearchIndexForExistingRecords() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        #expect(try store.search("connector", limit: 20).hits.map(\.incident.number) == [1])
        #expect(try store.search("redis failover", limit: 20).hits.map(\.incident.number) == [2])
    }

    /// The milestone columns `stats` reads are filled by the migration and kept by the timeline's triggers.
    @Test func milestoneColumnsFollowTheTimeline() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: path, readOnly: false, actor: "tester")
        let example = try store.incident(1)
        func milestones() throws -> (detected: Double?, mitigated: Double?) {
            try DatabaseQueue(path: path).read { db in
                let row = try Row.fetchOne(db, sql: "SELECT detectedAt, mitigatedAt FROM incident WHERE number = 1")
                #expect(row != nil, "INC-1 is in the fixture")
                return (row?["detectedAt"], row?["mitigatedAt"])
            }
        }
        #expect(try milestones().detected == example.timeline.first { $0.kind == .detected }?.at.timeIntervalSince1970)
        #expect(try milestones().mitigated == nil)
        let at = example.timeline.map(\.at).max()!.addingTimeInterval(600)
        try store.changeStatus(1, to: .mitigated, at: at)
        #expect(try milestones().mitigated == at.timeIntervalSince1970)
        // `stats` reads them: the example, a P0, now has a time to mitigate.
        #expect(try store.history(since: nil, severity: .p0, now: Date()).stats.figures[.p0]?[.mitigate]?.count == 1)
    }

    @Test func aStoredValueTheCodeDoesNotKnowIsAStorageErrorThatDoctorNames() throws {
        let (folder, path) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try IncidentStore(path: path, readOnly: false, actor: "tester")
        // A hand edit past the CHECK constraints (as an older or foreign tool might leave it).
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON; UPDATE actionItem SET horizon = 'someday' WHERE incidentNumber = 1 AND number = 4")
        }
        let store = try IncidentStore(path: path, readOnly: true, actor: "reader")
        #expect(throws: IncidentError.self) { try store.incident(1) }
        do {
            _ = try store.incident(1)
        } catch {
            #expect(error.category == .storage)
            #expect(error.description.contains("someday") || error.description.contains("Horizon"))
        }
        let diagnosis = try IncidentStore.diagnose(path: path)
        let finding = try #require(diagnosis.findings.first { $0.check == "stored values" })
        #expect(finding.details.count == 1 && finding.details[0].hasPrefix("actionItem (incidentNumber 1, number 4"))
    }
}
