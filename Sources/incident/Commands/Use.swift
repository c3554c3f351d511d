import ArgumentParser
import IncidentKit

struct Use: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make an incident the current one (used when no INC-<n> is given).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "INC-<n>.") var reference: String

    func run(_ console: Console) throws {
        let store = try store.openForWriting()
        let number = try store.resolve(IncidentReference.parse(reference))
        try Response(store: store).use(number)
        console.say("\(IncidentReference.format(number)) is now the current incident.")
    }
}
