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

    /// The GitHub issue body (`issue.md`).
    public func issueBody(_ incident: Incident) throws(IncidentError) -> String {
        try templates.render("issue.md", RenderContext(format: .markdown, zone: zone).values(for: incident))
    }

    /// What `gh issue create --label` takes: the labels, comma-separated.
    public func labelsLine(_ incident: Incident) -> String {
        incident.labels.joined(separator: ",")
    }
}
