import Foundation

/// What `incident new` declares; the store assigns the number.
public struct IncidentDraft: Sendable {
    public var title: String
    public var severity: Severity
    public var type: IncidentType?
    public var labels: [String] = []
    public var assignees: [String] = []
    public var services: [AffectedService] = []
    public var impact: String?
    public var summary: String?
    public var declaredAt: Date
    /// Shown on the public status page from the start.
    public var isPublic = false
    public var publicTitle: String?

    public init(title: String, severity: Severity, declaredAt: Date) {
        self.title = title
        self.severity = severity
        self.declaredAt = declaredAt
    }
}

/// Field edits for `incident set`; nil leaves a field as it is. `Response.change` takes the text as typed and holds
/// it to the text rules; the store applies them as they are.
public struct IncidentChanges: Sendable {
    public var title: String?
    public var severity: Severity?
    /// The new type; `.some(nil)` clears it.
    public var type: IncidentType??
    public var impact: String?
    public var summary: String?
    public var rootCause: String?
    public var resolution: String?
    public var addLabels: [String] = []
    public var removeLabels: [String] = []
    public var addAssignees: [String] = []
    public var removeAssignees: [String] = []
    public var addServices: [AffectedService] = []
    public var removeServices: [String] = []
    /// Show on (true) or take off (false) the public status page.
    public var isPublic: Bool?
    /// The customer-facing title; empty clears it.
    public var publicTitle: String?

    public init() {}

    /// True when nothing would change.
    public var isEmpty: Bool {
        title == nil && severity == nil && type == nil && impact == nil && summary == nil && rootCause == nil
            && resolution == nil && addLabels.isEmpty && removeLabels.isEmpty && addAssignees.isEmpty
            && removeAssignees.isEmpty && addServices.isEmpty && removeServices.isEmpty && isPublic == nil && publicTitle == nil
    }
}
