import ArgumentParser
import Foundation
import IncidentKit

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        _superCommandName: "incident",
        abstract: "List incidents, newest first (open ones unless --all).",
        aliases: ["ls"]
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Include closed and cancelled incidents.") var all = false

    @Option(help: "Only incidents with this status.") var status: String?

    @Option(help: "Only incidents with this severity (P0…P4).") var severity: String?

    @Flag(help: "Print JSON (the shape is documented in README).") var json = false

    func run() throws {
        let status = try status.map { text throws(IncidentError) in try Status(parsing: text) }
        let severity = try severity.map { text throws(IncidentError) in try Severity(parsing: text) }
        let incidents: [Incident]
        do {
            let store = try store.openForReading()
            incidents = try store.incidents(includeEnded: all, status: status, severity: severity)
            if json {
                say(try IncidentJSON.encode(incidents))
            } else if incidents.isEmpty {
                say(all ? "No incidents." : "No open incidents. `incident list --all` includes closed ones.")
            } else {
                say(IncidentText.list(incidents, current: try store.currentIncidentNumber()))
            }
        } catch IncidentError.noDatabase {
            say(json ? "[]" : "No incidents yet. Declare one with `incident new --p2 \"TITLE\"`.")
        }
    }
}
