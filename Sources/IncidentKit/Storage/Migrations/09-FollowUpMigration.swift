import GRDB

/// Version 9: the open action items, everything `incident actions --open` shows and `incident stats` counts by owner
/// (not their details, which neither shows), in one small index. In a long history the few open items are spread
/// over most of the table's pages, so reading them row by row touches the whole table; the index holds them together.
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
