import Foundation
import GRDB

/// A row of `changeLog`: one line of the append-only history, written for people.
struct ChangeLogRecord: StoredRecord {
    static let databaseTableName = "changeLog"
    var id: Int64?
    var at: Date
    var actor: String
    var incidentNumber: Int?
    var change: String

    var model: ChangeLogEntry {
        ChangeLogEntry(id: id ?? 0, at: at, actor: actor, incidentNumber: incidentNumber, change: change)
    }
}

/// A row of `itemEvent`: one tick or untick, as a fact that code reads back.
struct ItemEventRecord: StoredRecord {
    static let databaseTableName = "itemEvent"
    enum Columns {
        static let incidentNumber = Column(CodingKeys.incidentNumber)
        static let at = Column(CodingKeys.at)
    }

    var id: Int64?
    var incidentNumber: Int
    var itemKind: ItemKind
    var itemNumber: Int
    var done: Bool
    var at: Date
    var actor: String
    var source: ChangeSource

    init(_ event: ItemEvent, in incident: Int) {
        (incidentNumber, itemKind, itemNumber, done) = (incident, event.kind, event.number, event.done)
        (at, actor, source) = (event.at, event.actor, event.source)
    }

    var model: ItemEvent { ItemEvent(kind: itemKind, number: itemNumber, done: done, at: at, actor: actor, source: source) }
}

/// A row of `checklistUpdate`: when an update was posted, and the newest timeline entry it covered.
struct ChecklistUpdateRecord: StoredRecord {
    static let databaseTableName = "checklistUpdate"
    static let items = hasMany(ChecklistUpdateItemRecord.self)
    var id: Int64?
    var incidentNumber: Int
    var at: Date
    var lastTimelineEntryId: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `checklistUpdateItem`: an item that was done when the update was posted.
struct ChecklistUpdateItemRecord: StoredRecord {
    static let databaseTableName = "checklistUpdateItem"
    var updateId: Int64
    var itemKind: ItemKind
    var itemNumber: Int
}
