import Foundation

/// Something overdue: a stakeholder update, an action item, or a tracked follow-up.
public struct OverdueItem: Sendable {
    public var incident: Incident
    /// What is overdue: `update`, `action 3`, `action 3 (#41)`, `follow-up #41 (action 3)`.
    public var what: String
    /// How overdue, and the item's text.
    public var detail: String
    public var due: Date
    public var owner: String?
}

extension Response {
    /// What is overdue at `now`: updates and action items of open incidents, tracked follow-ups of any incident
    /// (they outlive their incident).
    public func overdue(at now: Date) throws(IncidentError) -> [OverdueItem] {
        var items: [OverdueItem] = []
        let open = try store.incidents()
        for incident in open {
            if let cadence = try store.cadence(of: incident), cadence.isOverdue(at: now) {
                items.append(OverdueItem(incident: incident, what: "update", detail: cadence.describe(at: now), due: cadence.due, owner: nil))
            }
            for action in incident.actions where !action.isDone {
                guard let due = action.due, due < now else { continue }
                items.append(OverdueItem(incident: incident, what: "action \(action.number)" + (action.tracked.map { " (\($0.reference))" } ?? ""),
                                         detail: Self.overdue(by: now.timeIntervalSince(due), action.text), due: due, owner: action.owner))
            }
        }
        let listed = Set(open.map(\.number))
        var ended: [Int: Incident] = [:]
        for item in try store.followUps(openOnly: true, owner: nil, overdueAt: now, withTitles: false) {
            guard let issue = item.tracked, let due = item.due, !listed.contains(item.incidentNumber) else { continue }
            if ended[item.incidentNumber] == nil { ended[item.incidentNumber] = try store.incident(item.incidentNumber) }
            guard let incident = ended[item.incidentNumber] else { continue }
            items.append(OverdueItem(incident: incident, what: "follow-up \(issue.reference) (action \(item.number))",
                                     detail: Self.overdue(by: now.timeIntervalSince(due), item.text), due: due, owner: item.owner))
        }
        return items
    }

    private static func overdue(by interval: TimeInterval, _ text: String) -> String {
        "overdue by \(TimeFormat.duration(interval)): \(text)"
    }
}
