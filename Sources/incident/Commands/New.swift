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

struct New: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Declare a new incident and make it the current one.",
        discussion: "Prints INC-<n> on the first line. Example: incident new --p0 \"API returns 503 on every request\""
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Severity (one is required).") var severity: SeverityFlag?

    @Option(help: ArgumentHelp("What kind of incident: one lowercase word, e.g. availability, security, data-loss.", valueName: "type"))
    var type: String?

    // Words, not one String: a title typed without quotes gets "quote it", not argument-parser's "unexpected arguments".
    @Argument(help: ArgumentHelp("One-line title of what is broken.", valueName: "title")) var title: [String] = []

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

    @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false

    @Option(help: ArgumentHelp("Who is in command (the commander role).", valueName: "who")) var commander: String?

    @Option(name: .customLong("playbook"), help: ArgumentHelp("Apply this playbook (repeatable), instead of those matching the severity.", valueName: "name"))
    var playbookNames: [String] = []

    @Flag(help: "Apply no playbook.") var noPlaybook = false

    @Flag(name: .customLong("public"), help: "Show it on the public status page (`incident statuspage build`).") var isPublic = false

    @Option(parsing: .unconditional, help: ArgumentHelp("The title customers see on the status page.", valueName: "title"))
    var publicTitle: String?

    // Declared here rather than through PlaybookOptions: an option group costs argument-parser a reflection pass on
    // every run, and `new` is typed at the worst moment.
    @Option(name: .customLong("playbooks"), help: ArgumentHelp("A folder of playbooks (default: playbooks/ beside the database).", valueName: "dir"))
    var playbookFolder: String?

    func run(_ console: Console) throws {
        guard let severity else { throw IncidentError.missingSeverity }
        var draft = IncidentDraft(title: try TextRules.line(Arguments.text(title, what: "title"), field: "title"),
                                  severity: severity.severity, declaredAt: try parseTime(at, future: future, console: console))
        draft.type = try type.map { text throws(IncidentError) in try IncidentType(parsing: text) }
        draft.labels = try labels.map { text throws(IncidentError) in try TextRules.label(text) }
        draft.assignees = try assignees.map { text throws(IncidentError) in try TextRules.line(text, field: "assignee") }
        draft.services = try services.map { text throws(IncidentError) in try AffectedService(parsing: TextRules.line(text, field: "service")) }
        draft.impact = try TextRules.optionalBlock(impact, field: "impact")
        draft.summary = try TextRules.optionalBlock(summary, field: "summary")
        draft.isPublic = isPublic
        draft.publicTitle = try publicTitle.map { text throws(IncidentError) in try TextRules.line(text, field: "public title") }
        let commander = try commander.map { name throws(IncidentError) in try TextRules.line(name, field: "commander") }
        let store = try store.openForWriting(creating: true)
        let incident = try store.declare(draft)
        console.say(incident.id)
        console.say("Declared \(incident.severity.label) \"\(incident.title)\" at \(TimeFormat.local(incident.declaredAt)); it is now the current incident.")
        if let commander {
            try store.setRole(incident.number, role: "commander", who: commander, at: incident.declaredAt)
            console.say("Commander: \(commander).")
        }
        let applied = noPlaybook ? 0 : applyPlaybooks(to: incident, store, console: console)
        // Only P0, P1 and incidents a playbook gave a cadence have one: `new` stays one write for the rest.
        if applied > 0 || UpdateCadence.defaultInterval(incident.severity) != nil,
           let cadence = try store.cadence(of: store.incident(incident.number)) {
            console.say("Stakeholder updates: \(cadence.describe(at: Date())).")
        }
    }

    /// Applies the playbooks matching the severity (or those named). A broken playbook never stops the declaration:
    /// it is named with its file and line, with how to apply it once fixed.
    private func applyPlaybooks(to incident: Incident, _ store: IncidentStore, console: Console) -> Int {
        let (playbooks, problems) = PlaybookOptions.load(playbookFolder, databasePath: store.path ?? "")
        let chosen = playbookNames.isEmpty ? playbooks.filter { $0.severities.contains(incident.severity) }
            : playbooks.filter { playbookNames.contains($0.name) }
        for problem in problems where playbookNames.isEmpty || playbookNames.contains(((problem.path as NSString).lastPathComponent as NSString).deletingPathExtension) {
            let name = ((problem.path as NSString).lastPathComponent as NSString).deletingPathExtension
            console.warn("\(problem); not applied. Fix it, then: incident playbook apply \(incident.id) \(name)")
        }
        for name in playbookNames where !playbooks.contains(where: { $0.name == name }) && !problems.contains(where: { $0.path.hasSuffix("/\(name).md") }) {
            console.warn("no playbook \(name) in \(PlaybookOptions.folder(playbookFolder, databasePath: store.path ?? "")); `incident playbook list` shows them.")
        }
        for playbook in chosen {
            do {
                console.say(describeApplied(playbook, try store.applyPlaybook(incident.number, playbook)))
            } catch {
                console.warn("playbook \(playbook.name) was not applied: \(error)")
            }
        }
        return chosen.count
    }
}
