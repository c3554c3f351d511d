import Foundation

/// Where an incident is in its lifecycle.
public enum Status: String, CaseIterable, Codable, Sendable {
    case investigating, identified, mitigated, monitoring, resolved, closed, cancelled

    /// Position in the forward lifecycle; `cancelled` ends it like `closed`.
    public var rank: Int {
        switch self {
        case .investigating: 0
        case .identified: 1
        case .mitigated: 2
        case .monitoring: 3
        case .resolved: 4
        case .closed, .cancelled: 5
        }
    }

    /// Closed and cancelled incidents are over; everything else is open.
    public var isOpen: Bool { self != .closed && self != .cancelled }

    /// The timeline kind recorded when an incident enters this status.
    public var timelineKind: TimelineKind {
        switch self {
        case .identified: .rootCauseIdentified
        case .mitigated: .mitigated
        case .resolved: .resolved
        case .closed: .closed
        case .investigating, .monitoring, .cancelled: .statusChanged
        }
    }

    public init(parsing text: String) throws(IncidentError) {
        guard let status = Status(rawValue: text.trimmingSpaces().lowercased()) else {
            throw .unknownStatus(text)
        }
        self = status
    }
}
