import Foundation

/// An incident to declare, as it was typed: `Response.declare` holds every field to its rule before anything is stored.
public struct Declaration: Sendable {
    public var title: String
    public var severity: Severity
    public var declaredAt: Date
    /// One lowercase word (`IncidentType`), or nil for none.
    public var type: String?
    public var labels: [String] = []
    public var assignees: [String] = []
    /// Each written `NAME`, `NAME|URL` or `NAME|URL|NOTE`.
    public var services: [String] = []
    public var impact: String?
    public var summary: String?
    /// Shown on the public status page from the start.
    public var isPublic = false
    public var publicTitle: String?
    /// Who is in command from the start (the commander role).
    public var commander: String?
    /// Which playbooks to apply.
    public var playbooks: PlaybookChoice = .matchingSeverity

    /// A declaration of `title` at `severity`, declared at `declaredAt`.
    public init(title: String, severity: Severity, declaredAt: Date) {
        (self.title, self.severity, self.declaredAt) = (title, severity, declaredAt)
    }

    /// The draft the store declares, every typed field held to its rule.
    func draft() throws(IncidentError) -> IncidentDraft {
        var draft = IncidentDraft(title: try TextRules.line(title, field: "title"), severity: severity, declaredAt: declaredAt)
        draft.type = try type.map { text throws(IncidentError) in try IncidentType(parsing: text) }
        draft.labels = try labels.map { text throws(IncidentError) in try TextRules.label(text) }
        draft.assignees = try assignees.map { text throws(IncidentError) in try TextRules.line(text, field: "assignee") }
        draft.services = try services.map { text throws(IncidentError) in try AffectedService(parsing: text) }
        draft.impact = try TextRules.optionalBlock(impact, field: "impact")
        draft.summary = try TextRules.optionalBlock(summary, field: "summary")
        draft.isPublic = isPublic
        draft.publicTitle = try publicTitle.map { text throws(IncidentError) in try TextRules.line(text, field: "public title") }
        return draft
    }
}

/// Which playbooks a declaration applies.
public enum PlaybookChoice: Sendable, Equatable {
    /// Those whose front matter names the incident's severity.
    case matchingSeverity
    /// These, by name, whatever their severities.
    case named([String])
    /// None.
    case none
}

/// What declaring did: the incident, its commander, the playbooks applied and those that could not be.
public struct Declared: Sendable {
    public var incident: Incident
    public var commander: String?
    public var applied: [AppliedPlaybook] = []
    /// Playbooks that were chosen but not applied; none of them stopped the declaration.
    public var problems: [PlaybookProblem] = []
    /// When stakeholders expect updates, for incidents that have a cadence.
    public var cadence: UpdateCadence?
}

/// The items a playbook added (none when it was already applied).
public struct AppliedPlaybook: Sendable {
    public var playbook: Playbook
    public var actions: [ActionItem]
    public var criteria: [SuccessCriterion]
}

/// Why a chosen playbook was not applied.
public enum PlaybookProblem: Sendable {
    /// Its file can't be read as a playbook (the problem names the file and line).
    case broken(Playbook.Problem)
    /// No playbook of that name in `folder`.
    case missing(name: String, folder: String)
    /// Applying it failed.
    case failed(name: String, IncidentError)
}
