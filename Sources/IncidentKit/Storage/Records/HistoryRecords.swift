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

    init(at: Date, actor: String, incidentNumber: Int?, change: String) {
        (self.at, self.actor, self.incidentNumber, self.change) = (at, actor, incidentNumber, change)
    }

    init(row: Row) throws {
        (id, at, actor) = try (row.decode(forColumn: "id"), row.date("at"), row.decode(forColumn: "actor"))
        (incidentNumber, change) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "change"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["at"], container["actor"]) = (id, at.unixTime, actor)
        (container["incidentNumber"], container["change"]) = (incidentNumber, change)
    }

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

    init(row: Row) throws {
        (id, incidentNumber, itemKind, itemNumber) = try (row.decode(forColumn: "id"), row.decode(forColumn: "incidentNumber"),
                                                          row.decode(forColumn: "itemKind"), row.decode(forColumn: "itemNumber"))
        (done, at, actor, source) = try (row.decode(forColumn: "done"), row.date("at"), row.decode(forColumn: "actor"),
                                         row.decode(forColumn: "source"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["incidentNumber"], container["itemKind"], container["itemNumber"]) = (id, incidentNumber, itemKind, itemNumber)
        (container["done"], container["at"], container["actor"], container["source"]) = (done, at.unixTime, actor, source)
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

    init(incidentNumber: Int, at: Date, lastTimelineEntryId: Int64) {
        (self.incidentNumber, self.at, self.lastTimelineEntryId) = (incidentNumber, at, lastTimelineEntryId)
    }

    init(row: Row) throws {
        (id, incidentNumber) = try (row.decode(forColumn: "id"), row.decode(forColumn: "incidentNumber"))
        (at, lastTimelineEntryId) = try (row.date("at"), row.decode(forColumn: "lastTimelineEntryId"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["incidentNumber"], container["at"], container["lastTimelineEntryId"]) = (id, incidentNumber, at.unixTime, lastTimelineEntryId)
    }

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

    init(updateId: Int64, itemKind: ItemKind, itemNumber: Int) {
        (self.updateId, self.itemKind, self.itemNumber) = (updateId, itemKind, itemNumber)
    }

    init(row: Row) throws {
        (updateId, itemKind, itemNumber) = try (row.decode(forColumn: "updateId"), row.decode(forColumn: "itemKind"), row.decode(forColumn: "itemNumber"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["updateId"], container["itemKind"], container["itemNumber"]) = (updateId, itemKind, itemNumber)
    }
}
