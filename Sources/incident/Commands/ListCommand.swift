import ArgumentParser
import Foundation
import IncidentKit

struct ListCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List incidents, newest first (open ones unless --all).",
        aliases: ["ls"]
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Include closed and cancelled incidents.") var all = false

    @Option(help: "Only incidents with this status.") var status: Status?

    @Option(help: "Only incidents with this severity.") var severity: Severity?

    @Option(help: ArgumentHelp("Only incidents of this type (e.g. security).", valueName: "type")) var type: String?

    @Flag(help: "Print JSON (the shape is documented in README).") var json = false

    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let type = try type.map { text throws(IncidentError) in try IncidentType(parsing: text) }
        guard try store.hasDatabase() else {
            return console.say(json ? "[]" : "No incidents yet. Declare one with `incident new --p2 \"TITLE\"`.")
        }
        let store = try store.openForReading()
        let incidents = try store.incidents(includeEnded: all, status: status, severity: severity, type: type, headersOnly: !json)
        if json {
            console.say(try IncidentJSON.encode(incidents))
        } else if incidents.isEmpty {
            console.say(all ? "No incidents." : "No open incidents. `incident list --all` includes closed ones.")
        } else {
            let text = IncidentText.list(incidents, current: try store.currentIncidentNumber(), style: output.style(on: console))
            if all { output.page(text, on: console) } else { console.say(text) }
        }
    }
}
