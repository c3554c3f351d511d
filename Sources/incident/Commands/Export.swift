import ArgumentParser
import Foundation
import IncidentKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the postmortem: header, summary, impact, timeline, response times, causes, lessons, action items.",
        discussion: "Example: incident export --format html -o postmortem.html"
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: "md, or html for one self-contained page.") var format: RenderFormat = .markdown

    func run() throws {
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        try rendering.emit(rendering.renderer(databasePath: store.path ?? "").postmortem(incident, format: format, at: Date()))
    }
}
