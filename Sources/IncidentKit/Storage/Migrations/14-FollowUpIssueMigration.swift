import GRDB

/// Version 14: follow-ups as GitHub issues. An action item names the issue it is tracked as (`acme/ops#57`, shared with
/// the record), and `followUpIssue` keeps each tracked issue's state as this machine last saw it on GitHub (or set it
/// there), so a pull applies only what changed on GitHub since, and a publish closes or reopens only what differs.
/// The open items' index gains the link, so the follow-up list still reads them from the index alone.
enum FollowUpIssueMigration {
    static let identifier = "v14-follow-up-issues"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE actionItem ADD COLUMN trackedIssue TEXT CHECK (trackedIssue IS NULL OR trackedIssue GLOB '?*/?*#[1-9]*');
            DROP INDEX actionItemOpen;
            CREATE INDEX actionItemOpen ON actionItem(dueAt, incidentNumber, number, horizon, owner, text, trackedIssue, doneAt)
                WHERE doneAt IS NULL;
            CREATE INDEX actionItemTracked ON actionItem(trackedIssue) WHERE trackedIssue IS NOT NULL;
            CREATE TABLE followUpIssue (
                issue TEXT PRIMARY KEY NOT NULL CHECK (issue GLOB '?*/?*#[1-9]*'),
                state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                createdAt REAL,
                closedAt REAL CHECK (closedAt IS NULL OR state = 'closed'),
                updatedAt REAL
            ) WITHOUT ROWID;
            """)
    }
}
