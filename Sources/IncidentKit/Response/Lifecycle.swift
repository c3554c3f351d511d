import Foundation

/// The rules of the status lifecycle and of milestone order on the timeline.
public enum Lifecycle {
    /// Throws unless `status` may move forward to `target` with `incident status`.
    public static func checkForwardMove(from status: Status, to target: Status) throws(IncidentError) {
        if target == .closed { throw .closeThroughCloseCommand }
        if !status.isOpen || target.rank < status.rank { throw .disallowedTransition(from: status, to: target) }
    }

    /// Throws unless `status` may move back to `target` with `incident reopen`.
    public static func checkReopen(from status: Status, to target: Status) throws(IncidentError) {
        guard target.isOpen else { throw .notAReopenTarget(target) }
        if status == .investigating { throw .notReopenable(status) }
        // Cancelled and closed reopen to any open status; others only move backwards.
        if status.isOpen && target.rank >= status.rank { throw .disallowedTransition(from: status, to: target) }
    }

    /// Throws when an entry of `kind` at `at` would put milestones out of order.
    ///
    /// Nothing but notes may precede impact-started; ranked milestones keep their order within the
    /// stretch since the last reopen; status changes never precede the previous one.
    public static func checkOrder(of kind: TimelineKind, at: Date, isTransition: Bool,
                                  among timeline: [TimelineEntry]) throws(IncidentError) {
        guard kind != .note else { return }
        for entry in timeline where entry.kind != .note {
            if entry.kind == .impactStarted, kind != .impactStarted, entry.at > at {
                throw .milestoneOutOfOrder(kind: kind, at: at, conflicting: entry.kind, conflictingAt: entry.at)
            }
            if kind == .impactStarted, entry.kind != .impactStarted, entry.at < at {
                throw .milestoneOutOfOrder(kind: kind, at: at, conflicting: entry.kind, conflictingAt: entry.at)
            }
        }
        let since = lastReopen(in: timeline)
        for entry in timeline where since.map({ entry.at >= $0 }) ?? true {
            if isTransition, entry.transition != nil, entry.at > at {
                throw .milestoneOutOfOrder(kind: kind, at: at, conflicting: entry.kind, conflictingAt: entry.at)
            }
            guard let mine = kind.milestoneRank, let theirs = entry.kind.milestoneRank,
                  kind != .impactStarted, entry.kind != .impactStarted else { continue }
            if (theirs < mine && entry.at > at) || (theirs > mine && entry.at < at) {
                throw .milestoneOutOfOrder(kind: kind, at: at, conflicting: entry.kind, conflictingAt: entry.at)
            }
        }
    }

    /// When the incident was last reopened, if ever.
    static func lastReopen(in timeline: [TimelineEntry]) -> Date? {
        timeline.filter { $0.transition?.isReopen == true }.map(\.at).max()
    }
}
