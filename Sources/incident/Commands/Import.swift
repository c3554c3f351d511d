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
    @Argument(help: "The Markdown file, or - for standard input.") var file: String
    @Option(help: "Severity when the document names none.") var severity: Severity = .p3
    @Flag(help: "Show what would be imported without storing anything.") var dryRun = false

    func run() throws {
        let importer = IncidentImporter(defaultSeverity: severity)
        let document = try importer.read(try MarkdownInput.read(file))
        let incident = dryRun ? document.incident : try store.openForWriting(creating: true)
            .importIncident(document.incident, from: file == "-" ? "standard input" : file)
        say(dryRun ? "(dry run) nothing stored" : incident.id)
        say(IncidentText.importSummary(incident, notes: document.notes))
    }
}
