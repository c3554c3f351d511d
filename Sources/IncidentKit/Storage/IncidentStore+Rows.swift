import Foundation
import GRDB

// The one insert path of each table, used by the commands that add, by import and by sync.
// Each runs inside the caller's transaction.
extension IncidentStore {
    /// Inserts an incident's header row; returns its number.
    func insertIncident(_ incident: Incident, _ db: Database) throws -> Int {
        var record = IncidentRecord(incident, updatedAt: clock())
        try record.insert(db)
        return try record.model().number
    }

    /// Appends names to `label` or `assignee`, skipping ones already there.
    func insertNames(_ names: [String], into table: NameTable, for number: Int, _ db: Database) throws {
        var position = try nextNumber(in: table.rawValue, column: "position", for: number, db) - 1
        for name in names {
            position += 1
            switch table {
            case .label: try LabelRecord(incidentNumber: number, position: position, name: name).insert(db, onConflict: .ignore)
            case .assignee: try AssigneeRecord(incidentNumber: number, position: position, name: name).insert(db, onConflict: .ignore)
            }
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
        let position = try nextNumber(in: "section", column: "position", for: number, db)
        try SectionRecord(incidentNumber: number, position: position, title: section.title, markdown: section.markdown).insert(db)
        return position
    }

    func insertWhy(_ why: Why, for number: Int, _ db: Database) throws {
        try WhyRecord(why, in: number).insert(db)
    }

    /// Inserts a timeline entry; returns its id.
    @discardableResult
    func insertTimelineEntry(_ entry: TimelineEntry, for number: Int, _ db: Database) throws -> Int64 {
        var record = TimelineEntryRecord(entry, in: number)
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// Inserts an action item as given (number included); one that arrives done gets its item event.
    func insertAction(_ action: ActionItem, for number: Int, source: ChangeSource, _ db: Database) throws {
        try ActionItemRecord(action, in: number).insert(db)
        if let at = action.doneAt {
            try insertEvent(ItemEvent(kind: .action, number: action.number, done: true, at: at, actor: action.doneBy ?? actor,
                                      source: source), for: number, db)
        }
    }

    /// Inserts a success criterion as given; one that arrives met gets its item event.
    func insertCriterion(_ criterion: SuccessCriterion, for number: Int, source: ChangeSource, _ db: Database) throws {
        try CriterionRecord(criterion, in: number).insert(db)
        if let at = criterion.metAt {
            try insertEvent(ItemEvent(kind: .criterion, number: criterion.number, done: true, at: at,
                                      actor: criterion.metBy ?? actor, source: source), for: number, db)
        }
    }

    func insertEvent(_ event: ItemEvent, for number: Int, _ db: Database) throws {
        try ItemEventRecord(event, in: number).insert(db)
    }

    /// The number the next row of `table` gets within incident `number` (1 for the first).
    func nextNumber(in table: String, column: String = "number", for number: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(\(column)), 0) + 1 FROM \(table) WHERE incidentNumber = ?", arguments: [number]) ?? 1
    }
}

/// The two tables of names kept in order: labels and assignees.
enum NameTable: String {
    case label, assignee
}
