import ArgumentParser
import Foundation
import IncidentKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        _superCommandName: "incident",
        abstract: "Print the postmortem: header, summary, impact, timeline, response times, causes, lessons, action items.",
        discussion: "Example: incident export --format html -o postmortem.html"
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: "md (default) or html (one self-contained page).") var format: String = "md"

    func run() throws {
        guard let format = RenderFormat(rawValue: format.lowercased()) else {
            throw IncidentError.invalidText(field: "--format", reason: "must be md or html")
        }
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        try rendering.emit(rendering.renderer(databasePath: store.path ?? "").postmortem(incident, format: format, at: Date()))
    }
}
