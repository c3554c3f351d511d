import ArgumentParser
import IncidentKit

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the change history: what changed, when, by whom.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "The history of every incident.") var all = false

    func run() throws {
        let store = try store.openForReading()
        let number = all ? nil : try store.resolve(Arguments.reference(reference))
        say(IncidentText.changeLog(try store.changeLog(for: number)))
    }
}
