import ArgumentParser
import Foundation
import IncidentKit

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create an incident from a GitHub issue body (Markdown); prints INC-<n> first, then what it found.",
        discussion: "Example: gh issue view 123 --json body -q .body | incident import -"
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "The Markdown file, or - for standard input.") var file: String?
    @Option(help: ArgumentHelp("Join a GitHub issue instead (number or URL): a local incident linked to it, so publish and pull work here too.",
                               valueName: "number-or-url"))
    var issue: String?
    @Option(help: ArgumentHelp("The issue's repository (default: the one gh resolves here).", valueName: "owner/name"))
    var repo: String?
    @Option(help: "Severity when the document names none.") var severity: Severity = .p3
    @Flag(help: "Show what would be imported without storing anything.") var dryRun = false

    func validate() throws {
        if (file == nil) == (issue == nil) { throw ValidationError("Give a FILE (or - for standard input), or --issue NUMBER|URL.") }
        if repo != nil, issue == nil { throw ValidationError("--repo goes with --issue.") }
    }

    func run() throws {
        if let issue { return try join(issue) }
        guard let file else { return }
        let importer = IncidentImporter(defaultSeverity: severity)
        let document = try importer.read(try MarkdownInput.read(file))
        let incident = dryRun ? document.incident : try store.openForWriting(creating: true)
            .importIncident(document.incident, from: file == "-" ? "standard input" : file)
        say(dryRun ? "(dry run) nothing stored" : incident.id)
        say(IncidentText.importSummary(incident, notes: document.notes))
    }

    private func join(_ issue: String) throws {
        if dryRun { throw ValidationError("--dry-run does not go with --issue.") }
        let store = try store.openForWriting(creating: true)
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        switch try publisher.join(issue, repo: repo) {
        case .imported(let incident, let notes):
            say(incident.id)
            say("Joined \(incident.github?.reference ?? issue) as \(incident.id); it is now the current incident. `incident publish` and `incident pull` work from here too.")
            say(IncidentText.importSummary(incident, notes: notes))
        case .alreadyLinked(let number, let pulled):
            say(IncidentReference.format(number))
            say("\(pulled.link.reference) is already linked here as \(IncidentReference.format(number)); pulled it instead of importing it again.")
            for line in Pull.report(pulled, incident: number) { say(line) }
        }
    }
}
