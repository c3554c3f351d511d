import Foundation
import GRDB

/// Version 4: the GitHub issue an incident is published to, and the boxes as this machine last saw them there.
enum GitHubMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE githubLink (
                incidentNumber INTEGER PRIMARY KEY NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                repo TEXT NOT NULL CHECK (repo GLOB '?*/?*'),
                issueNumber INTEGER NOT NULL CHECK (issueNumber > 0),
                url TEXT NOT NULL,
                syncedAt REAL,
                UNIQUE (repo, issueNumber)
            );
            CREATE TABLE githubSyncedItem (
                incidentNumber INTEGER NOT NULL REFERENCES githubLink(incidentNumber) ON DELETE CASCADE,
                itemKind TEXT NOT NULL CHECK (itemKind IN ('action', 'criterion')),
                itemNumber INTEGER NOT NULL CHECK (itemNumber > 0),
                done INTEGER NOT NULL CHECK (done IN (0, 1)),
                PRIMARY KEY (incidentNumber, itemKind, itemNumber)
            ) WITHOUT ROWID;
            """)
    }
}
