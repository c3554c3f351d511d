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
        let entries = try History(store: store).log(of: all ? nil : try store.resolve(Arguments.reference(reference)))
        if json { return console.say(try IncidentJSON.encodeLog(entries)) }
        output.page(IncidentText.changeLog(entries), on: console)
    }
}
