import Foundation
import GRDB

/// Version 3: ticks become rows of `itemEvent` (sync's conflict check reads them, never the change log),
/// and an update's done items become rows of `checklistUpdateItem` instead of comma-separated text.
enum ItemEventMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE itemEvent (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentNumber INTEGER NOT NULL REFERENCES incident(number) ON DELETE CASCADE,
                itemKind TEXT NOT NULL CHECK (itemKind IN ('action', 'criterion')),
                itemNumber INTEGER NOT NULL CHECK (itemNumber > 0),
                done INTEGER NOT NULL CHECK (done IN (0, 1)),
                at REAL NOT NULL,
                actor TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('cli', 'sync', 'import'))
            );
            CREATE INDEX itemEventByIncident ON itemEvent(incidentNumber, at);
            CREATE TRIGGER itemEventIsNeverEdited BEFORE UPDATE ON itemEvent
                BEGIN SELECT RAISE(ABORT, 'item events are never edited'); END;
            CREATE TABLE checklistUpdateItem (
                updateId INTEGER NOT NULL REFERENCES checklistUpdate(id) ON DELETE CASCADE,
                itemKind TEXT NOT NULL CHECK (itemKind IN ('action', 'criterion')),
                itemNumber INTEGER NOT NULL CHECK (itemNumber > 0),
                PRIMARY KEY (updateId, itemKind, itemNumber)
            ) WITHOUT ROWID;
            """)
        try deriveEvents(db)
        try splitUpdateSets(db)
    }

    /// Events from the log lines that check, uncheck and sync wrote before this version (the only place
    /// that reads those lines), then an `import` event for each item done with no event behind it.
    private static func deriveEvents(_ db: Database) throws {
        let verbs: [(String, ItemKind, Bool)] = [("checked action ", .action, true), ("unchecked action ", .action, false),
                                                 ("met criterion ", .criterion, true), ("unmet criterion ", .criterion, false)]
        let lines = try ChangeLogRecord.filter(Column("incidentNumber") != nil).order(Column("id")).fetchAll(db)
        for line in lines {
            guard let incident = line.incidentNumber,
                  let (prefix, kind, done) = verbs.first(where: { line.change.hasPrefix($0.0) }),
                  let item = Int(line.change.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            let source: ChangeSource = line.change.hasSuffix(")") && line.change.contains(" (from sync of ") ? .sync : .cli
            try ItemEventRecord(ItemEvent(kind: kind, number: item, done: done, at: line.at, actor: line.actor, source: source),
                                in: incident).insert(db)
        }
        // Items that came in ticked (import, or sync --add-new of a ticked line) left no line of their own.
        for (table, kind, at, by) in [("actionItem", "action", "doneAt", "doneBy"), ("criterion", "criterion", "metAt", "metBy")] {
            try db.execute(sql: """
                INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source)
                SELECT i.incidentNumber, '\(kind)', i.number, 1, i.\(at), i.\(by), 'import' FROM \(table) AS i
                WHERE i.\(at) IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM itemEvent AS e WHERE e.incidentNumber = i.incidentNumber AND e.itemKind = '\(kind)'
                    AND e.itemNumber = i.number AND e.done = 1)
                """)
        }
    }

    /// `doneActions` / `metCriteria` ("1,2,5") become one row per item; the text columns are dropped.
    private static func splitUpdateSets(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, doneActions, metCriteria FROM checklistUpdate")
        for row in rows {
            let id: Int64 = try row.decode(forColumn: "id")
            for (column, kind) in [("doneActions", ItemKind.action), ("metCriteria", .criterion)] {
                let text: String = try row.decode(forColumn: column)
                for number in Set(text.split(separator: ",").compactMap({ Int($0) })) {
                    try ChecklistUpdateItemRecord(updateId: id, itemKind: kind, itemNumber: number).insert(db)
                }
            }
        }
        try db.execute(sql: "ALTER TABLE checklistUpdate DROP COLUMN doneActions; ALTER TABLE checklistUpdate DROP COLUMN metCriteria")
    }
}
