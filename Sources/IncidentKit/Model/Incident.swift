import Foundation

/// A service the incident touches.
public struct AffectedService: Equatable, Sendable {
    public var name: String
    public var url: String?
    public var note: String?

    public init(name: String, url: String? = nil, note: String? = nil) {
        self.name = name
        self.url = url
        self.note = note
    }

    /// Reads a typed `NAME`, `NAME|URL` or `NAME|URL|NOTE` (either part may be empty), held to the one-line rule.
    public init(parsing text: String) throws(IncidentError) {
        let parts = try TextRules.line(text, field: "service").split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        let name = parts[0]
        guard !name.isEmpty else { throw .emptyText(field: "service name") }
        self.init(name: name,
                  url: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
                  note: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)
    }
}

/// A titled block of Markdown for whatever the typed fields don't capture.
public struct FreeSection: Equatable, Sendable {
    public var title: String
    public var markdown: String
    /// Left out of a public postmortem (`export --public`).
    public var isInternal: Bool

    public init(title: String, markdown: String, isInternal: Bool = false) {
        self.title = title
        self.markdown = markdown
        self.isInternal = isInternal
    }
}

/// An incident and everything recorded about it.
public struct Incident: Equatable, Sendable {
    public var number: Int
    public var title: String
    public var severity: Severity
    /// What kind of incident it is (`security`, `data-loss`), if anyone said.
    public var type: IncidentType?
    public var status: Status
    public var labels: [String] = []
    public var assignees: [String] = []
    public var services: [AffectedService] = []
    public var impact: String?
    public var summary: String?
    public var rootCause: String?
    public var resolution: String?
    public var declaredAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var sections: [FreeSection] = []
    public var whys: [Why] = []
    public var timeline: [TimelineEntry] = []
    public var actions: [ActionItem] = []
    public var criteria: [SuccessCriterion] = []
    public var lessons: [Lesson] = []
    /// The GitHub issue it is published to, if any.
    public var github: GitHubLink?
    /// Who holds which role in the response.
    public var roles: [Role] = []
    /// How often stakeholders expect an update (from a playbook); nil takes the severity's default.
    public var updateEvery: TimeInterval?
    /// The playbooks applied to it, by name.
    public var playbooks: [String] = []
    /// Shown on the public status page.
    public var isPublic = false
    /// The title customers see; the status page never shows the internal one.
    public var publicTitle: String?
    /// Messages for the people outside the response, oldest first.
    public var publicUpdates: [PublicUpdate] = []

    /// The reference users type and see, such as `INC-12`.
    public var id: String { IncidentReference.format(number) }

    public init(number: Int, title: String, severity: Severity, status: Status = .investigating,
                declaredAt: Date, updatedAt: Date? = nil) {
        self.number = number
        self.title = title
        self.severity = severity
        self.status = status
        self.declaredAt = declaredAt
        self.updatedAt = updatedAt ?? declaredAt
    }
}
