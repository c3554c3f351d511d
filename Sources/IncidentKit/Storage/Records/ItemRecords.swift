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

    var model: Why { Why(number: number, text: text, parent: parentNumber, isRootCause: isRootCause) }
}

/// A row of `timelineEntry`.
struct TimelineEntryRecord: IncidentChildRecord {
    static let databaseTableName = "timelineEntry"
    static let orderColumn = "at"
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

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var model: TimelineEntry {
        let transition = fromStatus.flatMap { from in toStatus.map { StatusTransition(from: from, to: $0) } }
        return TimelineEntry(id: id, at: at, kind: kind, text: text, isManual: isManual, transition: transition)
    }

    /// In time order; entries at the same time in the order they were written.
    static func ordered(of number: Int) -> QueryInterfaceRequest<Self> {
        filter(Column("incidentNumber") == number).order(Column("at"), Column("id"))
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

    init(_ action: ActionItem, in incident: Int) {
        (incidentNumber, number, horizon, text, details) = (incident, action.number, action.horizon, action.text, action.details)
        (owner, dueAt, doneAt, doneBy) = (action.owner, action.due, action.doneAt, action.doneBy)
    }

    var model: ActionItem {
        ActionItem(number: number, horizon: horizon, text: text, details: details, owner: owner, due: dueAt,
                   doneAt: doneAt, doneBy: doneBy)
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
