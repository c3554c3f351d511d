import Foundation

/// `status.json`: the page's state, components, incidents and their updates, shaped like Atlassian Statuspage's
/// `summary.json` (snake_case keys, times in ISO 8601 UTC); docs/status-page.md documents it.
struct StatusJSON: Encodable {
    struct Page: Encodable { var name: String; var url: String?; var updated_at: String?; var history_days: Int }
    struct Indicator: Encodable { var indicator: String; var description: String }
    struct Day: Encodable { var date: String; var status: String }
    struct Component: Encodable { var name: String; var status: String; var history: [Day] }
    struct Update: Encodable { var status: String; var body: String; var created_at: String }
    struct Incident: Encodable {
        var id: String; var name: String; var status: String; var impact: String; var components: [String]
        var started_at: String; var resolved_at: String?; var updated_at: String; var shortlink: String
        var incident_updates: [Update]
    }

    var page: Page
    var status: Indicator
    var components: [Component]
    var incidents: [Incident]

    init(_ context: StatusPageContext) {
        page = Page(name: context.config.title, url: context.config.url, updated_at: context.lastChange.map(TimeFormat.utc),
                    history_days: StatusPage.historyDays)
        let overall = context.overall
        status = Indicator(indicator: overall.indicator,
                           description: overall == .operational ? "All systems operational" : overall.label)
        components = context.components.map { name in
            let affecting = context.incidents.filter { $0.components.contains(name) }
            // Only the days something happened: a quiet day is operational.
            let history = context.days.compactMap { day -> Day? in
                affecting.filter { $0.overlaps(day: day, now: context.now) }.map(\.state).max()
                    .map { Day(date: StatusPageContext.date(day), status: $0.apiValue) }
            }
            return Component(name: name, status: context.state(of: name).apiValue, history: history)
        }
        incidents = context.incidents.map { incident in
            Incident(id: incident.id, name: incident.title, status: incident.status.rawValue, impact: incident.state.indicator,
                     components: incident.components, started_at: TimeFormat.utc(incident.startedAt),
                     resolved_at: incident.resolvedAt.map(TimeFormat.utc), updated_at: TimeFormat.utc(incident.lastChange),
                     shortlink: context.link(incident.page),
                     incident_updates: incident.updates.map { Update(status: $0.status.rawValue, body: $0.text, created_at: TimeFormat.utc($0.at)) })
        }
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and optionals always encode.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
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
