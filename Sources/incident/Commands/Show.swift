import ArgumentParser
import Foundation
import IncidentKit

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an incident's whole record.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?

    @Flag(help: "Print JSON (the shape is documented in README).") var json = false

    func run() throws {
        let store = try store.openForReading()
        let incident = try store.incident(store.resolve(Arguments.reference(reference)))
        if json { return say(try IncidentJSON.encode(incident)) }
        say(IncidentText.show(incident))
        if let cadence = try store.cadence(of: incident) { say("Stakeholder updates: \(cadence.describe(at: Date())).") }
    }
}
