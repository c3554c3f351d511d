import Foundation

/// The plain values the status page's templates see. User text goes in as it was typed: the HTML and feed templates
/// escape it with Mustache's `{{…}}` (never `{{{…}}}`), so markup in an update is shown as text.
struct StatusPageContext {
    let config: StatusPageConfig
    let incidents: [PublicIncident]
    let now: Date
    /// The components in the order the page lists them: the configured ones, then the others by name.
    let components: [String]
    /// The 90 days of the history, oldest first.
    let days: [Date]

    init(config: StatusPageConfig, incidents: [PublicIncident], now: Date) {
        self.config = config
        self.incidents = incidents
        self.now = now
        let extra = Set(incidents.flatMap(\.components)).subtracting(config.components).sorted()
        components = config.components.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } + extra
        let first = StatusPage.firstDay(at: now)
        days = (0..<StatusPage.historyDays).map { first.addingTimeInterval(Double($0) * 86_400) }
    }

    var open: [PublicIncident] { incidents.filter { $0.status != .resolved } }
    var past: [PublicIncident] { incidents.filter { $0.status == .resolved } }

    /// The worst open incident's state on `component`.
    func state(of component: String) -> ComponentState {
        open.filter { $0.components.contains(component) }.map(\.state).max() ?? .operational
    }

    /// The worst state of any component, or of an open incident that names none.
    var overall: ComponentState {
        (components.map(state(of:)) + open.filter { $0.components.isEmpty }.map(\.state)).max() ?? .operational
    }

    /// The newest public fact on the page; the build time when there is none.
    var lastChange: Date? { incidents.map(\.lastChange).max() }

    func index() -> [String: Any] {
        let overall = overall
        return [
            "pageTitle": config.title,
            "overallState": overall.rawValue,
            "overallLabel": overall == .operational ? "All systems operational" : overall.label,
            "lastUpdated": lastChange.map(Self.time) ?? "no incidents yet",
            "hasOpen": !open.isEmpty, "open": open.map(values),
            "hasComponents": !components.isEmpty, "components": components.map(component),
            "historyFrom": Self.date(days[0]), "historyTo": Self.date(days[days.count - 1]),
            "historyDays": StatusPage.historyDays,
            "hasPast": !past.isEmpty, "past": past.map(values),
        ]
    }

    func page(for incident: PublicIncident) -> [String: Any] {
        var values = values(incident)
        values["pageTitle"] = config.title
        return values
    }

    func feed() -> [String: Any] {
        let entries: [[String: Any]] = incidents.flatMap { incident in
            incident.updates.map { update in
                [
                    "title": "\(incident.title): \(update.status.heading)", "text": update.text, "at": TimeFormat.utc(update.at),
                    "id": "urn:incident:status:\(incident.id):update:\(update.id ?? 0)", "link": link(incident.page),
                    "sortKey": update.at,
                ] as [String: Any]
            }
        }.sorted { ($0["sortKey"] as! Date, $0["id"] as! String) > ($1["sortKey"] as! Date, $1["id"] as! String) }
        return [
            "pageTitle": config.title, "feedID": config.url ?? "urn:incident:status",
            "updated": TimeFormat.utc(lastChange ?? StatusPage.day(of: now)),
            "home": link("index.html"), "self": link("feed.xml"), "entries": entries,
        ]
    }

    /// Relative, or absolute under the configured address (feed readers resolve relative links inconsistently).
    func link(_ file: String) -> String { (config.url ?? "") + file }

    private func values(_ incident: PublicIncident) -> [String: Any] {
        var values: [String: Any] = [
            "id": incident.id, "page": incident.page, "title": incident.title,
            "status": incident.status.rawValue, "statusHeading": incident.status.heading,
            "state": incident.state.rawValue, "stateLabel": incident.state.label,
            "hasComponents": !incident.components.isEmpty, "componentsText": incident.components.joined(separator: ", "),
            "startedAt": Self.time(incident.startedAt), "startedDate": Self.date(incident.startedAt),
            "hasUpdates": !incident.updates.isEmpty,
            "updates": incident.updates.map { update in
                ["statusHeading": update.status.heading, "status": update.status.rawValue, "text": update.text,
                 "at": Self.time(update.at), "atISO": TimeFormat.utc(update.at)]
            },
            "isResolved": incident.resolvedAt != nil,
        ]
        if let end = incident.resolvedAt {
            values["resolvedAt"] = Self.time(end)
            values["duration"] = TimeFormat.duration(end.timeIntervalSince(incident.startedAt))
        }
        return values
    }

    private func component(_ name: String) -> [String: Any] {
        let state = state(of: name)
        let affecting = incidents.filter { $0.components.contains(name) }
        let worst = days.map { day in affecting.filter { $0.overlaps(day: day, now: now) }.map(\.state).max() }
        let cells: [[String: Any]] = zip(days, worst).map { day, worst in
            let label = worst.map { $0.label.lowercased() } ?? "no incidents"
            return ["state": (worst ?? .operational).rawValue, "label": "\(Self.date(day)): \(label)"]
        }
        return ["name": name, "state": state.rawValue, "stateLabel": state.label, "days": cells,
                "incidentDays": worst.compactMap { $0 }.count]
    }

    /// `2025-09-15 19:17 UTC`: the page reads the same wherever it is built.
    static func time(_ date: Date) -> String { TimeFormat.local(date, in: utc) }
    static func date(_ date: Date) -> String { String(TimeFormat.utc(date).prefix(10)) }
    private static let utc = TimeZone(identifier: "UTC")!
}
