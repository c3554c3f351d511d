import ArgumentParser
import Foundation
import IncidentKit

struct Import: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import incidents from Markdown: files, folders (*.md, recursively) or standard input; or join a GitHub issue.",
        discussion: """
            Prints INC-<n> first for one document, else a line per document and a summary; one bad document never stops \
            the rest (exit 1 if any failed). Importing the same file again skips it when unchanged and updates its \
            incident when it changed. Examples: incident import docs/postmortems · \
            gh issue view 123 --json title,body,labels,assignees,number,url | incident import --gh-json -
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: ArgumentHelp("Markdown files or folders, or - for standard input.", valueName: "path")) var paths: [String] = []
    @Option(help: ArgumentHelp("Join a GitHub issue instead (number or URL): a local incident linked to it, so publish and pull work here too.",
                               valueName: "number-or-url"))
    var issue: String?
    @Option(help: ArgumentHelp("The issue's repository (default: the one gh resolves here).", valueName: "owner/name"))
    var repo: String?
    @Flag(help: "The input is gh's JSON for one issue or a list (title, body, labels, assignees, number, url).") var ghJson = false
    @Option(help: "Severity when the document names none.") var severity: Severity = .p3
    @Option(help: "The title, over the document's own (one document only).") var title: String?
    @Option(help: ArgumentHelp("The zone for times written without one, over the document's \"All times in …\" (UTC, PST, +05:30, Europe/Paris).", valueName: "zone"))
    var zone: String?
    @Flag(help: "Keep text that looks like UTF-8 read as Mac Roman or Windows-1252 as it is, instead of repairing it.")
    var keepEncoding = false
    @Flag(help: "Show what would be imported or updated without storing anything.") var dryRun = false
    @Flag(help: "Under each document, say what was read from it: timeline entries, task items, sections.") var report = false

    func validate() throws {
        if paths.isEmpty == (issue == nil) { throw ValidationError("Give files or folders (or - for standard input), or --issue NUMBER|URL.") }
        if repo != nil, issue == nil { throw ValidationError("--repo goes with --issue.") }
        if ghJson, paths.count != 1 { throw ValidationError("--gh-json reads one input: a file, or - for standard input.") }
        if let zone, TimeExpression.timeZone(named: zone) == nil { throw ValidationError("Unknown zone '\(zone)' for --zone. Use UTC, PST, +05:30 or a name like Europe/Paris.") }
    }

    func run(_ console: Console) throws {
        if let issue { return try join(issue, console: console) }
        let importing = try Importing(defaultSeverity: severity, zone: zone, repairingEncoding: !keepEncoding, title: title)
        let sources = try ghJson ? Importing.issues(at: paths[0], standardInput: console.input)
            : Importing.sources(paths, standardInput: console.input)
        if title != nil, sources.count != 1 { throw ValidationError("--title names one document's title; \(sources.count) were given.") }
        if dryRun {
            let store = try? store.openForReading()
            if sources.count == 1 { return try single(sources[0], importing, into: store, console: console) }
            return try many(sources, importing, into: store, console: console)
        }
        // One document refused stores nothing, so it leaves no new database behind either.
        if sources.count == 1 {
            return try store.withStore { store in try single(sources[0], importing, into: store, console: console) }
        }
        try many(sources, importing, into: try store.openForWriting(creating: true), console: console)
    }

    private func single(_ source: ArchiveImport.Source, _ importing: Importing, into store: IncidentStore?, console: Console) throws {
        var outcome: ArchiveImport.Outcome?
        _ = importing.run([source], into: store, dryRun: dryRun) { outcome = $1 }
        switch outcome {
        case .created(let incident, let notes, let read):
            console.say(dryRun ? "(dry run) nothing stored" : incident.id)
            console.say(IncidentText.importSummary(incident, notes: notes))
            if report { console.say("read: " + IncidentText.importReport(read)) }
        case .updated(let incident, let changes, let read):
            console.say(incident.id)
            console.say("\(dryRun ? "would update" : "updated") \(incident.id) from \(source.name), which changed: \(changes.joined(separator: ", ")).")
            if report { console.say("read: " + IncidentText.importReport(read)) }
        case .unchanged(let number):
            console.say(IncidentReference.format(number))
            console.say("\(source.name) is unchanged since it was imported as \(IncidentReference.format(number)); nothing to do.")
        case .failed(let error):
            throw IncidentError.unreadableFile(path: source.name, reason: error.advice)
        case nil:
            break
        }
    }

    private func many(_ sources: [ArchiveImport.Source], _ importing: Importing, into store: IncidentStore?, console: Console) throws {
        var done = 0
        let progress = ProgressLine(total: sources.count, console: console)
        progress.show(0, of: sources.first?.name ?? "")
        let tally = importing.run(sources, into: store, dryRun: dryRun) { source, outcome in
            var line: String, read: ImportReport?
            switch outcome {
            case .created(let incident, _, let report):
                read = report
                line = "\((dryRun ? "new" : incident.id).padding(toLength: 8, withPad: " ", startingAt: 0)) \(source.name) — \(incident.title) "
                    + "(\(IncidentText.count(incident.actions.count + incident.criteria.count, "task")), \(IncidentText.count(incident.sections.count, "section")), \(IncidentText.count(incident.timeline.count, "timeline entry", "timeline entries")))"
            case .updated(let incident, let changes, let report):
                read = report
                line = "\(incident.id.padding(toLength: 8, withPad: " ", startingAt: 0)) \(source.name) — \(dryRun ? "would update" : "updated"): \(changes.joined(separator: ", "))"
            case .unchanged(let number):
                line = "\(IncidentReference.format(number).padding(toLength: 8, withPad: " ", startingAt: 0)) \(source.name) — unchanged, skipped"
            case .failed(let error):
                line = "failed   \(source.name) — \(error.advice)"
            }
            if report, let read { line += "\n         read: " + IncidentText.importReport(read) }
            progress.clear()
            console.say(line)
            done += 1
            progress.show(done, of: source.name)
        }
        progress.clear()
        console.say("\(sources.count) documents: \(tally.new) \(dryRun ? "would be new" : "new"), \(tally.updated) \(dryRun ? "would be updated" : "updated"), "
            + "\(tally.unchanged) unchanged, \(tally.failed) failed.")
        try tally.requireNoFailures()
    }

    private func join(_ issue: String, console: Console) throws {
        if dryRun { throw ValidationError("--dry-run does not go with --issue.") }
        // A refused join (a bad issue, gh failing) leaves no new database behind.
        try store.withStore { store in
            let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
            report(try publisher.join(issue, repo: repo), issue: issue, console: console)
        }
    }

    private func report(_ joined: IssuePublisher.Joined, issue: String, console: Console) {
        switch joined {
        case .imported(let incident, let notes):
            console.say(incident.id)
            console.say("Joined \(incident.github?.reference ?? issue) as \(incident.id); it is now the current incident. `incident publish` and `incident pull` work from here too.")
            if let link = incident.github, link.visibility == .public {
                console.say("\(link.repo) is a public repository: `incident publish` pushes there only with --public-repo.")
            }
            console.say(IncidentText.importSummary(incident, notes: notes))
        case .alreadyLinked(let number, let pulled):
            console.say(IncidentReference.format(number))
            console.say("\(pulled.link.reference) is already linked here as \(IncidentReference.format(number)); pulled it instead of importing it again.")
            for line in Pull.report(pulled, incident: number) { console.say(line) }
        }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct ProgressLine {
    let total: Int
    let enabled: Bool
    let console: Console

    init(total: Int, console: Console) {
        self.total = total
        self.console = console
        enabled = total > 1 && console.errorIsTerminal
    }

    func show(_ done: Int, of name: String) {
        guard enabled else { return }
        let width = 30, filled = total == 0 ? 0 : done * width / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        console.writeError("\r[\(bar)] \(done)/\(total) \(TerminalText.visible(String(name.suffix(40))))\u{1B}[K")
    }

    func clear() {
        guard enabled else { return }
        console.writeError("\r\u{1B}[K")
    }
}
