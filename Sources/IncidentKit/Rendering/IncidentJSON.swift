import Foundation

/// The stable JSON shape of `list --json` and `show --json` (documented in README).
public struct IncidentJSON: Encodable, Sendable {
    struct Service: Encodable { var name: String; @Nullable var url: String?; @Nullable var note: String? }
    struct Why: Encodable { var number: Int; var text: String; var rootCause: Bool; @Nullable var parent: Int? }
    struct Entry: Encodable { var at: String; var kind: String; var text: String; var recorded: Bool }
    struct Action: Encodable {
        var number: Int; var horizon: String; var text: String; @Nullable var details: String?
        var done: Bool; @Nullable var doneAt: String?; @Nullable var doneBy: String?; @Nullable var owner: String?; @Nullable var due: String?
        /// The GitHub issue it is tracked as: `acme/ops#57`.
        @Nullable var tracked: String?
    }
    struct Criterion: Encodable { var number: Int; var phase: String; var text: String; var met: Bool; @Nullable var metAt: String? }
    struct Section: Encodable { var title: String; var markdown: String; var `internal`: Bool }
    struct PublicUpdateEntry: Encodable { var at: String; var status: String; var text: String }
    struct GitHub: Encodable { var repo: String; var number: Int; var url: String; var visibility: String? }
    struct RoleHolder: Encodable { var role: String; var who: String; var since: String }

    var id: String
    var number: Int
    var title: String
    var severity: String
    /// The incident's type (`security`), or null.
    @Nullable var type: String?
    var status: String
    var labels: [String]
    var assignees: [String]
    var services: [Service]
    @Nullable var impact: String?
    @Nullable var summary: String?
    @Nullable var rootCause: String?
    @Nullable var resolution: String?
    var whys: [Why]
    var timeline: [Entry]
    var actions: [Action]
    var criteria: [Criterion]
    var sections: [Section]
    var createdAt: String
    var updatedAt: String
    @Nullable var closedAt: String?
    @Nullable var github: GitHub?
    var roles: [RoleHolder]
    var `public`: Bool
    @Nullable var publicTitle: String?
    var publicUpdates: [PublicUpdateEntry]

    public init(_ incident: Incident) {
        id = incident.id
        number = incident.number
        title = incident.title
        severity = incident.severity.label
        type = incident.type?.word
        status = incident.status.rawValue
        labels = incident.labels
        assignees = incident.assignees
        services = incident.services.map { Service(name: $0.name, url: $0.url, note: $0.note) }
        impact = incident.impact
        summary = incident.summary
        rootCause = incident.rootCause
        resolution = incident.resolution
        whys = incident.whys.map { Why(number: $0.number, text: $0.text, rootCause: $0.isRootCause, parent: $0.parent) }
        timeline = incident.timeline.map {
            Entry(at: TimeFormat.utc($0.at), kind: $0.kind.rawValue, text: $0.text, recorded: !$0.isManual)
        }
        actions = incident.actions.map {
            Action(number: $0.number, horizon: $0.horizon.rawValue, text: $0.text, details: $0.details, done: $0.isDone,
                   doneAt: $0.doneAt.map(TimeFormat.utc), doneBy: $0.doneBy, owner: $0.owner, due: $0.due.map(TimeFormat.utc),
                   tracked: $0.tracked?.reference)
        }
        criteria = incident.criteria.map {
            Criterion(number: $0.number, phase: $0.phase.rawValue, text: $0.text, met: $0.isMet, metAt: $0.metAt.map(TimeFormat.utc))
        }
        sections = incident.sections.map { Section(title: $0.title, markdown: $0.markdown, internal: $0.isInternal) }
        createdAt = TimeFormat.utc(incident.declaredAt)
        updatedAt = TimeFormat.utc(incident.updatedAt)
        closedAt = incident.closedAt.map(TimeFormat.utc)
        github = incident.github.map { GitHub(repo: $0.repo, number: $0.number, url: $0.url, visibility: $0.visibility?.name) }
        roles = incident.roles.map { RoleHolder(role: $0.role, who: $0.who, since: TimeFormat.utc($0.since)) }
        `public` = incident.isPublic
        publicTitle = incident.publicTitle
        publicUpdates = incident.publicUpdates.map { PublicUpdateEntry(at: TimeFormat.utc($0.at), status: $0.status.rawValue, text: $0.text) }
    }

    /// One incident as a pretty-printed JSON object with sorted keys; absent values are `null`.
    public static func encode(_ incident: Incident) throws(IncidentError) -> String {
        try encodeValue(IncidentJSON(incident))
    }

    /// A JSON array of incidents.
    public static func encode(_ incidents: [Incident]) throws(IncidentError) -> String {
        try encodeValue(incidents.map(IncidentJSON.init))
    }

    /// `role list --json`: `[{"role", "who", "since"}]`.
    public static func encodeRoles(_ roles: [Role]) throws(IncidentError) -> String {
        try encodeValue(roles.map { RoleHolder(role: $0.role, who: $0.who, since: TimeFormat.utc($0.since)) })
    }

    struct DueEntry: Encodable { var incident: String; var what: String; var detail: String; var due: String; @Nullable var owner: String? }

    /// `due --json`: `[{"incident", "what", "detail", "due", "owner"}]`.
    public static func encodeDue(_ items: [(String, String, String, Date, String?)]) throws(IncidentError) -> String {
        try encodeValue(items.map { DueEntry(incident: $0.0, what: $0.1, detail: $0.2, due: TimeFormat.utc($0.3), owner: $0.4) })
    }

    /// JSONEncoder escapes C0 controls only; DEL and C1 controls (which some terminals obey) are written as
    /// `\u007F`/`\u0085` escapes too, so JSON reaches a terminal with no control character in it and the same value.
    static func escapingControls(_ json: String) -> String {
        guard TerminalText.needsCaretNotation(json) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                result.append(contentsOf: "\\u00\(String(scalar.value, radix: 16, uppercase: true))".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func encodeValue(_ value: some Encodable) throws(IncidentError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return escapingControls(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            throw .storageFailure("JSON encoding failed: \(error)")
        }
    }
}

/// Encodes nil as `null` instead of leaving the key out, so every key is always present.
@propertyWrapper
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
