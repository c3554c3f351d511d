import GRDB

/// Version 10: the search index is rebuilt once per incident per transaction, not once per row.
///
/// Version 7's triggers rebuilt an incident's whole search row after every inserted, changed or deleted row that
/// feeds it, so importing or adding N items cost N rebuilds of a text that grows with N: quadratic. Now the
/// triggers only note the incident in `searchPending`, and the store rebuilds each noted incident's row once,
/// just before the transaction commits (`IncidentStore.refreshSearch`).
enum DeferredSearchMigration {
    static let identifier = "v10-deferred-search"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE searchPending (incidentNumber INTEGER PRIMARY KEY)")
        try db.execute(sql: triggers(for: "incident", key: "number", columns: "title, summary, impact, rootCause, resolution"))
        for (table, columns) in SearchMigration.sources {
            try db.execute(sql: triggers(for: table, key: "incidentNumber", columns: columns))
        }
    }

    /// After an insert or delete of `table`, or an update of its searchable `columns` (a tick changes none), the
    /// incident is noted for its search row to be rebuilt at commit.
    static func triggers(for table: String, key: String, columns: String) -> String {
        let note = { (row: String) in "INSERT OR IGNORE INTO searchPending(incidentNumber) VALUES (\(row).\(key));" }
        return """
            DROP TRIGGER \(table)SearchInsert;
            DROP TRIGGER \(table)SearchUpdate;
            DROP TRIGGER \(table)SearchDelete;
            CREATE TRIGGER \(table)SearchInsert AFTER INSERT ON \(table) BEGIN \(note("NEW")) END;
            CREATE TRIGGER \(table)SearchUpdate AFTER UPDATE OF \(columns) ON \(table) BEGIN \(note("OLD")) \(note("NEW")) END;
            CREATE TRIGGER \(table)SearchDelete AFTER DELETE ON \(table) BEGIN \(note("OLD")) END;
            """
    }
}
