import Foundation

/// Changes to an incident's fields as they were typed: nil leaves a field as it is, and empty text clears the type,
/// the public title or a Markdown field. `Response.change` holds each to its rule before anything is stored.
public struct FieldChanges: Equatable, Sendable {
    public var title: String?
    public var severity: Severity?
    /// One lowercase word, or empty to clear the type.
    public var type: String?
    public var impact: String?
    public var summary: String?
    public var rootCause: String?
    public var resolution: String?
    public var addLabels: [String] = []
    public var removeLabels: [String] = []
    public var addAssignees: [String] = []
    public var removeAssignees: [String] = []
    /// Each written `NAME`, `NAME|URL` or `NAME|URL|NOTE`; a service already there is updated.
    public var addServices: [String] = []
    /// Services by name.
    public var removeServices: [String] = []
    /// Show on (true) or take off (false) the public status page.
    public var isPublic: Bool?
    public var publicTitle: String?

    /// No changes yet.
    public init() {}

    /// True when nothing was asked to change.
    public var isEmpty: Bool { self == FieldChanges() }

    /// The changes the store applies, each typed value held to its rule.
    func validated() throws(IncidentError) -> IncidentChanges {
        var changes = IncidentChanges()
        changes.title = try title.map { text throws(IncidentError) in try TextRules.line(text, field: "title") }
        changes.severity = severity
        changes.type = try type.map { text throws(IncidentError) in try IncidentType.parsingOrClearing(text) }
        // Empty text clears a Markdown field; it is passed on as "" only to say "clear".
        changes.impact = try Self.markdown(impact, "impact")
        changes.summary = try Self.markdown(summary, "summary")
        changes.rootCause = try Self.markdown(rootCause, "root cause")
        changes.resolution = try Self.markdown(resolution, "resolution")
        changes.addLabels = try addLabels.map { text throws(IncidentError) in try TextRules.label(text) }
        changes.removeLabels = try Self.lines(removeLabels, "label")
        changes.addAssignees = try Self.lines(addAssignees, "assignee")
        changes.removeAssignees = try Self.lines(removeAssignees, "assignee")
        changes.addServices = try Self.lines(addServices, "service").map { text throws(IncidentError) in try AffectedService(parsing: text) }
        changes.removeServices = try Self.lines(removeServices, "service")
        changes.isPublic = isPublic
        changes.publicTitle = try publicTitle.map { text throws(IncidentError) in
            text.trimmingSpaces().isEmpty ? "" : try TextRules.line(text, field: "public title")
        }
        return changes
    }

    private static func markdown(_ text: String?, _ field: String) throws(IncidentError) -> String? {
        try text.map { text throws(IncidentError) in try TextRules.optionalBlock(text, field: field) ?? "" }
    }

    private static func lines(_ values: [String], _ field: String) throws(IncidentError) -> [String] {
        try values.map { text throws(IncidentError) in try TextRules.line(text, field: field) }
    }
}
