import ArgumentParser
import Foundation
import IncidentKit

/// The severity flags of `incident new`.
enum SeverityFlag: String, EnumerableFlag {
    case p0, p1, p2, p3, p4

    var severity: Severity { Severity(rawValue: Int(rawValue.dropFirst())!)! }

    static func help(for value: SeverityFlag) -> ArgumentHelp? {
        switch value {
        case .p0: "Critical: complete outage or data loss."
        case .p1: "Major: core function broken for many users."
        case .p2: "Significant: degraded, with a workaround."
        case .p3: "Minor: limited impact."
        case .p4: "Low: cosmetic or no user impact."
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Declare a new incident and make it the current one.",
        discussion: "Prints INC-<n> on the first line. Example: incident new --p0 \"API returns 503 on every request\""
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Severity (one is required).") var severity: SeverityFlag?

    @Argument(help: "One-line title of what is broken.") var title: String

    @Option(name: .customLong("label"), help: ArgumentHelp("A label (repeatable).", valueName: "label"))
    var labels: [String] = []

    @Option(name: .customLong("assignee"), help: ArgumentHelp("A person or team responding (repeatable).", valueName: "name"))
    var assignees: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("An affected service: NAME, NAME|URL or NAME|URL|NOTE (repeatable).", valueName: "service"))
    var services: [String] = []

    @Option(parsing: .unconditional, help: "Who and what is affected (Markdown).") var impact: String?

    @Option(parsing: .unconditional, help: "Short summary (Markdown).") var summary: String?

    @Option(parsing: .unconditional, help: "When it was declared: ISO 8601, \"2025-09-15 19:17 PST\", 19:17 or -15m (default: now).")
    var at: String?

    func run() throws {
        guard let severity else { throw IncidentError.missingSeverity }
        var draft = IncidentDraft(title: try TextRules.line(title, field: "title"), severity: severity.severity,
                                  declaredAt: try parseTime(at))
        draft.labels = try labels.map { text throws(IncidentError) in try TextRules.line(text, field: "label") }
        draft.assignees = try assignees.map { text throws(IncidentError) in try TextRules.line(text, field: "assignee") }
        draft.services = try services.map { text throws(IncidentError) in try AffectedService(parsing: TextRules.line(text, field: "service")) }
        draft.impact = try TextRules.optionalBlock(impact, field: "impact")
        draft.summary = try TextRules.optionalBlock(summary, field: "summary")
        let incident = try store.openForWriting(creating: true).declare(draft)
        say(incident.id)
        say("Declared \(incident.severity.label) \"\(incident.title)\" at \(TimeFormat.local(incident.declaredAt)); it is now the current incident.")
    }
}
