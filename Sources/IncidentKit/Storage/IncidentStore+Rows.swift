import Foundation
import GRDB

// The one insert path of each table, used by the commands that add, by import and by sync.
// Each runs inside the caller's transaction. The tables an incident has many rows of are written with cached
// statements of their own: an archive import writes hundreds of thousands of rows, and a record's `insert` builds its
// SQL and looks its statement up again for every row.
extension IncidentStore {
    /// Inserts an incident's header row (updated now, or at `updatedAt`); returns its number.
    func insertIncident(_ incident: Incident, updatedAt: Date? = nil, _ db: Database) throws -> Int {
        // The columns are the record's own (`encode(to:)`); the statement is written here because a record's
        // `insert` first asks SQLite for the table's columns and primary key, on `new`'s path.
        let values = try IncidentRecord(incident, updatedAt: updatedAt ?? clock()).databaseDictionary
        let columns = values.keys.sorted()
        // Not a cached statement: GRDB's statement cache costs `new` more than compiling this insert once saves.
        try db.execute(sql: "INSERT INTO incident (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))",
                       arguments: StatementArguments(columns.map { values[$0]! }))
        return Int(db.lastInsertedRowID)
    }

    /// Appends names to `label` or `assignee`, skipping ones already there.
    func insertNames(_ names: [String], into table: NameTable, for number: Int, _ db: Database) throws {
        var position = try nextNumber(in: table.rawValue, column: "position", for: number, db) - 1
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table.rawValue) (incidentNumber, position, name) VALUES (?, ?, ?)")
        for name in names {
            position += 1
            try statement.execute(arguments: [number, position, name])
        }
    }

    /// Appends services; one already there by name keeps its place and takes the new URL and note.
    func insertServices(_ services: [AffectedService], for number: Int, _ db: Database) throws {
        var position = try nextNumber(in: "service", column: "position", for: number, db) - 1
        for service in services {
            if var existing = try ServiceRecord.fetchOne(db, key: ["incidentNumber": number, "name": service.name]) {
                (existing.url, existing.note) = (service.url, service.note)
                try existing.update(db)
                continue
            }
            position += 1
            try ServiceRecord(incidentNumber: number, position: position, name: service.name, url: service.url,
                              note: service.note).insert(db)
        }
    }

    /// Appends a free section after the existing ones; returns its position.
    @discardableResult
    func insertSection(_ section: FreeSection, for number: Int, _ db: Database) throws -> Int {
        try insertSections([section], for: number, db)
    }

    /// Appends free sections after the existing ones, in order; returns the last one's position.
    @discardableResult
    func insertSections(_ sections: [FreeSection], for number: Int, _ db: Database) throws -> Int {
        var position = try nextNumber(in: "section", column: "position", for: number, db) - 1
        let statement = try db.cachedStatement(sql: "INSERT INTO section (incidentNumber, position, title, markdown, isInternal) VALUES (?, ?, ?, ?, ?)")
        for section in sections {
            position += 1
            try statement.execute(arguments: [number, position, section.title, section.markdown, section.isInternal])
        }
        return position
    }

    func insertWhy(_ why: Why, for number: Int, _ db: Database) throws {
        try WhyRecord(why, in: number).insert(db)
    }

    /// Inserts a timeline entry; returns its id.
    @discardableResult
    func insertTimelineEntry(_ entry: TimelineEntry, for number: Int, _ db: Database) throws -> Int64 {
        let row = TimelineEntryRecord(entry, in: number)
        try db.cachedStatement(sql: """
            INSERT INTO timelineEntry (id, incidentNumber, at, kind, text, isManual, fromStatus, toStatus) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [row.id, row.incidentNumber, row.at.unixTime, row.kind, row.text, row.isManual, row.fromStatus, row.toStatus])
        return row.id ?? db.lastInsertedRowID
    }

    /// Inserts an action item as given (number included); one that arrives done gets its item event.
    func insertAction(_ action: ActionItem, for number: Int, source: ChangeSource, _ db: Database) throws {
        let row = ActionItemRecord(action, in: number)
        try db.cachedStatement(sql: """
            INSERT INTO actionItem (incidentNumber, number, horizon, text, details, owner, dueAt, doneAt, doneBy, groupName, trackedIssue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [row.incidentNumber, row.number, row.horizon, row.text, row.details, row.owner, row.dueAt?.unixTime,
                                     row.doneAt?.unixTime, row.doneBy, row.groupName, row.trackedIssue])
        if let at = action.doneAt {
            try insertEvent(ItemEvent(kind: .action, number: action.number, done: true, at: at, actor: action.doneBy ?? actor,
                                      source: source), for: number, db)
        }
    }

    /// Inserts a success criterion as given; one that arrives met gets its item event.
    func insertCriterion(_ criterion: SuccessCriterion, for number: Int, source: ChangeSource, _ db: Database) throws {
        let row = CriterionRecord(criterion, in: number)
        try db.cachedStatement(sql: "INSERT INTO criterion (incidentNumber, number, phase, text, metAt, metBy) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [row.incidentNumber, row.number, row.phase, row.text, row.metAt?.unixTime, row.metBy])
        if let at = criterion.metAt {
            try insertEvent(ItemEvent(kind: .criterion, number: criterion.number, done: true, at: at,
                                      actor: criterion.metBy ?? actor, source: source), for: number, db)
        }
    }

    func insertEvent(_ event: ItemEvent, for number: Int, _ db: Database) throws {
        let row = ItemEventRecord(event, in: number)
        try db.cachedStatement(sql: "INSERT INTO itemEvent (incidentNumber, itemKind, itemNumber, done, at, actor, source) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [row.incidentNumber, row.itemKind, row.itemNumber, row.done, row.at.unixTime, row.actor, row.source])
    }

    /// The number the next row of `table` gets within incident `number` (1 for the first).
    func nextNumber(in table: String, column: String = "number", for number: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(\(column)), 0) + 1 FROM \(table) WHERE incidentNumber = ?"),
                         arguments: [number]) ?? 1
    }
}

/// The two tables of names kept in order: labels and assignees.
enum NameTable: String {
    case label, assignee
}
