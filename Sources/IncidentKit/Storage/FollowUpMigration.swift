import GRDB

/// Version 9: the open action items, everything `incident actions --open` shows and `incident stats` counts by owner
/// (not their details, which neither shows), in one small index. At 100,000 incidents the 14,000 open items lie on
/// half of the table's 22,000 pages; reading them row by row took 100 ms of `actions --open`, the index 18 ms.
enum FollowUpMigration {
    static func migrate(_ db: Database) throws {
        // `doneAt` is listed (always NULL here) so SQLite sees the index as covering the queries' `doneAt IS NULL`.
        try db.execute(sql: """
            DROP INDEX actionItemOpenByDue;
            CREATE INDEX actionItemOpen ON actionItem(dueAt, incidentNumber, number, horizon, owner, text, doneAt)
                WHERE doneAt IS NULL;
            """)
    }
}
