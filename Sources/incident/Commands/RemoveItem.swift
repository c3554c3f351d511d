import ArgumentParser
import IncidentKit

/// `KIND remove [INC-<n>] N`: removes an item on purpose. The removal travels with the record to the issue and every
/// machine; an item merely missing from a copy (overwritten by a concurrent publish) is never removed.
struct RemoveOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("[INC-<n>] N — the number `list` shows.", valueName: "item")) var words: [String]

    func run(_ kind: SharedKind, name: String, console: Console) throws {
        let (reference, item) = try Arguments.referenceAndItem(words)
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let removal = try Checklist(store: store).remove(item, of: kind, from: number)
        let shared = removal.sharedThrough.map { " The removal reaches \($0.reference) with the next `incident publish`." } ?? ""
        console.say("Removed \(name) \(item): \(removal.text).\(shared)")
    }
}

struct RemoveAction: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an action item, on every machine once published.")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.action, name: "action", console: console) }
}

struct RemoveCriterion: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a success criterion, on every machine once published.")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.criterion, name: "criterion", console: console) }
}

struct RemoveWhy: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a why (the whys answering it start their own chain).")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.why, name: "why", console: console) }
}

struct RemoveTimelineEntry: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a timeline entry (N: its place in `timeline list`).")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.timeline, name: "timeline entry", console: console) }
}

struct RemoveSection: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a free section (N: its place in `section list`).")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.section, name: "section", console: console) }
}

struct RemoveLesson: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a lesson learned.")
    @OptionGroup var remove: RemoveOptions
    func run(_ console: Console) throws { try remove.run(.lesson, name: "lesson", console: console) }
}
