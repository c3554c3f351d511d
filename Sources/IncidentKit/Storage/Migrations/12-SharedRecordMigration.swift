import GRDB

/// Version 12: one incident on many machines. Every item gets an identity (`uid`, the same on every machine, given at
/// its first sync), removals are kept as tombstones so they travel, and each linked incident keeps the shared record as of
/// its last merge (`base`) and the copy last seen on the issue (`seen`).
enum SharedRecordMigration {
    static let identifier = "v12-shared-record"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE actionItem ADD COLUMN uid TEXT;
            ALTER TABLE criterion ADD COLUMN uid TEXT;
            ALTER TABLE why ADD COLUMN uid TEXT;
            ALTER TABLE lesson ADD COLUMN uid TEXT;
            ALTER TABLE section ADD COLUMN uid TEXT;
            ALTER TABLE timelineEntry ADD COLUMN uid TEXT;
            CREATE TABLE itemRemoval (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                uid TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('action', 'criterion', 'why', 'timeline', 'section', 'lesson')),
                number INTEGER,
                at REAL NOT NULL,
                PRIMARY KEY (incidentNumber, uid)
            ) WITHOUT ROWID;
            CREATE TABLE sharedRecord (
                incidentNumber INTEGER PRIMARY KEY NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                base TEXT NOT NULL,
                seen TEXT
            );
            """)
    }
}
