import Foundation
import GRDB

/// A row of `why`.
struct WhyRecord: IncidentChildRecord {
    static let databaseTableName = "why"
    static let orderColumn = "number"
    var incidentNumber: Int
    var number: Int
    var text: String
    var parentNumber: Int?
    var isRootCause: Bool

    init(_ why: Why, in incident: Int) {
        (incidentNumber, number, text, parentNumber, isRootCause) = (incident, why.number, why.text, why.parent, why.isRootCause)
    }

    init(row: Row) throws {
        (incidentNumber, number, text) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "number"), row.decode(forColumn: "text"))
        (parentNumber, isRootCause) = try (row.decode(forColumn: "parentNumber"), row.decode(forColumn: "isRootCause"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["number"], container["text"]) = (incidentNumber, number, text)
        (container["parentNumber"], container["isRootCause"]) = (parentNumber, isRootCause)
    }

    var model: Why { Why(number: number, text: text, parent: parentNumber, isRootCause: isRootCause) }
}

/// A row of `timelineEntry`.
struct TimelineEntryRecord: IncidentChildRecord {
    static let databaseTableName = "timelineEntry"
    static let orderColumn = "at, id"
    var id: Int64?
    var incidentNumber: Int
    var at: Date
    var kind: TimelineKind
    var text: String
    var isManual: Bool
    var fromStatus: Status?
    var toStatus: Status?

    init(_ entry: TimelineEntry, in incident: Int) {
        (id, incidentNumber, at, kind, text, isManual) = (entry.id, incident, entry.at, entry.kind, entry.text, entry.isManual)
        (fromStatus, toStatus) = (entry.transition?.from, entry.transition?.to)
    }

    init(row: Row) throws {
        (id, incidentNumber, at) = try (row.decode(forColumn: "id"), row.decode(forColumn: "incidentNumber"), row.date("at"))
        (kind, text, isManual) = try (row.decode(forColumn: "kind"), row.decode(forColumn: "text"), row.decode(forColumn: "isManual"))
        (fromStatus, toStatus) = try (row.decode(forColumn: "fromStatus"), row.decode(forColumn: "toStatus"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["incidentNumber"], container["at"]) = (id, incidentNumber, at.unixTime)
        (container["kind"], container["text"], container["isManual"]) = (kind, text, isManual)
        (container["fromStatus"], container["toStatus"]) = (fromStatus, toStatus)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var model: TimelineEntry {
        let transition = fromStatus.flatMap { from in toStatus.map { StatusTransition(from: from, to: $0) } }
        return TimelineEntry(id: id, at: at, kind: kind, text: text, isManual: isManual, transition: transition)
    }

}

/// A row of `actionItem`.
struct ActionItemRecord: IncidentChildRecord {
    static let databaseTableName = "actionItem"
    static let orderColumn = "number"
    var incidentNumber: Int
    var number: Int
    var horizon: Horizon
    var text: String
    var details: String?
    var owner: String?
    var dueAt: Date?
    var doneAt: Date?
    var doneBy: String?
    /// `group` is an SQL keyword.
    var groupName: String?
    /// `acme/ops#57`.
    var trackedIssue: String?

    init(_ action: ActionItem, in incident: Int) {
        (incidentNumber, number, horizon, text, details) = (incident, action.number, action.horizon, action.text, action.details)
        (owner, dueAt, doneAt, doneBy, groupName) = (action.owner, action.due, action.doneAt, action.doneBy, action.group)
        trackedIssue = action.tracked?.reference
    }

    init(row: Row) throws {
        (incidentNumber, number, horizon) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "number"), row.decode(forColumn: "horizon"))
        (text, details, owner) = try (row.decode(forColumn: "text"), row.decode(forColumn: "details"), row.decode(forColumn: "owner"))
        (dueAt, doneAt, doneBy) = try (row.optionalDate("dueAt"), row.optionalDate("doneAt"), row.decode(forColumn: "doneBy"))
        (groupName, trackedIssue) = try (row.decode(forColumn: "groupName"), row.decode(forColumn: "trackedIssue"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["number"], container["horizon"]) = (incidentNumber, number, horizon)
        (container["text"], container["details"], container["owner"]) = (text, details, owner)
        (container["dueAt"], container["doneAt"], container["doneBy"]) = (dueAt?.unixTime, doneAt?.unixTime, doneBy)
        (container["groupName"], container["trackedIssue"]) = (groupName, trackedIssue)
    }

    var model: ActionItem {
        ActionItem(number: number, horizon: horizon, text: text, details: details, owner: owner, due: dueAt,
                   doneAt: doneAt, doneBy: doneBy, group: groupName, tracked: trackedIssue.flatMap(TrackedIssue.init(reference:)))
    }
}

/// A row of `criterion`.
struct CriterionRecord: IncidentChildRecord {
    static let databaseTableName = "criterion"
    static let orderColumn = "number"
    var incidentNumber: Int
    var number: Int
    var phase: Phase
    var text: String
    var metAt: Date?
    var metBy: String?

    init(_ criterion: SuccessCriterion, in incident: Int) {
        (incidentNumber, number, phase, text, metAt, metBy) = (incident, criterion.number, criterion.phase, criterion.text,
                                                               criterion.metAt, criterion.metBy)
    }

    init(row: Row) throws {
        (incidentNumber, number, phase) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "number"), row.decode(forColumn: "phase"))
        (text, metAt, metBy) = try (row.decode(forColumn: "text"), row.optionalDate("metAt"), row.decode(forColumn: "metBy"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["number"], container["phase"]) = (incidentNumber, number, phase)
        (container["text"], container["metAt"], container["metBy"]) = (text, metAt?.unixTime, metBy)
    }

    var model: SuccessCriterion { SuccessCriterion(number: number, phase: phase, text: text, metAt: metAt, metBy: metBy) }
}

/// A row of `lesson`.
struct LessonRecord: IncidentChildRecord {
    static let databaseTableName = "lesson"
    static let orderColumn = "number"
    var incidentNumber: Int
    var number: Int
    var kind: LessonKind
    var text: String

    var model: Lesson { Lesson(number: number, kind: kind, text: text) }
}

extension LessonRecord {
    init(row: Row) throws {
        (incidentNumber, number) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "number"))
        (kind, text) = try (row.decode(forColumn: "kind"), row.decode(forColumn: "text"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["number"], container["kind"], container["text"]) = (incidentNumber, number, kind, text)
    }
}
