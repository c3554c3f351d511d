import Foundation
import GRDB

/// What `incident stats` reads: counts, response milestones, and open follow-ups.
public struct HistoryFacts: Sendable {
    /// Incidents by severity and status.
    public var counts: [Severity: [Status: Int]] = [:]
    public var milestones: [ResponseStats.Milestones] = []
    /// Declared time and (when resolved) time to resolve, per incident, for the weekly chart.
    public var declared: [(severity: Severity, at: Date, resolvedAfter: TimeInterval?)] = []
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
            for row in try Row.fetchAll(db, sql: "SELECT severity, status, COUNT(*) AS n FROM incident \(filter) GROUP BY severity, status",
                                        arguments: arguments) {
                let severity: Severity = try row.decode(forColumn: "severity"), status: Status = try row.decode(forColumn: "status")
                facts.counts[severity, default: [:]][status] = try row.decode(forColumn: "n")
            }
            var byIncident: [Int: ResponseStats.Milestones] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT number, severity, declaredAt FROM incident \(filter)", arguments: arguments) {
                byIncident[try row.decode(forColumn: "number")] = ResponseStats.Milestones(
                    severity: try row.decode(forColumn: "severity"), declared: try row.date("declaredAt"), first: [:])
            }
            // Only milestone rows, through the (kind, incident, at) index: a history of 100,000 incidents reads fast.
            for row in try Row.fetchAll(db, sql: """
                SELECT incidentNumber, kind, MIN(at) AS at FROM timelineEntry
                WHERE kind IN ('impact-started', 'detected', 'acknowledged', 'mitigated', 'resolved') GROUP BY kind, incidentNumber
                """) {
                let number: Int = try row.decode(forColumn: "incidentNumber")
                guard byIncident[number] != nil else { continue }
                byIncident[number]?.first[try row.decode(TimelineKind.self, forColumn: "kind")] = try row.date("at")
            }
            facts.milestones = Array(byIncident.values)
            facts.declared = facts.milestones.map { ($0.severity, $0.declared, $0.duration(.resolve)) }
            for row in try Row.fetchAll(db, sql: """
                SELECT ifnull(a.owner, '') AS owner, COUNT(*) AS open, SUM(a.dueAt IS NOT NULL AND a.dueAt < ?) AS overdue
                FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber
                WHERE a.doneAt IS NULL AND i.declaredAt >= ?\(severity == nil ? "" : " AND i.severity = ?")
                GROUP BY owner ORDER BY open DESC
                """, arguments: [now.unixTime] + arguments) {
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
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, i.title AS incidentTitle, i.severity AS incidentSeverity, i.status AS incidentStatus, i.declaredAt AS incidentDeclaredAt
                FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber \(filter)
                ORDER BY a.dueAt IS NULL, a.dueAt, a.incidentNumber, a.number
                """, arguments: arguments)
            return try rows.map { row in
                let action = try ActionItemRecord(row: row)
                let incident = Incident(number: action.incidentNumber, title: try row.decode(forColumn: "incidentTitle"),
                                        severity: try row.decode(forColumn: "incidentSeverity"), status: try row.decode(forColumn: "incidentStatus"),
                                        declaredAt: try row.date("incidentDeclaredAt"))
                return FollowUp(incident: incident, action: action.model)
            }
        }
    }
}
