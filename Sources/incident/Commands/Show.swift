import ArgumentParser
import IncidentKit

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an incident's whole record.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?

    @Flag(help: "Print JSON (the shape is documented in README).") var json = false

    func run() throws {
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        say(json ? try IncidentJSON.encode(incident) : IncidentText.show(incident))
    }
}
