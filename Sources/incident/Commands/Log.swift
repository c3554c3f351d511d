import ArgumentParser
import IncidentKit

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the change history: what changed, when, by whom.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "The history of every incident.") var all = false
    @Flag(help: "Print JSON: at, actor, incident, change.") var json = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try store.openForReading()
        let number = all ? nil : try store.resolve(Arguments.reference(reference))
        let entries = try store.changeLog(for: number)
        if json { return say(try IncidentJSON.encodeLog(entries)) }
        output.page(IncidentText.changeLog(entries))
    }
}
