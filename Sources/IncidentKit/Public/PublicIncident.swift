import Foundation

/// What the status page may know of an incident: its public title and state, the affected components, when it
/// started and ended, and its public updates. Everything the site shows is made from this value, so nothing else of the
/// record (internal title, whys, actions, criteria, sections, internal updates, people) can reach it.
public struct PublicIncident: Sendable {
    public var id: String
    public var number: Int
    public var title: String
    public var status: PublicStatus
    /// What it does to the components it affects, from its severity.
    public var state: ComponentState
    public var components: [String]
    public var startedAt: Date
    public var resolvedAt: Date?
    /// Newest first.
    public var updates: [PublicUpdate]

    public init(_ incident: Incident, config: StatusPageConfig) {
        id = incident.id
        number = incident.number
        title = StatusPage.publicTitle(of: incident)
        status = PublicStatus(incident.status)
        state = config.states[incident.severity] ?? .operational
        components = incident.services.map(\.name)
        let milestones = Milestones(incident.timeline)
        startedAt = milestones.first(.impactStarted) ?? incident.declaredAt
        updates = incident.publicUpdates.sorted { ($0.at, $0.id ?? 0) > ($1.at, $1.id ?? 0) }
        guard status == .resolved else { return }
        // When it ended for the people outside: the resolved milestone, else the close, else its last public word.
        resolvedAt = milestones.first(.resolved) ?? incident.closedAt ?? updates.first?.at ?? incident.updatedAt
    }

    /// The newest public fact about it: an update, its start or its end.
    public var lastChange: Date { [startedAt, resolvedAt, updates.first?.at].compactMap { $0 }.max()! }

    /// Whether it touched the day starting at `day` (UTC), as of `now`.
    func overlaps(day: Date, now: Date) -> Bool {
        startedAt < day.addingTimeInterval(86_400) && (resolvedAt ?? now) >= day
    }

    /// The file of its page.
    public var page: String { "\(id).html" }
}
