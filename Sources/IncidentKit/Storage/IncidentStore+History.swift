import Foundation
import GRDB

/// What `incident stats` reads: counts, response milestones, and open follow-ups.
public struct HistoryFacts: Sendable {
    /// Incidents by severity and status.
    public var counts: [Severity: [Status: Int]] = [:]
    public var milestones: [ResponseStats.Milestones] = []
    /// Declared time and (when resolved) time to resolve, per incident, for the weekly chart.
    public var declared: [(severity: Severity, at: Date, resolvedAfter: TimeInterval?)] {
        milestones.map { ($0.severity, Date(unixTime: $0.declared), $0.duration(.resolve)) }
    }
    /// Open action items by owner ("" for none), and how many of them are overdue.
    public var openByOwner: [(owner: String, open: Int, overdue: Int)] = []

    public init() {}
}

/// An action item with the incident it belongs to.
public struct FollowUp: Sendable {
    public var incident: Incident
    public var action: ActionItem
}

extension IncidentStore {
    /// Counts, milestones and follow-ups of the incidents declared since `since` (of `severity`, if given).
    public func history(since: Date?, severity: Severity?, now: Date) throws(IncidentError) -> HistoryFacts {
        try read { db in
            var facts = HistoryFacts()
            guard hasSchema else { return facts }
            var filter = "WHERE declaredAt >= ?"
            var arguments: StatementArguments = [since?.unixTime ?? -Double.greatestFiniteMagnitude]
            if let severity {
                filter += " AND severity = ?"
                _ = arguments.append(contentsOf: [severity.rawValue])
            }
            // One row per incident: the milestone columns the timeline's triggers keep (MilestoneMigration).
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT severity, declaredAt, impactStartedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt,
                    CASE status \(Status.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(separator: " ")) END
                FROM incident \(filter)
                """, arguments: arguments)
            var counts = Array(repeating: Array(repeating: 0, count: Status.allCases.count), count: Severity.allCases.count)
            while let row = try cursor.next() {
                // The status as its position in Status.allCases: a number per row, not a string to allocate and compare.
                let severity: Severity = try row.decode(atIndex: 0), status: Int = try row.decode(atIndex: 7)
                counts[severity.rawValue][status] += 1
                facts.milestones.append(ResponseStats.Milestones(
                    severity: severity, declared: try row.decode(atIndex: 1),
                    impactStarted: try row.decode(atIndex: 2), detected: try row.decode(atIndex: 3), acknowledged: try row.decode(atIndex: 4),
                    mitigated: try row.decode(atIndex: 5), resolved: try row.decode(atIndex: 6)))
            }
            for severity in Severity.allCases {
                for (index, status) in Status.allCases.enumerated() where counts[severity.rawValue][index] > 0 {
                    facts.counts[severity, default: [:]][status] = counts[severity.rawValue][index]
                }
            }
            // Without a filter, the open items alone (their partial index), not a look-up of each one's incident.
            let unfiltered = since == nil && severity == nil
            let owners = unfiltered ? """
                SELECT ifnull(owner, '') AS owner, COUNT(*) AS open, SUM(dueAt IS NOT NULL AND dueAt < ?) AS overdue
                FROM actionItem WHERE doneAt IS NULL GROUP BY owner ORDER BY open DESC
                """ : """
                SELECT ifnull(a.owner, '') AS owner, COUNT(*) AS open, SUM(a.dueAt IS NOT NULL AND a.dueAt < ?) AS overdue
                FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber
                WHERE a.doneAt IS NULL AND i.declaredAt >= ?\(severity == nil ? "" : " AND i.severity = ?")
                GROUP BY owner ORDER BY open DESC
                """
            for row in try Row.fetchAll(db, sql: owners, arguments: unfiltered ? [now.unixTime] : [now.unixTime] + arguments) {
                facts.openByOwner.append((try row.decode(forColumn: "owner"), try row.decode(forColumn: "open"), try row.decode(forColumn: "overdue")))
            }
            return facts
        }
    }

    /// Action items across all incidents, by due time then incident: the follow-up list.
    public func followUps(openOnly: Bool, owner: String?, overdueAt: Date?) throws(IncidentError) -> [FollowUp] {
        try read { db in
            guard hasSchema else { return [] }
            var conditions: [String] = [], arguments: StatementArguments = []
            if openOnly || overdueAt != nil { conditions.append("a.doneAt IS NULL") }
            if let owner {
                conditions.append("a.owner = ?")
                _ = arguments.append(contentsOf: [owner])
            }
            if let overdueAt {
                conditions.append("a.dueAt IS NOT NULL AND a.dueAt < ?")
                _ = arguments.append(contentsOf: [overdueAt.unixTime])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            // Columns by position through a cursor: a follow-up list can be 10,000+ rows, and looking each column up
            // by name in a copied row cost 67,000 instructions a row (callgrind).
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT a.incidentNumber, a.number, a.horizon, a.text, a.details, a.owner, a.dueAt, a.doneAt, a.doneBy,
                       i.title, i.severity, i.status, i.declaredAt
                FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber \(filter)
                ORDER BY a.dueAt IS NULL, a.dueAt, a.incidentNumber, a.number
                """, arguments: arguments)
            var items: [FollowUp] = []
            while let row = try cursor.next() {
                let action = ActionItem(number: try row.decode(atIndex: 1), horizon: try row.decode(atIndex: 2), text: try row.decode(atIndex: 3),
                                        details: try row.decode(atIndex: 4), owner: try row.decode(atIndex: 5),
                                        due: try row.decode(Double?.self, atIndex: 6).map(Date.init(unixTime:)),
                                        doneAt: try row.decode(Double?.self, atIndex: 7).map(Date.init(unixTime:)), doneBy: try row.decode(atIndex: 8))
                let incident = Incident(number: try row.decode(atIndex: 0), title: try row.decode(atIndex: 9), severity: try row.decode(atIndex: 10),
                                        status: try row.decode(atIndex: 11), declaredAt: Date(unixTime: try row.decode(atIndex: 12)))
                items.append(FollowUp(incident: incident, action: action))
            }
            return items
        }
    }
}
