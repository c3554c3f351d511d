import Foundation

/// What a timeline entry marks.
public enum TimelineKind: String, CaseIterable, Codable, Sendable {
    case impactStarted = "impact-started"
    case detected
    case acknowledged
    case declared
    case rootCauseIdentified = "root-cause-identified"
    case fixDeployed = "fix-deployed"
    case mitigated
    case resolved
    case closed
    case statusChanged = "status-changed"
    case note

    /// Position in the chain of response milestones that must stay in time order, if any.
    public var milestoneRank: Int? {
        switch self {
        case .impactStarted: 0
        case .detected: 1
        case .acknowledged: 2
        case .mitigated: 3
        case .resolved: 4
        case .closed: 5
        case .declared, .rootCauseIdentified, .fixDeployed, .statusChanged, .note: nil
        }
    }

    public init(parsing text: String) throws(IncidentError) {
        guard let kind = TimelineKind(rawValue: text.trimmingSpaces().lowercased()) else {
            throw .unknownTimelineKind(text)
        }
        self = kind
    }
}

/// One dated line of an incident's timeline.
public struct TimelineEntry: Equatable, Sendable {
    public var id: Int64?
    public var at: Date
    public var kind: TimelineKind
    public var text: String
    /// True when a person typed it; false when the tool recorded it (status changes, declaration).
    public var isManual: Bool
    /// Set on entries that changed the status, so the lifecycle can be replayed.
    public var transition: StatusTransition?

    public init(id: Int64? = nil, at: Date, kind: TimelineKind, text: String, isManual: Bool,
                transition: StatusTransition? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.text = text
        self.isManual = isManual
        self.transition = transition
    }
}

/// A change of status, kept with the timeline entry that recorded it.
public struct StatusTransition: Equatable, Sendable {
    public var from: Status
    public var to: Status

    public init(from: Status, to: Status) {
        self.from = from
        self.to = to
    }

    /// A move backwards in the lifecycle, which only `reopen` makes.
    public var isReopen: Bool { to.rank < from.rank }
}
