import Foundation
import GRDB

/// What `incident stats` reads: counts, response times, and open follow-ups.
public struct HistoryFacts: Sendable {
    /// Incidents by severity and status.
    public var counts: [Severity: [Status: Int]] = [:]
    /// Response times per severity, from each incident's first milestones.
    public var stats = ResponseStats([])
    /// Per incident, its severity, when it was declared and (when resolved) how long that took: for the weekly chart,
    /// so only when asked for.
    public var declared: [(severity: Severity, at: Date, resolvedAfter: TimeInterval?)] = []
    /// Open action items by owner ("" for none), and how many of them are overdue.
    public var openByOwner: [(owner: String, open: Int, overdue: Int)] = []
    /// The same counts and response times for each year incidents were declared in (in the user's zone), oldest
    /// first: only when asked for.
    public var years: [YearFacts] = []
    /// The same for each incident type, by name, then the incidents of no type: only when asked for.
    public var types: [TypeFacts] = []
    /// Tracked follow-ups (GitHub issues) per severity of their incident.
    public var trackedFollowUps: [Severity: FollowUpFigures] = [:]

    public init() {}
}

/// Accountability for follow-ups tracked as GitHub issues: how many were created, closed, closed by their due time,
/// and how long closing took (from the issue's creation to the tick).
public struct FollowUpFigures: Equatable, Sendable {
    public var created = 0
    public var closed = 0
    /// Closed no later than their due time (those without one don't count).
    public var closedByDue = 0
    /// The median time from the issue's creation to the item's tick, over `timed` closed follow-ups.
    public var medianToClose: TimeInterval?
    /// The closed follow-ups whose issue's creation time is known here (the median rests on them).
    public var timed = 0

    public init() {}
}

/// The incidents declared in one year: how many of each severity, and their response times.
public struct YearFacts: Sendable {
    public var year: Int
    public var counts: [Severity: Int]
    public var stats: ResponseStats
}

/// The incidents of one type (nil: of none): how many of each severity, and their response times.
public struct TypeFacts: Sendable {
    public var type: IncidentType?
    public var counts: [Severity: Int]
    public var stats: ResponseStats
}

/// An open or done action item as the follow-up list shows it: the incident it belongs to, and what to do by when.
public struct FollowUp: Sendable {
    public var incidentNumber: Int
    /// Only when asked for (`--json` names it): looking up each item's incident is most of a long list's cost.
    public var incidentTitle: String?
    public var number: Int
    public var horizon: Horizon
    public var text: String
    public var owner: String?
    public var due: Date?
    public var isDone: Bool
    /// The GitHub issue it is tracked as, and that issue's state as last seen here ("open", "closed"; nil if never seen).
    public var tracked: TrackedIssue?
    public var trackedState: String?

    public var incidentID: String { IncidentReference.format(incidentNumber) }
}

