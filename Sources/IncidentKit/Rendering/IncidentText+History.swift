import Foundation

extension IncidentText {
    /// `incident stats`: counts by severity and status, response times per severity, open follow-ups by owner.
    public static func stats(_ facts: HistoryFacts, _ stats: ResponseStats, style: TextStyle = .plain) -> String {
        let total = facts.counts.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        guard total > 0 else { return "No incidents in this period." }
        var lines: [String] = [style.heading("Incidents: \(total)")]
        let statuses = Status.allCases.filter { status in facts.counts.values.contains { $0[status] != nil } }
        // Each column as wide as its status's name: all seven statuses fit in 80 columns.
        let widths = statuses.map { max($0.rawValue.count + 1, 7) }
        lines.append(trailingSpacesRemoved("  " + pad("", 4) + zip(statuses, widths).map { pad($0.rawValue, $1) }.joined()))
        for severity in Severity.allCases {
            guard let row = facts.counts[severity] else { continue }
            let cells: [String] = zip(statuses, widths).map { pad(String(row[$0] ?? 0), $1) }
            lines.append(trailingSpacesRemoved("  " + style.severity(severity, pad(severity.label, 4)) + cells.joined()))
        }
        // Each severity takes three rows (median, p90, how many incidents): four measures side by side then fit in
        // 80 columns, where one cell holding all three did not.
        lines += ["", style.heading("Response times (median, p90 and the number of incidents each rests on)")]
        lines.append(measureHeader(indent: 4))
        for severity in Severity.allCases {
            guard let figures = stats.figures[severity] else { continue }
            lines += figureRows(figures, label: style.severity(severity, pad(severity.label, 4)))
        }
        if stats.figures.isEmpty {
            lines.append("  none: they need impact-started, detected, acknowledged, mitigated, resolved")
        }
        lines += ResponseStats.Measure.allCases.map { "  " + pad($0.rawValue + ":", 13) + $0.span }
        lines += breakdown("By year declared", facts.years.map { (String($0.year), $0.counts, $0.stats) }, style: style)
        lines += breakdown("By type", facts.types.map { ($0.type?.word ?? "(no type)", $0.counts, $0.stats) }, style: style)
        lines += ["", style.heading("Open follow-ups by owner")]
        if facts.openByOwner.isEmpty { lines.append("  none open") }
        for row in facts.openByOwner {
            let overdue = row.overdue > 0 ? style.overdue(", \(row.overdue) overdue") : ""
            lines.append("  " + pad(row.owner.isEmpty ? "(no owner)" : row.owner, 24) + " \(row.open) open" + overdue)
        }
        if !facts.trackedFollowUps.isEmpty {
            lines += ["", style.heading("Follow-ups tracked as GitHub issues")]
            for severity in Severity.allCases {
                guard let figures = facts.trackedFollowUps[severity] else { continue }
                var line = "  " + style.severity(severity, pad(severity.label, 4)) + "\(figures.created) created, \(figures.closed) closed"
                    + " (\(figures.closedByDue) by their due time)"
                if let median = figures.medianToClose { line += ", median \(TimeFormat.duration(median)) to close (n \(figures.timed))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The incidents split into named groups (a year, a type): each group's count per severity, then its response times;
/// nothing when there are no groups.
private func breakdown(_ title: String, _ groups: [(name: String, counts: [Severity: Int], stats: ResponseStats)],
                       style: TextStyle) -> [String] {
    guard !groups.isEmpty else { return [] }
    var lines = ["", style.heading("\(title) (incidents; response times as above)"), measureHeader(indent: 4)]
    for group in groups {
        for severity in Severity.allCases {
            guard let count = group.counts[severity] else { continue }
            lines.append("  " + group.name + " " + style.severity(severity, severity.label) + ": " + IncidentText.count(count, "incident"))
            lines += figureRows(group.stats.figures[severity] ?? [:], label: pad("", 4))
        }
    }
    return lines
}

/// The header over `figureRows`: the four measures, each over its column.
private func measureHeader(indent: Int) -> String {
    trailingSpacesRemoved("  " + pad("", indent) + pad("", 8) + ResponseStats.Measure.allCases.map { pad($0.rawValue, 16) }.joined())
}

/// One severity's four response times as three rows, median, p90 and n, `—` for a measure none of its incidents has.
private func figureRows(_ figures: [ResponseStats.Measure: ResponseStats.Figure], label: String) -> [String] {
    let rows: [(String, (ResponseStats.Figure) -> String)] = [
        ("median", { TimeFormat.duration($0.median) }), ("p90", { TimeFormat.duration($0.p90) }), ("n", { String($0.count) }),
    ]
    return rows.enumerated().map { index, row in
        "  " + (index == 0 ? label : pad("", 4)) + pad(row.0, 8)
            + ResponseStats.Measure.allCases.map { measure in pad(figures[measure].map(row.1) ?? "—", 16) }.joined()
    }.map(trailingSpacesRemoved)
}

private func trailingSpacesRemoved(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

extension IncidentJSON {
    struct Hit: Encodable { var id: String; var severity: String; var status: String; var declaredAt: String; var title: String; var snippet: String; var rank: Double }
    struct FollowUpEntry: Encodable {
        var incident: String; var incidentTitle: String; var number: Int; var horizon: String; var text: String; var done: Bool
        @Nullable var owner: String?; @Nullable var due: String?
        /// `{"issue": "acme/ops#57", "url": …, "state": "open"}`: the GitHub issue it is tracked as, its state as last seen.
        @Nullable var tracked: TrackedEntry?
    }
    struct TrackedEntry: Encodable { var issue: String; var url: String; @Nullable var state: String? }
    struct Finding: Encodable { var incident: String; var finding: String }
    struct FigureEntry: Encodable { var severity: String; var measure: String; var from: String; var medianSeconds: Double; var p90Seconds: Double; var count: Int }
    struct OwnerEntry: Encodable { @Nullable var owner: String?; var open: Int; var overdue: Int }
    struct TrackedFiguresEntry: Encodable {
        var severity: String; var created: Int; var closed: Int; var closedByDue: Int; @Nullable var medianSecondsToClose: Double?; var timedCount: Int
    }
    struct YearEntry: Encodable { var year: Int; var counts: [String: Int]; var responseTimes: [FigureEntry] }
    struct TypeEntry: Encodable { @Nullable var type: String?; var counts: [String: Int]; var responseTimes: [FigureEntry] }
    struct StatsEntry: Encodable {
        var counts: [String: [String: Int]]; var responseTimes: [FigureEntry]; var openFollowUps: [OwnerEntry]
        var trackedFollowUps: [TrackedFiguresEntry]
        /// Only with `--by year`: absent, not empty, otherwise.
        var byYear: [YearEntry]?
        /// Only with `--by type`: absent otherwise; `type` null for the incidents of none.
        var byType: [TypeEntry]?
    }

    /// Search results as JSON, each match in the snippet between [ and ].
    public static func encodeSearch(_ hits: [SearchHit]) throws(IncidentError) -> String {
        try encodeValue(hits.map { hit in
            Hit(id: hit.incident.id, severity: hit.incident.severity.label, status: hit.incident.status.rawValue,
                declaredAt: TimeFormat.utc(hit.incident.declaredAt), title: hit.incident.title,
                snippet: hit.snippet.replacingOccurrences(of: "\u{1}", with: "[").replacingOccurrences(of: "\u{2}", with: "]"), rank: hit.rank)
        })
    }

    public static func encodeFollowUps(_ items: [FollowUp]) throws(IncidentError) -> String {
        try encodeValue(items.map { FollowUpEntry(incident: $0.incidentID, incidentTitle: $0.incidentTitle ?? "", number: $0.number,
                                                  horizon: $0.horizon.rawValue, text: $0.text, done: $0.isDone, owner: $0.owner,
                                                  due: $0.due.map(TimeFormat.utc),
                                                  tracked: $0.tracked.map { [state = $0.trackedState] issue in
                                                      TrackedEntry(issue: issue.reference, url: issue.url, state: state)
                                                  }) })
    }

    public static func encodeFindings(_ findings: [(String, String)]) throws(IncidentError) -> String {
        try encodeValue(findings.map { Finding(incident: $0.0, finding: $0.1) })
    }

    public static func encodeStats(_ facts: HistoryFacts, _ stats: ResponseStats) throws(IncidentError) -> String {
        var counts: [String: [String: Int]] = [:]
        for (severity, byStatus) in facts.counts { counts[severity.label] = Dictionary(uniqueKeysWithValues: byStatus.map { ($0.key.rawValue, $0.value) }) }
        let years = facts.years.map { year in
            YearEntry(year: year.year, counts: Dictionary(uniqueKeysWithValues: year.counts.map { ($0.key.label, $0.value) }),
                      responseTimes: figureEntries(year.stats))
        }
        let types = facts.types.map { group in
            TypeEntry(type: group.type?.word, counts: Dictionary(uniqueKeysWithValues: group.counts.map { ($0.key.label, $0.value) }),
                      responseTimes: figureEntries(group.stats))
        }
        return try encodeValue(StatsEntry(counts: counts, responseTimes: figureEntries(stats),
                                          openFollowUps: facts.openByOwner.map { OwnerEntry(owner: $0.owner.isEmpty ? nil : $0.owner, open: $0.open, overdue: $0.overdue) },
                                          trackedFollowUps: Severity.allCases.compactMap { severity in
                                              facts.trackedFollowUps[severity].map {
                                                  TrackedFiguresEntry(severity: severity.label, created: $0.created, closed: $0.closed, closedByDue: $0.closedByDue,
                                                                      medianSecondsToClose: $0.medianToClose, timedCount: $0.timed)
                                              }
                                          },
                                          byYear: years.isEmpty ? nil : years, byType: types.isEmpty ? nil : types))
    }

    private static func figureEntries(_ stats: ResponseStats) -> [FigureEntry] {
        Severity.allCases.flatMap { severity in
            ResponseStats.Measure.allCases.compactMap { measure in
                stats.figures[severity]?[measure].map { FigureEntry(severity: severity.label, measure: measure.rawValue, from: measure.span,
                                                                    medianSeconds: $0.median, p90Seconds: $0.p90, count: $0.count) }
            }
        }
    }

    /// `action list --json`, `criterion list --json`, `why list --json`, `timeline list --json`: the same objects as
    /// in `show --json`.
    public static func encodeItems(of incident: Incident, _ part: String) throws(IncidentError) -> String {
        let whole = IncidentJSON(incident)
        switch part {
        case "actions": return try encodeValue(whole.actions)
        case "criteria": return try encodeValue(whole.criteria)
        case "whys": return try encodeValue(whole.whys)
        default: return try encodeValue(whole.timeline)
        }
    }

    struct LogEntry: Encodable { var at: String; var actor: String; @Nullable var incident: String?; var change: String }

    /// `log --json`.
    public static func encodeLog(_ entries: [ChangeLogEntry]) throws(IncidentError) -> String {
        try encodeValue(entries.map { LogEntry(at: TimeFormat.utc($0.at), actor: $0.actor, incident: $0.incidentNumber.map(IncidentReference.format), change: $0.change) })
    }
}
