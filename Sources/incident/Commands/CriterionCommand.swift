import ArgumentParser
import IncidentKit

struct CriterionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criterion",
        abstract: "Track success criteria by phase: immediate, short-term.",
        subcommands: [Add.self, CheckItems.self, UncheckItems.self, EditCriterion.self, RemoveCriterion.self, ListItems.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a success criterion; prints its number and phase.",
            discussion: "Example: incident criterion add \"Health endpoints return HTTP 200\" --phase immediate"
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] TEXT", valueName: "ref-and-text")) var words: [String]
        @Option(help: "When it should hold.") var phase: Phase = .immediate

        func run(_ console: Console) throws {
            let (reference, text) = try Arguments.referenceAndText(words, what: "criterion text")
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let criterion = try Checklist(store: store).addCriterion(text, phase: phase, to: number)
            console.say(IncidentText.added("criterion", criterion.number, detail: criterion.phase.rawValue, to: number, text: criterion.text))
        }
    }

    struct CheckItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Mark criteria met.")
        @OptionGroup var toggle: ToggleOptions
        func run(_ console: Console) throws { try toggle.run(kind: .criterion, on: true, console: console) }
    }

    struct UncheckItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "uncheck", abstract: "Mark criteria not met.")
        @OptionGroup var toggle: ToggleOptions
        func run(_ console: Console) throws { try toggle.run(kind: .criterion, on: false, console: console) }
    }

    struct ListItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List success criteria by phase.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
        @Flag(help: "Print JSON (the objects of show --json).") var json = false

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let incident = try store.incident(store.resolve(Arguments.reference(reference)))
            console.say(json ? try IncidentJSON.encodeItems(of: incident, "criteria") : IncidentText.criteria(incident.criteria))
        }
    }
}