extension IncidentStore {
    /// Counts, response times and follow-ups of the incidents declared since `since` (of `severity` and `type`, if
    /// given); `perIncident` also keeps each one's declared time and time to resolve (`facts.declared`); `byYear` and
    /// `byType` gather the figures of each year (`facts.years`) or type (`facts.types`) too.
    public func history(since: Date?, severity: Severity?, type: IncidentType? = nil, now: Date, perIncident: Bool = false,
                        byYear: Bool = false, byType: Bool = false) throws(IncidentError) -> HistoryFacts {
        try read { db in
            var facts = HistoryFacts()
            guard hasSchema else { return facts }
            var filter = "WHERE declaredAt >= ?"
            var arguments: StatementArguments = [since?.unixTime ?? -Double.greatestFiniteMagnitude]
            if let severity {
                filter += " AND severity = ?"
                _ = arguments.append(contentsOf: [severity.rawValue])
            }
            if let type {
                filter += " AND type = ?"
                _ = arguments.append(contentsOf: [type.word])
            }
            // One row per incident: the milestone columns the timeline's triggers keep (MilestoneMigration), and the status
            // as its position in Status.allCases (a number per row, not a string to allocate and compare), tested in the
            // order a history holds them, nearly all closed, so most rows match the first case.
            let likeliest: [Status] = [.closed, .resolved, .cancelled]
            let position = (likeliest + Status.allCases.filter { !likeliest.contains($0) }).map { status in
                "WHEN '\(status.rawValue)' THEN \(Status.allCases.firstIndex(of: status) ?? 0)"
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT severity, declaredAt, impactStartedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt,
                    CASE status \(position.joined(separator: " ")) END\(byType ? ", type" : "")
                FROM incident \(filter)
                """, arguments: arguments)
            var counts = Array(repeating: Array(repeating: 0, count: Status.allCases.count), count: Severity.allCases.count)
            var durations = ResponseStats.Accumulator()
            var yearly: [Int: (counts: [Int], durations: ResponseStats.Accumulator)] = [:]
            var typed: [String: (counts: [Int], durations: ResponseStats.Accumulator)] = [:]
            while let row = try cursor.next() {
                // The severity as its number, not through its raw value (a generic-metadata look-up per row).
                let level: Int = try row.decode(atIndex: 0), status: Int = try row.decode(atIndex: 7)
                guard let severity = Severity(rawValue: level) else {
                    throw IncidentError.unreadableStoredValue("incident.severity \(level) is not a severity; run `incident doctor`")
                }
                counts[severity.rawValue][status] += 1
                let milestones = ResponseStats.Milestones(
                    severity: severity, declared: try row.decode(atIndex: 1),
                    impactStarted: try row.decode(atIndex: 2), detected: try row.decode(atIndex: 3), acknowledged: try row.decode(atIndex: 4),
                    mitigated: try row.decode(atIndex: 5), resolved: try row.decode(atIndex: 6))
                durations.add(milestones)
                if perIncident { facts.declared.append((severity, Date(unixTime: milestones.declared), milestones.duration(.resolve))) }
                if byYear {
                    let seconds = Int64(milestones.declared.rounded(.down))
                    let year = CivilTime(seconds: seconds + Int64(LocalZone.at(seconds).offset)).year
                    yearly[year, default: (Array(repeating: 0, count: Severity.allCases.count), ResponseStats.Accumulator())].counts[level] += 1
                    yearly[year]?.durations.add(milestones)
                }
                if byType {
                    // "" for no type: no word is empty.
                    let word: String = try row.decode(atIndex: 8) ?? ""
                    typed[word, default: (Array(repeating: 0, count: Severity.allCases.count), ResponseStats.Accumulator())].counts[level] += 1
                    typed[word]?.durations.add(milestones)
                }
            }
            facts.stats = durations.finish()
            facts.years = yearly.sorted { $0.key < $1.key }.map { year, gathered in
                var durations = gathered.durations
                return YearFacts(year: year, counts: Self.bySeverity(gathered.counts), stats: durations.finish())
            }
            facts.types = typed.sorted { ($0.key.isEmpty ? 1 : 0, $0.key) < ($1.key.isEmpty ? 1 : 0, $1.key) }.map { word, gathered in
                var durations = gathered.durations
                return TypeFacts(type: IncidentType(reading: word), counts: Self.bySeverity(gathered.counts), stats: durations.finish())
            }
            for severity in Severity.allCases {
                for (index, status) in Status.allCases.enumerated() where counts[severity.rawValue][index] > 0 {
                    facts.counts[severity, default: [:]][status] = counts[severity.rawValue][index]
                }
            }
            // Without a filter, the open items alone (their covering index), not a look-up of each one's incident. Counted
            // here, not with GROUP BY, which makes SQLite sort every open item by owner first.
            let unfiltered = since == nil && severity == nil && type == nil
            let owners = try Row.fetchCursor(db, sql: unfiltered ? "SELECT owner, dueAt FROM actionItem WHERE doneAt IS NULL" : """
                SELECT a.owner, a.dueAt FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber
                WHERE a.doneAt IS NULL AND i.declaredAt >= ?\(severity == nil ? "" : " AND i.severity = ?")\(type == nil ? "" : " AND i.type = ?")
                """, arguments: unfiltered ? [] : arguments)
            var byOwner: [String: (open: Int, overdue: Int)] = [:]
            let cutoff = now.unixTime
            while let row = try owners.next() {
                let owner: String? = try row.decode(atIndex: 0), due: Double? = try row.decode(atIndex: 1)
                byOwner[owner ?? "", default: (0, 0)].open += 1
                if let due, due < cutoff { byOwner[owner ?? "", default: (0, 0)].overdue += 1 }
            }
            facts.openByOwner = byOwner.map { ($0.key, $0.value.open, $0.value.overdue) }
                .sorted { ($0.open, $1.owner) > ($1.open, $0.owner) }
            facts.trackedFollowUps = try trackedFigures(filter: filter, arguments: arguments, db)
            return facts
        }
    }

    /// Counts indexed by severity number, without the zeros.
    private static func bySeverity(_ counts: [Int]) -> [Severity: Int] {
        Dictionary(uniqueKeysWithValues: Severity.allCases.filter { counts[$0.rawValue] > 0 }.map { ($0, counts[$0.rawValue]) })
    }

    /// Follow-up figures per severity of the tracked actions of the incidents `filter` selects.
    private func trackedFigures(filter: String, arguments: StatementArguments, _ db: Database) throws -> [Severity: FollowUpFigures] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT i.severity, a.dueAt, a.doneAt, f.createdAt FROM actionItem AS a JOIN incident AS i ON i.number = a.incidentNumber
            LEFT JOIN followUpIssue AS f ON f.issue = a.trackedIssue
            WHERE a.trackedIssue IS NOT NULL AND \(filter.dropFirst("WHERE ".count))
            """, arguments: arguments)
        var figures: [Severity: FollowUpFigures] = [:], durations: [Severity: [TimeInterval]] = [:]
        while let row = try rows.next() {
            let level: Int = try row.decode(atIndex: 0)
            guard let severity = Severity(rawValue: level) else { continue }
            let due: Double? = try row.decode(atIndex: 1), done: Double? = try row.decode(atIndex: 2), created: Double? = try row.decode(atIndex: 3)
            figures[severity, default: FollowUpFigures()].created += 1
            guard let done else { continue }
            figures[severity]?.closed += 1
            if let due, done <= due { figures[severity]?.closedByDue += 1 }
            if let created, done >= created { durations[severity, default: []].append(done - created) }
        }
        for (severity, values) in durations {
            figures[severity]?.medianToClose = ResponseStats.quantile(values, 0.5)
            figures[severity]?.timed = values.count
        }
        return figures
    }

    /// Action items across all incidents, by due time then incident: the follow-up list. The open ones come from
    /// their own covering index (FollowUpMigration) without touching the table; titles only when `withTitles`.
    public func followUps(openOnly: Bool, owner: String?, overdueAt: Date?, withTitles: Bool) throws(IncidentError) -> [FollowUp] {
        try read { db in
            guard hasSchema else { return [] }
            var conditions: [String] = [], arguments: StatementArguments = []
            if openOnly || overdueAt != nil { conditions.append("a.doneAt IS NULL") }
            if let owner {
                // `erin`, `@erin` and `Erin` name the same owner, however the item wrote it.
                let bare = owner.hasPrefix("@") ? String(owner.dropFirst()) : owner
                conditions.append("(a.owner = ? COLLATE NOCASE OR a.owner = ? COLLATE NOCASE)")
                _ = arguments.append(contentsOf: [bare, "@" + bare])
            }
            if let overdueAt {
                conditions.append("a.dueAt IS NOT NULL AND a.dueAt < ?")
                _ = arguments.append(contentsOf: [overdueAt.unixTime])
            }
            // Columns by position through a cursor, each as a type SQLite hands over directly (Int, String, Double):
            // a follow-up list can be tens of thousands of rows, and looking columns up by name in a copied row costs
            // more than the rest of the row, decoding an enumeration through its raw value a generic-metadata look-up each.
            // Those with a due time first, then those without, each in the open items' index order: no sort step, which
            // ordering by `dueAt IS NULL` first would add over every open item.
            var items: [FollowUp] = []
            for (dueCondition, order) in [("a.dueAt IS NOT NULL", "a.dueAt, "), ("a.dueAt IS NULL", "")] {
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT a.incidentNumber, a.number, a.horizon, a.text, a.owner, a.dueAt, a.doneAt IS NOT NULL, a.trackedIssue, f.state\(withTitles ? ", i.title" : "")
                    FROM actionItem AS a\(withTitles ? " JOIN incident AS i ON i.number = a.incidentNumber" : "")
                    LEFT JOIN followUpIssue AS f ON a.trackedIssue IS NOT NULL AND f.issue = a.trackedIssue
                    WHERE \((conditions + [dueCondition]).joined(separator: " AND "))
                    ORDER BY \(order)a.incidentNumber, a.number
                    """, arguments: arguments)
                while let row = try cursor.next() {
                    let horizon: String = try row.decode(atIndex: 2)
                    guard let known = Horizon(rawValue: horizon) else {
                        throw IncidentError.unreadableStoredValue("actionItem.horizon \"\(horizon)\" is not a horizon; run `incident doctor`")
                    }
                    items.append(FollowUp(incidentNumber: try row.decode(atIndex: 0), incidentTitle: withTitles ? try row.decode(atIndex: 9) : nil,
                                          number: try row.decode(atIndex: 1), horizon: known, text: try row.decode(atIndex: 3),
                                          owner: try row.decode(atIndex: 4), due: try row.decode(Double?.self, atIndex: 5).map(Date.init(unixTime:)),
                                          isDone: try row.decode(atIndex: 6),
                                          tracked: try row.decode(String?.self, atIndex: 7).flatMap(TrackedIssue.init(reference:)),
                                          trackedState: try row.decode(atIndex: 8)))
                }
            }
            return items
        }
    }
}
