import ArgumentParser
import Foundation
import IncidentKit

struct Show: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an incident's whole record.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?

    @Flag(help: "Print JSON (the shape is documented in README).") var json = false

    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        if json { return console.say(try IncidentJSON.encode(incident)) }
        var text = IncidentText.show(incident, style: output.style(on: console))
        if let link = incident.github, let pending = try store.unpublishedChanges(of: incident), pending > 0 {
            text += "\n\(pending) change\(pending == 1 ? "" : "s") here not yet on \(link.reference): `incident publish` merges and pushes them."
        }
        if let cadence = try store.cadence(of: incident) {
            let line = "Stakeholder updates: \(cadence.describe(at: Date()))."
            text += "\n" + (cadence.isOverdue(at: Date()) ? output.style(on: console).overdue(line) : line)
        }
        output.page(text, on: console)
    }
}
