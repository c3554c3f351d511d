import ArgumentParser
import IncidentKit

struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Record the five-whys chain.",
        subcommands: [Add.self, RemoveWhy.self, ListItems.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add the next why; it answers the previous one unless --parent says otherwise.",
            discussion: "Example: incident why add \"Database connection fails: VPC connector cannot reach Cloud SQL\""
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] TEXT", valueName: "ref-and-text")) var words: [String]
        @Flag(help: "Mark this why as the root cause.") var rootCause = false
        @Option(help: "The number of the why this one answers (to branch the chain).") var parent: Int?

        func run(_ console: Console) throws {
            let (reference, text) = try Arguments.referenceAndText(words, what: "why")
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let why = try Postmortem(store: store).addWhy(text, answering: parent, isRootCause: rootCause, to: number)
            console.say(IncidentText.added("why", why.number, detail: why.isRootCause ? "root cause" : nil, to: number, text: why.text))
        }
    }

    struct ListItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the whys.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
        @Flag(help: "Print JSON (the objects of show --json).") var json = false

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let incident = try store.incident(store.resolve(Arguments.reference(reference)))
            console.say(json ? try IncidentJSON.encodeItems(of: incident, "whys") : IncidentText.whys(incident.whys))
        }
    }
}
