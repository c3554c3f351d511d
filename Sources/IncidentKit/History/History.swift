import Foundation

/// Looking back across incidents: who changed what, "have we seen this before?", how fast we recover, the
/// follow-up list and whether postmortems are complete. Without a database (a new team folder) the history is empty.
public struct History {
    let store: IncidentStore?

    /// The history in `store`; nil when there is no database yet.
    public init(store: IncidentStore?) {
        self.store = store
    }

    /// Who changed what and when: in one incident, or in every incident when `incident` is nil.
    public func log(of incident: Int?) throws(IncidentError) -> [ChangeLogEntry] {
        try store?.changeLog(for: incident) ?? []
    }

    /// The incidents that mention `query`, best match first, and how many incidents' newest text the index lacks
    /// (a file this user can't write can't be brought up to date).
    public func search(_ query: String, limit: Int) throws(IncidentError) -> (hits: [SearchHit], notSearched: Int) {
        try store?.search(query, limit: limit) ?? ([], 0)
    }

    /// Counts, response times and open follow-ups of the incidents `filter` keeps; `perIncident` also keeps each
    /// incident's declaration (what a chart draws), `grouping` breaks the figures down by year or by type.
    public func stats(_ filter: StatsFilter, by grouping: StatsFilter.Grouping? = nil, perIncident: Bool = false,
                      now: Date) throws(IncidentError) -> HistoryFacts {
        guard let store else { return HistoryFacts() }
        return try store.history(since: filter.since, severity: filter.severity, type: filter.type, now: now, perIncident: perIncident,
                                 byYear: grouping == .year, byType: grouping == .type)
    }

    /// The follow-up list across every incident: all action items, or the open ones, one owner's (with or without
    /// the @), or those past their due time at `now`; `withTitles` also reads each incident's title.
    public func followUps(openOnly: Bool, owner: String?, overdueAt now: Date?, withTitles: Bool) throws(IncidentError) -> [FollowUp] {
        try store?.followUps(openOnly: openOnly, owner: owner, overdueAt: now, withTitles: withTitles) ?? []
    }

    /// What is missing from the postmortem of `incident`, or of every incident (in number order) when it is nil.
    public func lint(_ incident: Int?) throws(IncidentError) -> LintReport {
        guard let store else { return LintReport(incidents: [], findings: []) }
        let incidents = if let incident { [try store.incident(incident)] }
            else { try store.incidents(includeEnded: true).sorted { $0.number < $1.number } }
        return LintReport(incidents: incidents.map(\.number),
                          findings: incidents.flatMap { incident in PostmortemLint.findings(for: incident).map { (incident.number, $0) } })
    }
}

/// Which incidents `stats` counts, from what was typed: validated here, so a bad type or date changes nothing.
public struct StatsFilter: Sendable {
    /// How the figures are broken down besides by severity.
    public enum Grouping: String, CaseIterable, Sendable { case year, type }

    public var since: Date?
    public var severity: Severity?
    public var type: IncidentType?

    /// `since` in the forms a time takes, or a date alone (`2025-01-01`, from its start in UTC); `type` one word.
    public init(since: String? = nil, severity: Severity? = nil, type: String? = nil) throws(IncidentError) {
        self.since = try since.map { text throws(IncidentError) in try TimeExpression.parse(text.count == 10 ? text + " 00:00 UTC" : text) }
        self.severity = severity
        self.type = try type.map { text throws(IncidentError) in try IncidentType(parsing: text) }
    }

    /// "Incidents (P1) of type security since 2025-01-01": the title of a chart of what it keeps.
    public var title: String {
        "Incidents" + (severity.map { " (\($0.label))" } ?? "") + (type.map { " of type \($0)" } ?? "")
            + (since.map { " since \(TimeFormat.utc($0).prefix(10))" } ?? "")
    }
}

/// The postmortems checked, by incident number, and what each lacks.
public struct LintReport: Sendable {
    public var incidents: [Int]
    public var findings: [(incident: Int, finding: LintFinding)]
}
