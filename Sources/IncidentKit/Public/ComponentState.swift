import Foundation

/// A component's state on the status page, from best to worst (Atlassian Statuspage's states).
public enum ComponentState: String, Sendable, CaseIterable, Comparable {
    case operational
    case degradedPerformance = "degraded-performance"
    case partialOutage = "partial-outage"
    case majorOutage = "major-outage"

    /// "Partial outage".
    public var label: String {
        switch self {
        case .operational: "Operational"
        case .degradedPerformance: "Degraded performance"
        case .partialOutage: "Partial outage"
        case .majorOutage: "Major outage"
        }
    }

    /// The value status-page APIs use, e.g. `partial_outage`.
    var apiValue: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// The page-wide indicator of Statuspage's API: none, minor, major, critical.
    var indicator: String {
        switch self {
        case .operational: "none"
        case .degradedPerformance: "minor"
        case .partialOutage: "major"
        case .majorOutage: "critical"
        }
    }

    /// cState's severity words: down, disrupted, notice.
    var cStateSeverity: String {
        switch self {
        case .majorOutage: "down"
        case .partialOutage, .degradedPerformance: "disrupted"
        case .operational: "notice"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: ComponentState, rhs: ComponentState) -> Bool { lhs.rank < rhs.rank }
}
