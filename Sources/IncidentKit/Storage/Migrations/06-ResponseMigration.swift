import Foundation
import GRDB

/// Version 6: roles in the response, the playbooks applied to an incident, and its update cadence.
enum ResponseMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE role (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (length(role) > 0),
                who TEXT NOT NULL CHECK (length(who) > 0),
                since REAL NOT NULL,
                PRIMARY KEY (incidentNumber, role)
            ) WITHOUT ROWID;
            CREATE TABLE appliedPlaybook (
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                name TEXT NOT NULL CHECK (length(name) > 0),
                appliedAt REAL NOT NULL,
                PRIMARY KEY (incidentNumber, name)
            ) WITHOUT ROWID;
            ALTER TABLE incident ADD COLUMN updateEverySeconds INTEGER CHECK (updateEverySeconds IS NULL OR updateEverySeconds > 0);
            """)
    }
}
