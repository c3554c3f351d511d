import ArgumentParser
import IncidentKit

struct Render: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the incident as a GitHub issue body.",
        discussion: """
            Create the issue with: gh issue create --title "$(incident render --title-only)" \
            --label "$(incident render --labels-only)" --body-file <(incident render)
            """
    )

    @OptionGroup var store: StoreOptions
    // `--templates`, `-o` and `--force` are declared here rather than grouped: an option group costs argument-parser
    // a reflection pass on every run.
    @Option(help: ArgumentHelp("A folder of templates that override the built-in ones file by file (default: incidents/templates/ beside the database).", valueName: "dir"))
    var templates: String?
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(name: .customLong("force"), help: "Overwrite the --output file if it exists.") var overwrite = false
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "Print only the title (for gh issue create --title).") var titleOnly = false
    @Flag(help: "Print only the labels, comma-separated (for gh issue create --label).") var labelsOnly = false

    func run(_ console: Console) throws {
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        if titleOnly { return console.say(incident.title) }
        let renderer = try RenderOptions.renderer(templates: templates, databasePath: store.path ?? "")
        if labelsOnly { return console.say(renderer.labelsLine(incident)) }
        try emitDocument(renderer.issueBody(incident), to: output, overwrite: overwrite, database: store.path, console: console)
    }
}
