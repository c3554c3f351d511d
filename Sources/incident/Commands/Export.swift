import ArgumentParser
import Foundation
import IncidentKit

struct Export: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the postmortem: header, summary, impact, timeline, response times, causes, lessons, action items.",
        discussion: "Example: incident export --format html -o postmortem.html"
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(name: .customLong("force"), help: "Overwrite the --output file if it exists.") var overwrite = false
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: "md, or html for one self-contained page.") var format: RenderFormat = .markdown
    @Flag(help: "Print straight to the terminal, never through a pager.") var noPager = false
    @Flag(name: .customLong("public"), help: "A public postmortem: without internal sections (`section add --internal`) and people's names.")
    var forPublic = false

    func run(_ console: Console) throws {
        let store = try store.openForReading()
        let record = try store.incident(store.resolve(Arguments.reference(reference)))
        let incident = forPublic ? record.publicPostmortem : record
        let text = try rendering.renderer(databasePath: store.path ?? "").postmortem(incident, format: format, at: Date())
        // To a terminal, a long postmortem goes through the pager (never coloured: it is Markdown or HTML).
        if output == nil || output == "-" {
            return console.page(text.hasSuffix("\n") ? String(text.dropLast()) : text, allowed: !noPager)
        }
        try emitDocument(text, to: output, overwrite: overwrite, database: store.path, console: console)
    }
}
