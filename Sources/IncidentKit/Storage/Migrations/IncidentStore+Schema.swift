import Foundation
import GRDB

extension IncidentStore {
    /// Numbered migrations; a database that has applied one not listed here is from a newer binary.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-incidents", migrate: createIncidentTables)
        migrator.registerMigration("v2-lessons-and-updates", migrate: createLessonAndUpdateTables)
        migrator.registerMigration("v3-item-events", migrate: ItemEventMigration.migrate)
        migrator.registerMigration("v4-github", migrate: GitHubMigration.migrate)
        migrator.registerMigration("v5-import-sources", migrate: ImportSourceMigration.migrate)
        migrator.registerMigration("v6-response", migrate: ResponseMigration.migrate)
        migrator.registerMigration("v7-search", migrate: SearchMigration.migrate)
        migrator.registerMigration("v8-milestones", migrate: MilestoneMigration.migrate)
        migrator.registerMigration("v9-open-follow-ups", migrate: FollowUpMigration.migrate)
        migrator.registerMigration(DeferredSearchMigration.identifier, migrate: DeferredSearchMigration.migrate)
        migrator.registerMigration(ActionGroupMigration.identifier, migrate: ActionGroupMigration.migrate)
        migrator.registerMigration(SharedRecordMigration.identifier, migrate: SharedRecordMigration.migrate)
        migrator.registerMigration(PublicStatusMigration.identifier, migrate: PublicStatusMigration.migrate)
        migrator.registerMigration(FollowUpIssueMigration.identifier, migrate: FollowUpIssueMigration.migrate)
        migrator.registerMigration(IncidentTypeMigration.identifier, migrate: IncidentTypeMigration.migrate)
        migrator.registerMigration(InPlaceCheckMigration.identifier, migrate: InPlaceCheckMigration.migrate)
        return migrator
    }()

    /// Migrations that every read does without: they add indexes (queries read the same, only slower), change only
    /// how writes keep the search index, or only how a constraint is written. A read of a file that lacks only these
    /// reads the file itself, not a migrated copy in memory (which costs time and memory in proportion to the file).
    static let indexOnlyMigrations: Set<String> = [
        "v9-open-follow-ups", DeferredSearchMigration.identifier, InPlaceCheckMigration.identifier,
    ]

    /// Refuses foreign and newer databases, then brings an older one up to date (when writable).
    /// Returns the migrations applied and the journal mode, read in one transaction.
    /// A file holding triggers or views this tool didn't create is refused before anything runs, unless it is read
    /// `asStored` (the doctor names them; a backup copies pages, running nothing).
    static func prepareSchema(of writer: any DatabaseWriter, at path: String?, readOnly: Bool,
                              asStored: Bool = false) throws(IncidentError) -> (applied: Set<String>, journalMode: String) {
        let location = path ?? ":memory:"
        let known = Set(migrator.migrations)
        let state: (tables: Set<String>, applied: Set<String>, journalMode: String, foreign: [String])
        do {
            state = try writer.read { db in
                let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                let applied = tables.contains("grdb_migrations")
                    ? try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
                let foreign = asStored || tables.isEmpty ? [] : try TrustedSchema.foreignCode(db)
                return (tables, applied, try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "", foreign)
            }
        } catch {
            throw mapError(error, path: path)
        }
        if !state.tables.isEmpty, !state.tables.contains("grdb_migrations") { throw .notAnIncidentDatabase(path: location) }
        if !state.foreign.isEmpty { throw .foreignSchemaCode(path: location, objects: state.foreign) }
        let unknown = state.applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw .newerSchema(path: location, unknownMigrations: unknown) }
        guard state.applied.count < known.count, !readOnly else { return (state.applied, state.journalMode) }
        do {
            let built = state.tables.isEmpty ? try createFromBaseline(writer) : false
            if !built || SchemaBaseline.migrations.count < known.count { try migrator.migrate(writer) }
        } catch {
            throw mapError(error, path: path)
        }
        return (known, state.journalMode)
    }

    /// Builds an empty database in one transaction from `SchemaBaseline`. Returns false, running nothing, when another
    /// process wrote a schema since the caller looked (the immediate transaction waits for that process to finish).
    private static func createFromBaseline(_ writer: any DatabaseWriter) throws -> Bool {
        try writer.writeWithoutTransaction { db in
            var built = false
            try db.inTransaction(.immediate) {
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 {
                    try db.execute(sql: SchemaBaseline.script)
                    built = true
                }
                return .commit
            }
            return built
        }
    }

    /// Version 1: incidents and everything recorded about them.
    private static func createIncidentTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE incident (
                number INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
                status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'mitigated', 'monitoring', 'resolved', 'closed', 'cancelled')),
                impact TEXT,
                summary TEXT,
                rootCause TEXT,
                resolution TEXT,
                declaredAt REAL NOT NULL,
                updatedAt REAL NOT NULL,
                closedAt REAL,
                closedForced INTEGER NOT NULL DEFAULT 0 CHECK (closedForced IN (0, 1)),
                CHECK ((status = 'closed') = (closedAt IS NOT NULL))
            );
            CREATE TABLE label (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL CHECK (length(name) > 0),
                PRIMARY KEY (incidentNumber, name)
            ) WITHOUT ROWID;
            CREATE TABLE assignee (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL CHECK (length(name) > 0),
                PRIMARY KEY (incidentNumber, name)
            ) WITHOUT ROWID;
            CREATE TABLE service (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL CHECK (length(name) > 0),
                url TEXT,
                note TEXT,
                PRIMARY KEY (incidentNumber, name)
            ) WITHOUT ROWID;
            CREATE TABLE section (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position > 0),
                title TEXT NOT NULL CHECK (length(title) > 0),
                markdown TEXT NOT NULL,
                PRIMARY KEY (incidentNumber, position)
            ) WITHOUT ROWID;
            CREATE TABLE why (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                number INTEGER NOT NULL CHECK (number > 0),
                text TEXT NOT NULL CHECK (length(text) > 0),
                parentNumber INTEGER CHECK (parentNumber < number),
                isRootCause INTEGER NOT NULL DEFAULT 0 CHECK (isRootCause IN (0, 1)),
                PRIMARY KEY (incidentNumber, number),
                FOREIGN KEY (incidentNumber, parentNumber) REFERENCES why(incidentNumber, number)
            ) WITHOUT ROWID;
            CREATE TABLE timelineEntry (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                at REAL NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('impact-started', 'detected', 'acknowledged', 'declared', 'root-cause-identified', 'fix-deployed', 'mitigated', 'resolved', 'closed', 'status-changed', 'note')),
                text TEXT NOT NULL,
                isManual INTEGER NOT NULL CHECK (isManual IN (0, 1)),
                fromStatus TEXT,
                toStatus TEXT,
                CHECK ((fromStatus IS NULL) = (toStatus IS NULL))
            );
            CREATE INDEX timelineEntryByIncident ON timelineEntry(incidentNumber, at);
            CREATE TABLE actionItem (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                number INTEGER NOT NULL CHECK (number > 0),
                horizon TEXT NOT NULL CHECK (horizon IN ('immediate', 'medium-term', 'long-term')),
                text TEXT NOT NULL CHECK (length(text) > 0),
                details TEXT,
                owner TEXT,
                dueAt REAL,
                doneAt REAL,
                doneBy TEXT,
                CHECK ((doneAt IS NULL) = (doneBy IS NULL)),
                PRIMARY KEY (incidentNumber, number)
            ) WITHOUT ROWID;
            CREATE TABLE criterion (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                number INTEGER NOT NULL CHECK (number > 0),
                phase TEXT NOT NULL CHECK (phase IN ('immediate', 'short-term')),
                text TEXT NOT NULL CHECK (length(text) > 0),
                metAt REAL,
                metBy TEXT,
                CHECK ((metAt IS NULL) = (metBy IS NULL)),
                PRIMARY KEY (incidentNumber, number)
            ) WITHOUT ROWID;
            CREATE TABLE changeLog (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                actor TEXT NOT NULL,
                incidentNumber INTEGER REFERENCES incident(number),
                change TEXT NOT NULL CHECK (length(change) > 0)
            );
            CREATE INDEX changeLogByIncident ON changeLog(incidentNumber, id);
            CREATE TRIGGER changeLogIsAppendOnlyOnUpdate BEFORE UPDATE ON changeLog
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
            CREATE TRIGGER changeLogIsAppendOnlyOnDelete BEFORE DELETE ON changeLog
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
            CREATE TABLE setting (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    /// Version 2: lessons learned for the postmortem, and the checklist state at each posted update.
    private static func createLessonAndUpdateTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE lesson (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                number INTEGER NOT NULL CHECK (number > 0),
                kind TEXT NOT NULL CHECK (kind IN ('went-well', 'went-wrong', 'lucky')),
                text TEXT NOT NULL CHECK (length(text) > 0),
                PRIMARY KEY (incidentNumber, number)
            ) WITHOUT ROWID;
            CREATE TABLE checklistUpdate (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                at REAL NOT NULL,
                doneActions TEXT NOT NULL,
                metCriteria TEXT NOT NULL,
                lastTimelineEntryId INTEGER NOT NULL
            );
            CREATE INDEX checklistUpdateByIncident ON checklistUpdate(incidentNumber, id);
            """)
    }
}
