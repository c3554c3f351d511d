import Foundation

/// When an action item should be done.
public enum Horizon: String, CaseIterable, Codable, Sendable {
    case immediate
    case mediumTerm = "medium-term"
    case longTerm = "long-term"

    public init(parsing text: String) throws(IncidentError) {
        let key = text.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "immediate", "now": self = .immediate
        case "medium-term", "medium", "mid-term", "mid": self = .mediumTerm
        case "long-term", "long": self = .longTerm
        default: throw .unknownHorizon(text)
        }
    }
}

/// A piece of work that came out of the incident.
public struct ActionItem: Equatable, Sendable {
    public var number: Int
    public var horizon: Horizon
    public var text: String
    /// Markdown nested under the item: commands, sub-bullets.
    public var details: String?
    public var owner: String?
    public var due: Date?
    public var doneAt: Date?
    public var doneBy: String?
    /// The named group it was listed under ("Initiate", "Assess"), when a checklist is split under its own headings.
    public var group: String?
    /// The GitHub issue it is tracked as (`incident action track`); it travels with the record.
    public var tracked: TrackedIssue?

    public var isDone: Bool { doneAt != nil }

    public init(number: Int, horizon: Horizon, text: String, details: String? = nil, owner: String? = nil,
                due: Date? = nil, doneAt: Date? = nil, doneBy: String? = nil, group: String? = nil, tracked: TrackedIssue? = nil) {
        self.number = number
        self.horizon = horizon
        self.text = text
        self.details = details
        self.owner = owner
        self.due = due
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.group = group
        self.tracked = tracked
    }
}

/// When a success criterion should hold.
public enum Phase: String, CaseIterable, Codable, Sendable {
    case immediate
    case shortTerm = "short-term"

    public init(parsing text: String) throws(IncidentError) {
        let key = text.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "immediate", "now": self = .immediate
        case "short-term", "short": self = .shortTerm
        default: throw .unknownPhase(text)
        }
    }
}

/// A check that tells responders the incident is really over.
public struct SuccessCriterion: Equatable, Sendable {
    public var number: Int
    public var phase: Phase
    public var text: String
    public var metAt: Date?
    public var metBy: String?

    public var isMet: Bool { metAt != nil }

    public init(number: Int, phase: Phase, text: String, metAt: Date? = nil, metBy: String? = nil) {
        self.number = number
        self.phase = phase
        self.text = text
        self.metAt = metAt
        self.metBy = metBy
    }
}

/// One answer in the five-whys chain.
public struct Why: Equatable, Sendable {
    public var number: Int
    public var text: String
    /// The why this one answers; nil for the first of a chain.
    public var parent: Int?
    public var isRootCause: Bool

    public init(number: Int, text: String, parent: Int? = nil, isRootCause: Bool = false) {
        self.number = number
        self.text = text
        self.parent = parent
        self.isRootCause = isRootCause
    }
}

/// Which list an item number refers to.
public enum ItemKind: String, Codable, Sendable {
    case action, criterion, why
}
