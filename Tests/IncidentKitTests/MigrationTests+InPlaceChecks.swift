import Foundation
import GRDB
import Testing
@testable import IncidentKit

/// Version 16 rebuilds four tables to spell their lists out: an older file keeps every row, counter, index and
/// trigger, and the constraints refuse what they refused before.
extension MigrationTests {
    /// The fixture brought up to the migration before v16, with counters past the last rows (as deleting the newest
    /// rows leaves them) and a value forced past a constraint.
    func copyBeforeInPlaceChecks() throws -> (folder: URL, queue: DatabaseQueue) {
        let (folder, path) = try copy()
        let queue = try DatabaseQueue(path: path)
        let migrations = IncidentStore.migrator.migrations
        let previous = migrations[try #require(migrations.firstIndex(of: InPlaceCheckMigration.identifier)) - 1]
        try IncidentStore.migrator.migrate(queue, upTo: previous)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE sqlite_sequence SET seq = 40 WHERE name = 'incident';
                UPDATE sqlite_sequence SET seq = 900 WHERE name = 'timelineEntry';
                PRAGMA ignore_check_constraints = ON;
                UPDATE actionItem SET horizon = 'someday' WHERE incidentNumber = 1 AND number = 4;
                PRAGMA ignore_check_constraints = OFF;
                """)
        }
        return (folder, queue)
    }

    /// Every row of every table, the counters, and the text of every table, index, trigger and view, as plain strings.
    static func contents(_ db: Database) throws -> (rows: [String: [String]], schema: [String: String]) {
        var rows: [String: [String]] = [:]
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
            rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)").map(\.description).sorted()
        }
        let schema = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        return (rows, Dictionary(uniqueKeysWithValues: schema.map { ("\($0[0] as String) \($0[1] as String)", $0[2] as String) }))
    }

    @Test func spellingTheChecksOutKeepsEveryRowCounterIndexAndTrigger() throws {
        let (folder, queue) = try copyBeforeInPlaceChecks()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try queue.read(Self.contents)
        let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(InPlaceCheckMigration.checks.allSatisfy { !(before.rows[$0.table] ?? []).isEmpty }, "every rebuilt table has rows")
        try IncidentStore.migrator.migrate(queue)
        var after = try queue.read(Self.contents)
        after.rows["grdb_migrations"]?.removeAll { $0.contains(InPlaceCheckMigration.identifier) }
        #expect(after.rows == before.rows, "\(after.rows.keys.filter { after.rows[$0] != before.rows[$0] })")
        // Only the four tables' and the milestone triggers' text changed, each by its list alone; the indexes, the other
        // triggers and the view are as they were.
        let changed = Set(after.schema.keys.filter { after.schema[$0] != before.schema[$0] })
        #expect(changed == Set(InPlaceCheckMigration.triggers.map { "trigger \($0.name)" } + InPlaceCheckMigration.checks.map { "table \($0.table)" }))
        #expect(Set(after.schema.keys) == Set(before.schema.keys))
        for (table, column) in InPlaceCheckMigration.checks {
            let spelled = try TableRebuild.spellOut(column, in: try #require(before.schema["table \(table)"]))
            #expect(after.schema["table \(table)"] == spelled)
            #expect(after.schema["table \(table)"]?.contains("CHECK (\(column) = '") == true)
        }
        // The fixture's older rows already lack values of columns added later; nothing else may be found.
        #expect(try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == integrity)
        #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        // The next incident takes the number after the counter, not after the last row.
        try queue.close()
        let store = try IncidentStore(path: queue.path, readOnly: false, actor: "tester")
        #expect(try Fixtures.declare(store, title: "After the upgrade").number == 41)
    }

    /// A statement that writes `?1` in each rebuilt table's listed column and keeps every other constraint (item
    /// events are never edited, so one is added).
    static let probes = [
        "incident": "UPDATE incident SET status = ?1, closedAt = CASE WHEN ?1 = 'closed' THEN 1 END WHERE number = 1",
        "timelineEntry": "UPDATE timelineEntry SET kind = ?1 WHERE id = (SELECT min(id) FROM timelineEntry)",
        "actionItem": "UPDATE actionItem SET horizon = ?1 WHERE incidentNumber = 1 AND number = 1",
        "itemEvent": "INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source) VALUES (1, 'action', 1, 1, 0, 'a', ?1)",
    ]

    /// Reads don't depend on how a constraint is written, so a file that lacks only v16 is read as it is.
    @Test func aFileBeforeTheSpelledOutChecksIsReadInPlace() throws {
        let (folder, queue) = try copyBeforeInPlaceChecks()
        defer { try? FileManager.default.removeItem(at: folder) }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: queue.path))
        let reader = try IncidentStore(path: queue.path, readOnly: true, actor: "reader")
        #expect(!reader.appliedMigrations.contains(InPlaceCheckMigration.identifier), "read in place, not through a migrated copy")
        #expect(try reader.incident(2).actions.filter(\.isDone).map(\.number) == [1, 2, 3, 4, 5, 7, 12])
        #expect(try Data(contentsOf: URL(fileURLWithPath: queue.path)) == before)
    }

    /// Every value each old list allowed is still allowed, and anything else refused, read from the old text itself.
    @Test func theSpelledOutChecksAllowAndRefuseWhatTheListsDid() throws {
        let (folder, queue) = try copyBeforeInPlaceChecks()
        defer { try? FileManager.default.removeItem(at: folder) }
        let allowed = try queue.read { db in
            try InPlaceCheckMigration.checks.map { table, column in
                let sql = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]))
                let list = try #require(sql.range(of: "\(column) IN (")).upperBound
                return (table, column, sql[list...].prefix { $0 != ")" }.split(separator: ",").map { $0.trimmingSpaces().trimmingCharacters(in: CharacterSet(charactersIn: "'")) })
            }
        }
        #expect(allowed.map(\.2.count) == [7, 11, 3, 3])
        try IncidentStore.migrator.migrate(queue)
        for (table, column, values) in allowed {
            let probe = try #require(Self.probes[table])
            for value in values + ["bogus", values[0].uppercased(), "", " \(values[0])"] {
                let accepted: Bool
                do {
                    // One row written and taken back: a refusal is the CHECK's (every other constraint holds for it).
                    try queue.inTransaction { db in
                        try db.execute(sql: probe, arguments: [value])
                        #expect(db.changesCount == 1)
                        return .rollback
                    }
                    accepted = true
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_CHECK {
                    accepted = false
                }
                #expect(accepted == values.contains(value), "\(table).\(column) = '\(value)'")
            }
        }
    }

    /// The milestone triggers still fire for the five milestone kinds and for no other.
    @Test func theMilestoneTriggersFireForTheSameKinds() throws {
        let (folder, queue) = try copyBeforeInPlaceChecks()
        defer { try? FileManager.default.removeItem(at: folder) }
        try IncidentStore.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO incident (title, severity, status, declaredAt, updatedAt) VALUES ('t', 1, 'investigating', 0, 0)")
            let number = db.lastInsertedRowID
            func milestones() throws -> [Double?] {
                let row = try Row.fetchOne(db, sql: "SELECT impactStartedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt FROM incident WHERE number = ?",
                                           arguments: [number])
                return (0..<5).map { row?[$0] }
            }
            let kinds = ["note", "declared", "root-cause-identified", "fix-deployed", "closed", "status-changed",
                         "impact-started", "detected", "acknowledged", "mitigated", "resolved"]
            for (offset, kind) in kinds.enumerated() {
                try db.execute(sql: "INSERT INTO timelineEntry (incidentNumber, at, kind, text, isManual) VALUES (?, ?, ?, 'x', 1)",
                               arguments: [number, Double(offset), kind])
            }
            #expect(try milestones() == [6, 7, 8, 9, 10])
            try db.execute(sql: "UPDATE timelineEntry SET kind = 'note' WHERE incidentNumber = ? AND at = 9", arguments: [number])
            try db.execute(sql: "DELETE FROM timelineEntry WHERE incidentNumber = ? AND at = 6", arguments: [number])
            try db.execute(sql: "UPDATE timelineEntry SET kind = 'resolved' WHERE incidentNumber = ? AND at = 0", arguments: [number])
            #expect(try milestones() == [nil, 7, 8, nil, 0])
        }
    }

    /// The inserts an import makes for every row build no temporary table for a list (`OpenEphemeral`), triggers included.
    @Test func theInsertsAnImportRepeatsBuildNoTemporaryTable() throws {
        let (folder, queue) = try copyBeforeInPlaceChecks()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inserts = [
            "INSERT INTO incident (title, severity, status, declaredAt, updatedAt) VALUES ('t', 1, 'resolved', 0, 0)",
            "INSERT INTO timelineEntry (incidentNumber, at, kind, text, isManual) VALUES (1, 0, 'detected', 'x', 0)",
            "INSERT INTO actionItem (incidentNumber, number, horizon, text) VALUES (1, 99, 'long-term', 'x')",
            "INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source) VALUES (1, 'action', 1, 1, 0, 'a', 'import')",
        ]
        func temporaryTables() throws -> [Int] {
            try queue.read { db in
                try inserts.map { try Row.fetchAll(db, sql: "EXPLAIN \($0)").filter { $0["opcode"] == "OpenEphemeral" }.count }
            }
        }
        #expect(try temporaryTables().allSatisfy { $0 > 0 }, "each built one before")
        try IncidentStore.migrator.migrate(queue)
        #expect(try temporaryTables() == [0, 0, 0, 0])
    }

    @Test(arguments: [
        ("CHECK (status IN ('a', 'b', 'c'))", "status", "CHECK (status = 'a' OR status = 'b' OR status = 'c')"),
        ("WHEN NEW.kind IN ('a', 'b', 'c') OR x", "NEW.kind", "WHEN (NEW.kind = 'a' OR NEW.kind = 'b' OR NEW.kind = 'c') OR x"),
        ("CHECK (toStatus IN ('a', 'b', 'c')), CHECK (status IN (1, 2, 3))", "status",
         "CHECK (toStatus IN ('a', 'b', 'c')), CHECK (status = 1 OR status = 2 OR status = 3)"),
    ])
    func aListIsSpelledOutAsComparisons(sql: String, expression: String, expected: String) throws {
        #expect(try TableRebuild.spellOut(expression, in: sql) == expected)
    }

    @Test(arguments: ["CHECK (a IN ('x', 'y'))", "CHECK (a IN ('x', 'y', 'z')), CHECK (a IN ('x', 'y', 'z'))",
                      "CHECK (a IN ('x', lower(b), 'z'))", "CHECK (b IN ('x', 'y', 'z'))"])
    func aTextThatIsNotTheExpectedListIsRefused(sql: String) {
        #expect(throws: TableRebuild.UnexpectedSchema.self) { try TableRebuild.spellOut("a", in: sql) }
    }
}
