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
        var declaration = Declaration(title: try Arguments.text(title, what: "title"), severity: severity.severity,
                                      declaredAt: try parseTime(at, future: future, console: console))
        (declaration.type, declaration.labels, declaration.assignees, declaration.services) = (type, labels, assignees, services)
        (declaration.impact, declaration.summary, declaration.commander) = (impact, summary, commander)
        (declaration.isPublic, declaration.publicTitle) = (isPublic, publicTitle)
        declaration.playbooks = noPlaybook ? .none : playbookNames.isEmpty ? .matchingSeverity : .named(playbookNames)
        // A declaration refused before anything is stored leaves no new, empty database behind.
        let declared = try store.withStore { store in
            try Response(store: store).declare(declaration, playbooks: PlaybookFolder(playbookFolder, databasePath: store.path ?? ""))
        }
        let incident = declared.incident
        console.say(incident.id)
        console.say("Declared \(incident.severity.label) \"\(incident.title)\" at \(TimeFormat.local(incident.declaredAt)); it is now the current incident.")
        if let commander = declared.commander { console.say("Commander: \(commander).") }
        for problem in declared.problems { console.warn(describe(problem, of: incident)) }
        for applied in declared.applied { console.say(describeApplied(applied)) }
        if let cadence = declared.cadence { console.say("Stakeholder updates: \(cadence.describe(at: Date())).") }
    }

    /// A playbook that was not applied, with how to apply it once fixed.
    private func describe(_ problem: PlaybookProblem, of incident: Incident) -> String {
        switch problem {
        case .broken(let problem): "\(problem); not applied. Fix it, then: incident playbook apply \(incident.id) \(problem.name)"
        case .missing(let name, let folder): "no playbook \(name) in \(folder); `incident playbook list` shows them."
        case .failed(let name, let error): "playbook \(name) was not applied: \(error)"
        }
    }
}
