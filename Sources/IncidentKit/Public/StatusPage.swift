import Foundation

/// Builds the public status page from the public incidents: `index.html`, a page per incident, `status.json` and an
/// Atom feed (and, for teams that run cState, its `content/issues` files). Only `PublicIncident` values reach the
/// templates and the JSON. The same record and the same day give the same bytes: every time shown comes from the
/// record, in UTC, and the only use of the clock is which 90 days the history covers.
public struct StatusPage: Sendable {
    public var config: StatusPageConfig
    public var templates: TemplateSet
    /// How far back the history of each component goes.
    public static let historyDays = 90

    public init(config: StatusPageConfig, templates: TemplateSet) {
        self.config = config
        self.templates = templates
    }

    /// The title customers see: the public title, else one made of the affected components (never the internal title).
    public static func publicTitle(of incident: Incident) -> String {
        if let title = incident.publicTitle { return title }
        return incident.services.isEmpty ? "Service disruption" : "Disruption of " + incident.services.map(\.name).joined(separator: ", ")
    }

    /// The public incidents the page shows as of `now`: every open one, and those resolved within the history.
    public func shown(_ incidents: [Incident], at now: Date) -> [PublicIncident] {
        let start = Self.firstDay(at: now)
        return incidents.filter(\.isPublic).map { PublicIncident($0, config: config) }
            .filter { $0.resolvedAt.map { $0 >= start } ?? true }
            .sorted { ($0.startedAt, $0.number) > ($1.startedAt, $1.number) }
    }

    /// The site's files by name: `index.html`, `INC-<n>.html` for each incident shown, `status.json` and `feed.xml`.
    public func site(for incidents: [Incident], at now: Date) throws(IncidentError) -> [String: String] {
        let shown = shown(incidents, at: now)
        let context = StatusPageContext(config: config, incidents: shown, now: now)
        var files = [
            "index.html": try templates.render("statuspage-index.html", context.index()),
            "feed.xml": try templates.render("statuspage-feed.xml", context.feed()),
            "status.json": StatusJSON.encoded(context),
        ]
        for incident in shown {
            files[incident.page] = try templates.render("statuspage-incident.html", context.page(for: incident))
        }
        return files
    }

    /// cState's `content/issues/*.md` for the incidents shown, by path below the cState site.
    public func cStateIssues(for incidents: [Incident], at now: Date) throws(IncidentError) -> [String: String] {
        var files: [String: String] = [:]
        for incident in shown(incidents, at: now) {
            let name = "content/issues/\(TimeFormat.utc(incident.startedAt).prefix(10))-\(incident.id.lowercased()).md"
            files[name] = try templates.render("cstate-issue.md", CStateContext.values(for: incident))
        }
        return files
    }

    /// The first day (UTC midnight) of the history as of `now`.
    static func firstDay(at now: Date) -> Date {
        day(of: now).addingTimeInterval(-Double(historyDays - 1) * 86_400)
    }

    /// Midnight UTC of the day `date` falls on.
    static func day(of date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
