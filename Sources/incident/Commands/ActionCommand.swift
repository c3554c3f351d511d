import ArgumentParser
import IncidentKit

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Track action items by horizon: immediate, medium-term, long-term.",
        subcommands: [Add.self, CheckItems.self, UncheckItems.self, EditAction.self, RemoveAction.self, ListItems.self, TrackActions.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an action item; prints its number and horizon.",
            discussion: "Example: incident action add \"Fix VPC connector\" --horizon medium-term --owner infra --due \"2025-09-16 09:00 PST\""
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] TEXT", valueName: "ref-and-text")) var words: [String]
        @Option(help: "When it should be done.") var horizon: Horizon = .immediate
        @Option(parsing: .unconditional, help: "Who owns it.") var owner: String?
        @Option(parsing: .unconditional, help: "When it is due (same forms as --at; a date alone is the end of that day).") var due: String?
        @Option(parsing: .unconditional, help: "Markdown nested under the item: commands, sub-bullets.") var details: String?

        func run(_ console: Console) throws {
            let (reference, text) = try Arguments.referenceAndText(words, what: "action text")
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let action = try Checklist(store: store).addAction(text, horizon: horizon, owner: owner, due: due, details: details, to: number)
            console.say(IncidentText.added("action", action.number, detail: action.horizon.rawValue, to: number, text: action.text))
        }
    }

    struct CheckItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Mark actions done (same as `incident check`).")
        @OptionGroup var toggle: ToggleOptions
        func run(_ console: Console) throws { try toggle.run(kind: .action, on: true, console: console) }
    }

    struct UncheckItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "uncheck", abstract: "Mark actions not done.")
        @OptionGroup var toggle: ToggleOptions
        func run(_ console: Console) throws { try toggle.run(kind: .action, on: false, console: console) }
    }

    struct ListItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List action items by horizon.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
        @Flag(help: "Only the ones not done.") var open = false
        @Flag(help: "Print JSON (the objects of show --json).") var json = false

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            var (incident, shown) = try Checklist(store: store).listing(store.resolve(Arguments.reference(reference)), openOnly: open)
            if json {
                incident.actions = shown
                return console.say(try IncidentJSON.encodeItems(of: incident, "actions"))
            }
            if shown.isEmpty, !incident.actions.isEmpty {
                return console.say("All \(incident.actions.count) action items are done.")
            }
            console.say(IncidentText.actions(shown))
        }
    }
}

/// `[INC-<n>] N…` for the check and uncheck commands of actions and criteria.
struct ToggleOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("[INC-<n>] N… — item numbers; lists (1,2) and ranges (1-3) work.", valueName: "items"))
    var words: [String]
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run(kind: ItemKind, on: Bool, console: Console) throws { try Self.toggle(words, store: store, kind: kind, on: on, style: color.style(on: console), console: console) }

    static func toggle(_ words: [String], store: StoreOptions, kind: ItemKind, on: Bool, style: TextStyle, console: Console) throws {
        let (reference, numbers) = try Arguments.referenceAndNumbers(words)
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let checklist = Checklist(store: store)
        let outcome = on ? try checklist.check(numbers, of: kind, in: number) : try checklist.uncheck(numbers, of: kind, in: number)
        let (done, already) = kind == .action ? (on ? ("Checked", "already done") : ("Unchecked", "already open"))
            : (on ? ("Met", "already met") : ("Unmet", "already unmet"))
        for result in outcome.items {
            console.say(result.changed ? "\(on ? style.good(done) : style.bad(done)) \(kind.rawValue) \(result.number): \(result.text)"
                : style.dim("\(kind == .action ? "Action" : "Criterion") \(result.number) is \(already); nothing changed: \(result.text)"))
        }
        console.say(style.heading(IncidentText.progress(kind, outcome.progress)))
    }
}
