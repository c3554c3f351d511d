import Foundation
import GRDB

/// Version 7: full-text search, and the indexes the history commands read through: over every incident (FTS5, porter stemming), kept in step by the schema itself: a view
/// assembles each incident's searchable text, and triggers on every table that feeds it rebuild that incident's row.
enum SearchMigration {
    /// The tables whose rows are part of an incident's searchable text, and the columns of theirs it holds.
    static let sources = [("label", "name"), ("section", "title, markdown"), ("why", "text"), ("timelineEntry", "text"),
                          ("actionItem", "text, details"), ("criterion", "text")]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE incidentSearch USING fts5(title, body, tokenize = 'porter unicode61');
            CREATE VIEW incidentSearchText AS SELECT i.number AS number, i.title AS title,
                ifnull(i.summary, '') || char(10) || ifnull(i.impact, '') || char(10) || ifnull(i.rootCause, '') || char(10)
                || ifnull(i.resolution, '') || char(10)
                || ifnull((SELECT group_concat(name, ' ') FROM label WHERE incidentNumber = i.number), '') || char(10)
                || ifnull((SELECT group_concat(text, char(10)) FROM why WHERE incidentNumber = i.number), '') || char(10)
                || ifnull((SELECT group_concat(text, char(10)) FROM timelineEntry WHERE incidentNumber = i.number), '') || char(10)
                || ifnull((SELECT group_concat(text || char(10) || ifnull(details, ''), char(10)) FROM actionItem
                           WHERE incidentNumber = i.number), '') || char(10)
                || ifnull((SELECT group_concat(text, char(10)) FROM criterion WHERE incidentNumber = i.number), '') || char(10)
                || ifnull((SELECT group_concat(title || char(10) || markdown, char(10)) FROM section WHERE incidentNumber = i.number), '')
                AS body
            FROM incident AS i;
            """)
        try db.execute(sql: triggers(for: "incident", key: "number", columns: "title, summary, impact, rootCause, resolution"))
        for (table, columns) in sources { try db.execute(sql: triggers(for: table, key: "incidentNumber", columns: columns)) }
        try db.execute(sql: "INSERT INTO incidentSearch(rowid, title, body) SELECT number, title, body FROM incidentSearchText")
        // `incident stats` reads milestones by kind; `incident actions` follow-ups by due time; `incident list` the open ones.
        try db.execute(sql: """
            CREATE INDEX timelineEntryByKind ON timelineEntry(kind, incidentNumber, at);
            CREATE INDEX actionItemOpenByDue ON actionItem(dueAt) WHERE doneAt IS NULL;
            CREATE INDEX incidentOpenByNumber ON incident(number) WHERE status NOT IN ('closed', 'cancelled');
            """)
    }

    /// After an insert or delete of `table`, or an update of its searchable `columns` (not a tick, which changes no
    /// searchable text and would re-index the whole incident on every `check`), the incident's search row is rebuilt.
    static func triggers(for table: String, key: String, columns: String) -> String {
        let rebuild = { (row: String) in
            """
            DELETE FROM incidentSearch WHERE rowid = \(row).\(key);
                INSERT INTO incidentSearch(rowid, title, body) SELECT number, title, body FROM incidentSearchText WHERE number = \(row).\(key);
            """
        }
        return """
            CREATE TRIGGER \(table)SearchInsert AFTER INSERT ON \(table) BEGIN \(rebuild("NEW")) END;
            CREATE TRIGGER \(table)SearchUpdate AFTER UPDATE OF \(columns) ON \(table) BEGIN \(rebuild("OLD")) \(rebuild("NEW")) END;
            CREATE TRIGGER \(table)SearchDelete AFTER DELETE ON \(table) BEGIN \(rebuild("OLD")) END;
            """
    }
}
