import ArgumentParser
import IncidentKit

struct Log: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the change history: what changed, when, by whom.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "The history of every incident.") var all = false
    @Flag(help: "Print JSON: at, actor, incident, change.") var json = false
    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let store = try store.openForReading()
        let number = all ? nil : try store.resolve(Arguments.reference(reference))
        let entries = try store.changeLog(for: number)
        if json { return console.say(try IncidentJSON.encodeLog(entries)) }
        output.page(IncidentText.changeLog(entries), on: console)
    }
}
