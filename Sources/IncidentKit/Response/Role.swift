import Foundation

/// Someone holding a role in the response: commander, communications, operations, scribe, or any other word.
public struct Role: Equatable, Sendable {
    public var role: String
    public var who: String
    public var since: Date

    public init(role: String, who: String, since: Date) {
        self.role = role
        self.who = who
        self.since = since
    }

    /// The roles of the Incident Command System most teams borrow, in the order they are listed.
    public static let common = ["commander", "communications", "operations", "scribe"]

    /// `Commander`, `Communications`, or the word as typed.
    public var title: String { role.prefix(1).uppercased() + role.dropFirst() }

    /// Roles in a stable order: the common ones first, then the rest by name.
    public static func sorted(_ roles: [Role]) -> [Role] {
        roles.sorted { a, b in
            let (i, j) = (common.firstIndex(of: a.role) ?? common.count, common.firstIndex(of: b.role) ?? common.count)
            return i != j ? i < j : a.role < b.role
        }
    }
}

/// When stakeholders expect the next update: every `interval` (from a playbook, else 30 min for P0 and an hour for
/// P1), counted from the last update recorded or posted, else from the declaration.
public struct UpdateCadence: Equatable, Sendable {
    public var interval: TimeInterval
    /// The last update, or nil when none was recorded yet.
    public var lastUpdate: Date?
    public var due: Date

    /// The cadence of `incident`, or nil when it has none (P2 and below without a playbook saying so, or resolved:
    /// the resolution was the last update stakeholders wait for).
    public init?(incident: Incident, lastUpdate: Date?) {
        guard incident.status.isOpen, incident.status != .resolved, let interval = incident.updateEvery ?? Self.defaultInterval(incident.severity) else { return nil }
        self.interval = interval
        self.lastUpdate = lastUpdate
        due = (lastUpdate ?? incident.declaredAt).addingTimeInterval(interval)
    }

    public static func defaultInterval(_ severity: Severity) -> TimeInterval? {
        switch severity {
        case .p0: 30 * 60
        case .p1: 60 * 60
        default: nil
        }
    }

    /// "next update due in 12 min, last update 18 min ago" / "update overdue by 15 min (none posted since declared)".
    /// An update printed with `update` counts as made (it is there to be pasted), so it is not called posted.
    public func describe(at now: Date) -> String {
        let last = lastUpdate.map { now.timeIntervalSince($0) < 60 ? "last update just now" : "last update \(Self.minutes(now.timeIntervalSince($0))) ago" }
            ?? "none posted since it was declared"
        if now > due { return "update overdue by \(Self.minutes(now.timeIntervalSince(due))) (\(last))" }
        return "next update due in \(Self.minutes(due.timeIntervalSince(now))), \(last)"
    }

    public func isOverdue(at now: Date) -> Bool { now > due }

    /// `30 min`, `1 hour`, `2 hours`, `90 min`.
    public static func every(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        if minutes >= 60, minutes % 60 == 0 { return minutes == 60 ? "1 hour" : "\(minutes / 60) hours" }
        return "\(minutes) min"
    }

    static func minutes(_ interval: TimeInterval) -> String {
        // A time no command could store (a crafted file's 1e300) must not trap in the conversion to Int.
        let minutes = (interval / 60).rounded()
        return minutes < 120 && minutes > -1e12 ? "\(Int(minutes)) min" : TimeFormat.duration(interval)
    }
}
