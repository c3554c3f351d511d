import Foundation
import GRDB

/// Version 5: where each imported incident came from and the hash of what was read, so importing an archive
/// again skips what is unchanged and updates what changed.
enum ImportSourceMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE importSource (
                source TEXT PRIMARY KEY NOT NULL CHECK (length(source) > 0),
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                contentHash TEXT NOT NULL,
                importedAt REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX importSourceByIncident ON importSource(incidentNumber);
            """)
    }
}
