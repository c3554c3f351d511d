import Foundation

/// Plain-text views of incidents for the terminal; times are shown in `zone` with the zone printed.
public enum IncidentText {
    /// One line per incident: reference, severity, status, age, title.
    public static func list(_ incidents: [Incident], current: Int?, zone: TimeZone? = nil, style: TextStyle = .plain) -> String {
        incidents.map { incident in
            let marker = incident.number == current ? "*" : " "
            let columns = [incident.id.padding(7), style.severity(incident.severity, incident.severity.label),
                           style.status(incident.status, incident.status.rawValue.padding(13)),
                           TimeFormat.local(incident.declaredAt, in: zone), incident.title + (incident.github.map { "  [\($0.reference)]" } ?? "")]
            return "\(marker) " + columns.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// "a private repository", "a public repository", or that it isn't known yet.
    public static func publishedWhere(_ link: GitHubLink) -> String {
        link.visibility.map { "\($0 == .internal ? "an" : "a") \($0.name) repository" } ?? "repository visibility not yet learned"
    }

    /// The whole record.
    public static func show(_ incident: Incident, zone: TimeZone? = nil, style: TextStyle = .plain, now: Date = Date()) -> String {
        var lines = ["\(style.heading(incident.id))  \(style.severity(incident.severity, incident.severity.label))  "
                     + "\(style.status(incident.status, incident.status.rawValue))  \(style.heading(incident.title))"]
        var dates = "Declared \(TimeFormat.local(incident.declaredAt, in: zone)) · updated \(TimeFormat.local(incident.updatedAt, in: zone))"
        if let closedAt = incident.closedAt { dates += " · closed \(TimeFormat.local(closedAt, in: zone))" }
        lines.append(dates)
        if let github = incident.github { lines.append("GitHub: \(github.reference) (\(publishedWhere(github)))  \(github.url)") }
        if incident.isPublic {
            lines.append("Status page: shown as \"\(StatusPage.publicTitle(of: incident))\" (\(PublicStatus(incident.status).rawValue))"
                         + (incident.publicTitle == nil ? "; no public title set, so the page names the services" : ""))
        }
        if let type = incident.type { lines.append("Type: \(type)") }
        if !incident.roles.isEmpty { lines.append("Roles: " + incident.roles.map { "\($0.role) \($0.who)" }.joined(separator: " · ")) }
        if !incident.labels.isEmpty { lines.append("Labels: \(incident.labels.joined(separator: ", "))") }
        if !incident.assignees.isEmpty { lines.append("Assignees: \(incident.assignees.joined(separator: ", "))") }
        if !incident.services.isEmpty {
            lines.append("Services:")
            lines += incident.services.map { service in
                "  - " + [service.name, service.url, service.note.map { "— \($0)" }].compactMap { $0 }.joined(separator: "  ")
            }
        }
        for (title, text) in [("Impact", incident.impact), ("Summary", incident.summary),
                              ("Root cause", incident.rootCause), ("Resolution", incident.resolution)] {
            guard let text else { continue }
            lines.append(text.contains("\n") ? "\(title):\n\(indent(text))" : "\(title): \(text)")
        }
        if !incident.whys.isEmpty { lines += ["", style.heading("Five whys"), whys(incident.whys)] }
        if !incident.timeline.isEmpty { lines += ["", style.heading("Timeline"), timeline(incident.timeline, zone: zone)] }
        if !incident.actions.isEmpty {
            lines += ["", style.heading(actionProgress(incident)), actions(incident.actions, zone: zone, style: style, now: now)]
        }
        if !incident.criteria.isEmpty { lines += ["", style.heading(criteriaProgress(incident)), criteria(incident.criteria, style: style)] }
        if !incident.sections.isEmpty { lines += ["", sections(incident.sections)] }
        if !incident.publicUpdates.isEmpty { lines += ["", style.heading("Public updates"), publicUpdates(incident.publicUpdates, zone: zone)] }
        return lines.joined(separator: "\n")
    }

    public static func whys(_ whys: [Why]) -> String {
        guard !whys.isEmpty else { return "No whys yet. `incident why add TEXT` adds one." }
        return whys.map { why in
            let branch = why.parent.map { $0 == why.number - 1 ? "" : " (answers #\($0))" } ?? ""
            return "  \(why.number). \(why.text)\(branch)\(why.isRootCause ? "  [root cause]" : "")"
        }.joined(separator: "\n")
    }

    public static func timeline(_ entries: [TimelineEntry], zone: TimeZone? = nil) -> String {
        guard !entries.isEmpty else { return "No timeline entries yet." }
        let width = entries.map(\.kind.rawValue.count).max() ?? 0
        return entries.map { entry in
            "  \(TimeFormat.local(entry.at, in: zone))  \(entry.kind.rawValue.padding(width))  \(entry.text)\(entry.isManual ? "" : "  (recorded)")"
        }.joined(separator: "\n")
    }

    public static func actions(_ actions: [ActionItem], zone: TimeZone? = nil, style: TextStyle = .plain, now: Date = Date()) -> String {
        guard !actions.isEmpty else { return "No action items. `incident action add TEXT` adds one." }
        var lines: [String] = []
        for horizon in Horizon.allCases {
            let group = actions.filter { $0.horizon == horizon }
            guard !group.isEmpty else { continue }
            lines.append("  \(horizon.rawValue) (\(group.filter(\.isDone).count)/\(group.count) done)")
            for action in group {
                var extras: [String] = []
                if let owner = action.owner { extras.append("owner: \(owner)") }
                if let due = action.due {
                    let text = "due: \(TimeFormat.local(due, in: zone))"
                    extras.append(!action.isDone && due < now ? style.overdue(text + " (overdue)") : text)
                }
                if let doneBy = action.doneBy, let doneAt = action.doneAt {
                    extras.append("done by \(doneBy) \(TimeFormat.local(doneAt, in: zone))")
                }
                if let issue = action.tracked { extras.append("tracked as \(issue.reference)") }
                let suffix = extras.isEmpty ? "" : "  (\(extras.joined(separator: ", ")))"
                lines.append("    \(style.box(action.isDone)) \(String(action.number).padding(3)) \(action.text)\(suffix)")
                if let details = action.details { lines.append(indent(details, by: 10)) }
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func criteria(_ criteria: [SuccessCriterion], style: TextStyle = .plain) -> String {
        guard !criteria.isEmpty else { return "No success criteria. `incident criterion add TEXT` adds one." }
        var lines: [String] = []
        for phase in Phase.allCases {
            let group = criteria.filter { $0.phase == phase }
            guard !group.isEmpty else { continue }
            lines.append("  \(phase.rawValue) (\(group.filter(\.isMet).count)/\(group.count) met)")
            lines += group.map { "    \(style.box($0.isMet)) \(String($0.number).padding(3)) \($0.text)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Public updates, oldest first: time, public state, text.
    public static func publicUpdates(_ updates: [PublicUpdate], zone: TimeZone? = nil) -> String {
        updates.map { "\(TimeFormat.local($0.at, in: zone))  \($0.status.rawValue)  \($0.text)" }.joined(separator: "\n")
    }

    public static func sections(_ sections: [FreeSection]) -> String {
        guard !sections.isEmpty else { return "No free sections. `incident section add TITLE --file F` adds one." }
        return sections.map { "## \($0.title)\($0.isInternal ? "  (internal)" : "")\n\($0.markdown)" }.joined(separator: "\n\n")
    }

    /// `Actions: 4/11 done (immediate 3/3, medium-term 1/4, long-term 0/4)`.
    public static func actionProgress(_ incident: Incident) -> String {
        progress(.action, GroupProgress.actions(of: incident))
    }

    /// `Success criteria: 2/8 met (immediate 2/4, short-term 0/4)`.
    public static func criteriaProgress(_ incident: Incident) -> String {
        progress(.criterion, GroupProgress.criteria(of: incident))
    }

    /// `Actions: 4/11 done (immediate 3/3, medium-term 1/4)` from counts, as a check reports them.
    public static func progress(_ kind: ItemKind, _ groups: [GroupProgress]) -> String {
        let done = groups.reduce(0) { $0 + $1.done }, total = groups.reduce(0) { $0 + $1.total }
        let parts = GroupProgress.summary(groups)
        return kind == .action ? "Actions: \(done)/\(total) done (\(parts))" : "Success criteria: \(done)/\(total) met (\(parts))"
    }

    public static func changeLog(_ entries: [ChangeLogEntry], zone: TimeZone? = nil) -> String {
        guard !entries.isEmpty else { return "No changes recorded." }
        return entries.map { entry in
            let reference = entry.incidentNumber.map(IncidentReference.format) ?? "-"
            return "\(TimeFormat.local(entry.at, in: zone))  \(entry.actor)  \(reference)  \(localStamps(entry.change, zone: zone))"
        }.joined(separator: "\n")
    }

    /// `role list`: role, who and since when, in columns as wide as their longest value.
    public static func roles(_ roles: [Role], zone: TimeZone? = nil) -> String {
        guard !roles.isEmpty else { return "No roles set. `incident role set commander @you` takes command." }
        let roleWidth = roles.map(\.role.count).max() ?? 0, whoWidth = roles.map(\.who.count).max() ?? 0
        return roles.map { "\($0.role.padding(roleWidth))  \($0.who.padding(whoWidth))  since \(TimeFormat.local($0.since, in: zone))" }
            .joined(separator: "\n")
    }

    /// What every `add` prints: `Added action 3 (medium-term) to INC-1: Fix the connector`.
    public static func added(_ what: String, _ number: Int?, detail: String? = nil, to incident: Int, text: String) -> String {
        "Added \(what)\(number.map { " \($0)" } ?? "")\(detail.map { " (\($0))" } ?? "") to \(IncidentReference.format(incident)): \(text)"
    }

    /// `1 criterion`, `2 criteria`: a count with the noun that agrees with it.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// The change log keeps the times it names in UTC (`at 2025-09-16T03:30:00Z`), as written; shown, they are in
    /// the reader's zone like the time in front of them, so a line never mixes two zones.
    static func localStamps(_ text: String, zone: TimeZone?) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.contains(UInt8(ascii: "Z")) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            if index + 20 <= bytes.count, let date = utcStamp(bytes[index..<index + 20]) {
                result += TimeFormat.local(date, in: zone).utf8
                index += 20
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, as `TimeFormat.utc` writes it.
    private static func utcStamp(_ bytes: ArraySlice<UInt8>) -> Date? {
        let shape = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        var digits: [Int] = []
        for (byte, expected) in zip(bytes, shape) {
            if expected == UInt8(ascii: "d") {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            } else if byte != expected {
                return nil
            }
        }
        let number = { (from: Int, count: Int) in digits[from..<from + count].reduce(0) { $0 * 10 + $1 } }
        let (month, day, hour, minute, second) = (number(4, 2), number(6, 2), number(8, 2), number(10, 2), number(12, 2))
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = CivilTime.days(year: number(0, 4), month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)))
    }
}

private func indent(_ text: String, by width: Int = 2) -> String {
    let prefix = String(repeating: " ", count: width)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension IncidentText {
    /// What an import found, one line per kind, then the importer's notes.
    public static func importSummary(_ incident: Incident, notes: [String]) -> String {
        let horizons = Horizon.allCases.map { horizon in "\(incident.actions.filter { $0.horizon == horizon }.count) \(horizon.rawValue)" }
        let phases = Phase.allCases.map { phase in "\(incident.criteria.filter { $0.phase == phase }.count) \(phase.rawValue)" }
        var lines = [
            "title: \(incident.title)",
            "severity: \(incident.severity.label)\(incident.type.map { " · type: \($0)" } ?? "") · status: \(incident.status.rawValue)",
            "labels: \(incident.labels.count) · assignees: \(incident.assignees.count) · services: \(incident.services.count)",
            "whys: \(incident.whys.count)\(incident.whys.contains(where: \.isRootCause) ? " (root cause marked)" : "")",
            "timeline entries: \(incident.timeline.count)",
            "actions: \(incident.actions.count) (\(horizons.joined(separator: ", "))), \(incident.actions.filter(\.isDone).count) done",
            "criteria: \(incident.criteria.count) (\(phases.joined(separator: ", "))), \(incident.criteria.filter(\.isMet).count) met",
            "sections kept: \(incident.sections.count)\(incident.sections.isEmpty ? "" : " (" + incident.sections.map(\.title).joined(separator: ", ") + ")")",
        ]
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}

extension IncidentText {
    /// `import --report`, one document: "title from heading · 14 timeline entries · 9 task items (5 ticked) · 6 sections",
    /// with the importer's own account (timed lines kept as text, groups) when it gives one.
    public static func importReport(_ report: ImportReport) -> String {
        var parts: [String] = []
        if let source = report.titleSource { parts.append("title from \(source)") }
        parts.append(counted(report.timelineEntries, "timeline entry", "timeline entries"))
        parts.append(counted(report.taskItems, "task item", "task items") + (report.taskItems > 0 ? " (\(report.tickedTaskItems) ticked)" : ""))
        parts.append(counted(report.sections, "section", "sections"))
        if let kept = report.timedLinesKeptAsText { parts.append(counted(kept, "timed line", "timed lines") + " kept as text") }
        if let groups = report.groups { parts.append(counted(groups, "group", "groups")) }
        return parts.joined(separator: " · ")
    }

    private static func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
}

extension IncidentText {
    /// One line per change, conflict, unmatched and new line, then a count.
    public static func syncReport(_ plan: SyncPlan, addedNew: Bool, dryRun: Bool, incident: String) -> String {
        let prefix = dryRun ? "would set " : ""
        var lines = plan.changes.map { change in
            "\(prefix)\(change.kind.rawValue) \(change.number) \(change.done ? "done" : "open"): \(change.text)"
        }
        lines += plan.conflicts.map { conflict in
            "conflict: \(conflict.kind.rawValue) \(conflict.number) changed here (\(conflict.localDone ? "done" : "open")) and in the file (\(conflict.fileDone ? "done" : "open")); left as it is here: \(conflict.text)"
        }
        lines += plan.unmatched.map { "unmatched: line \($0.line): \($0.text)" }
        lines += plan.newTasks.map { task in
            addedNew ? "\(dryRun ? "would add" : "added") new \(task.kind.rawValue): \(task.text)" : "new (not added; --add-new adds it): line \(task.line): \(task.text)"
        }
        lines.append("\(incident): \(plan.changes.count) changed, \(count(plan.conflicts.count, "conflict")), \(plan.unmatched.count) unmatched, "
                     + "\(plan.newTasks.count) new, \(plan.unchanged) unchanged\(dryRun ? " (dry run: nothing changed)" : "").")
        return lines.joined(separator: "\n")
    }
}
