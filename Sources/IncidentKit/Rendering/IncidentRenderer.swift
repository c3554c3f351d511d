import Foundation

/// Renders incidents through the templates: the GitHub issue body, checklist updates and the postmortem.
public struct IncidentRenderer: Sendable {
    public var templates: TemplateSet
    /// The zone times are shown in; nil means the user's zone (`TZ`).
    public var zone: TimeZone?

    public init(templates: TemplateSet, zone: TimeZone? = nil) {
        self.templates = templates
        self.zone = zone
    }

    /// The GitHub issue body (`issue.md`); its header records `now`, so `incident sync` can tell what changed here since.
    public func issueBody(_ incident: Incident, at now: Date = Date()) throws(IncidentError) -> String {
        try templates.render("issue.md", RenderContext(format: .markdown, zone: zone).issueValues(for: incident, at: now))
    }

    /// What `gh issue create --label` takes: the labels the issue carries (its type's too), comma-separated.
    public func labelsLine(_ incident: Incident) -> String {
        incident.issueLabels.joined(separator: ",")
    }
}

extension IncidentRenderer {
    /// A checklist update comment (`update.md`): what changed since `previous`, and what is still open.
    public func update(_ incident: Incident, since previous: ChecklistSnapshot?, at now: Date) throws(IncidentError) -> String {
        try templates.render("update.md", RenderContext(format: .markdown, zone: zone).updateValues(for: incident, since: previous, at: now))
    }

    /// The body of the GitHub issue a follow-up is tracked as (`follow-up.md`).
    public func followUpBody(_ action: ActionItem, of incident: Incident) throws(IncidentError) -> String {
        try templates.render("follow-up.md", RenderContext(format: .markdown, zone: zone).followUpValues(for: action, of: incident))
    }

    /// The postmortem (`postmortem.md` or `postmortem.html`).
    public func postmortem(_ incident: Incident, format: RenderFormat, at now: Date) throws(IncidentError) -> String {
        let context = RenderContext(format: format, zone: zone)
        return try templates.render("postmortem.\(format.rawValue)", context.postmortemValues(for: incident, at: now))
    }
}
