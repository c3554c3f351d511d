import Foundation

/// What a lesson learned says about the response.
public enum LessonKind: String, CaseIterable, Codable, Sendable {
    case wentWell = "went-well"
    case wentWrong = "went-wrong"
    case lucky

    /// The heading a postmortem gives this kind of lesson.
    public var heading: String {
        switch self {
        case .wentWell: "What went well"
        case .wentWrong: "What went wrong"
        case .lucky: "Where we got lucky"
        }
    }
}

/// One lesson learned, for the postmortem.
public struct Lesson: Equatable, Sendable {
    public var number: Int
    public var kind: LessonKind
    public var text: String

    public init(number: Int, kind: LessonKind, text: String) {
        self.number = number
        self.kind = kind
        self.text = text
    }
}

/// The checklist as it stood when an update comment was posted, so the next update reports only changes.
public struct ChecklistSnapshot: Equatable, Sendable {
    public var at: Date
    public var doneActions: Set<Int>
    public var metCriteria: Set<Int>
    /// Timeline entries with a larger id were added after this update.
    public var lastTimelineEntryID: Int64

    public init(at: Date, doneActions: Set<Int>, metCriteria: Set<Int>, lastTimelineEntryID: Int64) {
        self.at = at
        self.doneActions = doneActions
        self.metCriteria = metCriteria
        self.lastTimelineEntryID = lastTimelineEntryID
    }

    /// The state of `incident` now.
    public init(of incident: Incident, at: Date) {
        self.init(at: at, doneActions: Set(incident.actions.filter(\.isDone).map(\.number)),
                  metCriteria: Set(incident.criteria.filter(\.isMet).map(\.number)),
                  lastTimelineEntryID: incident.timeline.compactMap(\.id).max() ?? 0)
    }
}
