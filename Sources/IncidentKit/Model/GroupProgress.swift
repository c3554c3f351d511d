import Foundation

/// How many items of one group (a horizon or a phase) are done.
public struct GroupProgress: Equatable, Sendable {
    public var group: String
    public var done: Int
    public var total: Int

    /// Done and total per horizon, in lifecycle order, empty horizons left out.
    public static func actions(of incident: Incident) -> [GroupProgress] {
        Horizon.allCases.compactMap { horizon in
            let group = incident.actions.filter { $0.horizon == horizon }
            return group.isEmpty ? nil : GroupProgress(group: horizon.rawValue, done: group.filter(\.isDone).count, total: group.count)
        }
    }

    /// Met and total per phase, in lifecycle order, empty phases left out.
    public static func criteria(of incident: Incident) -> [GroupProgress] {
        Phase.allCases.compactMap { phase in
            let group = incident.criteria.filter { $0.phase == phase }
            return group.isEmpty ? nil : GroupProgress(group: phase.rawValue, done: group.filter(\.isMet).count, total: group.count)
        }
    }

    /// `immediate 3/3, medium-term 1/4`.
    public static func summary(_ groups: [GroupProgress]) -> String {
        groups.map { "\($0.group) \($0.done)/\($0.total)" }.joined(separator: ", ")
    }
}
