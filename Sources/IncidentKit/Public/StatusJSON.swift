import Foundation

/// `status.json`: the page's state, components, incidents and their updates, shaped like Atlassian Statuspage's
/// `summary.json` (snake_case keys, times in ISO 8601 UTC, absent times as null); docs/status-page.md documents it.
/// Written with JSONSerialization from plain values: Encodable structs would add conformance records that every
/// command's start-up scans.
enum StatusJSON {
    static func encoded(_ context: StatusPageContext) -> String {
        let overall = context.overall
        let page: [String: Any] = ["name": context.config.title, "url": context.config.url ?? NSNull(),
                                   "updated_at": context.lastChange.map(TimeFormat.utc) ?? NSNull(),
                                   "history_days": StatusPage.historyDays]
        let status = ["indicator": overall.indicator, "description": overall == .operational ? "All systems operational" : overall.label]
        let components: [[String: Any]] = context.components.map { name in
            let affecting = context.incidents.filter { $0.components.contains(name) }
            // Only the days something happened: a quiet day is operational.
            let history: [[String: String]] = context.days.compactMap { day in
                affecting.filter { $0.overlaps(day: day, now: context.now) }.map(\.state).max()
                    .map { ["date": StatusPageContext.date(day), "status": $0.apiValue] }
            }
            return ["name": name, "status": context.state(of: name).apiValue, "history": history]
        }
        let incidents: [[String: Any]] = context.incidents.map { incident in
            ["id": incident.id, "name": incident.title, "status": incident.status.rawValue, "impact": incident.state.indicator,
             "components": incident.components, "started_at": TimeFormat.utc(incident.startedAt),
             "resolved_at": incident.resolvedAt.map(TimeFormat.utc) ?? NSNull(), "updated_at": TimeFormat.utc(incident.lastChange),
             "shortlink": context.link(incident.page),
             "incident_updates": incident.updates.map { ["status": $0.status.rawValue, "body": $0.text, "created_at": TimeFormat.utc($0.at)] }]
        }
        let object: [String: Any] = ["page": page, "status": status, "components": components, "incidents": incidents]
        // Strings, numbers, arrays and NSNull always serialize.
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }
}

/// The values of one cState issue file (`cstate-issue.md`).
enum CStateContext {
    static func values(for incident: PublicIncident) -> [String: Any] {
        var values: [String: Any] = [
            "title": yaml(incident.title), "date": time(incident.startedAt), "resolved": incident.resolvedAt != nil,
            "severity": incident.state.cStateSeverity, "affected": incident.components.map(yaml),
            "hasAffected": !incident.components.isEmpty,
            "updates": incident.updates.map { update in
                ["heading": update.status.heading, "text": markdown(update.text),
                 "track": "{{< track \"\(time(update.at))\" >}}"]
            },
        ]
        values["resolvedWhen"] = incident.resolvedAt.map(time)
        return values
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Update text as Markdown that shows it as typed: each line escaped, and `{{` broken up so Hugo runs no shortcode.
    static func markdown(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { MarkdownEscaping.inline(String($0)).replacingOccurrences(of: "{{", with: "{&#123;") }
            .joined(separator: "\n")
    }

    /// `2018-05-25 04:40:00`, in UTC, as cState's examples write times.
    static func time(_ date: Date) -> String {
        TimeFormat.utc(date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }
}
