import ArgumentParser
import IncidentKit

/// `action edit [INC-<n>] N …`: fix an item's text, move it to another horizon, set or clear owner, due and details.
struct EditAction: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an action item: its text, horizon, owner, due time or details.",
        discussion: "Empty --owner or --details, or --due none, clears the field. Example: incident action edit 4 --owner infra --due \"2025-09-16 09:00 PST\""
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("[INC-<n>] N — the action's number.", valueName: "item")) var words: [String]
    @Option(parsing: .unconditional, help: "New one-line text.") var text: String?
    @Option(help: "Move it to another horizon.") var horizon: Horizon?
    @Option(parsing: .unconditional, help: "Who owns it (empty clears).") var owner: String?
    @Option(parsing: .unconditional, help: "When it is due (same forms as --at), or none.") var due: String?
    @Option(parsing: .unconditional, help: "Markdown nested under the item (empty clears).") var details: String?

    func run(_ console: Console) throws {
        let (reference, item) = try Arguments.referenceAndItem(words)
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let described = try Checklist(store: store).editAction(item, of: number, text: text, horizon: horizon, owner: owner, due: due,
                                                               details: details)
        console.say(described.isEmpty ? "Action \(item) already reads so; nothing changed." : described.joined(separator: "\n"))
    }
}

/// `criterion edit [INC-<n>] N …`: fix a criterion's text or move it to the other phase.
struct EditCriterion: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a success criterion's text or phase."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("[INC-<n>] N — the criterion's number.", valueName: "item")) var words: [String]
    @Option(parsing: .unconditional, help: "New one-line text.") var text: String?
    @Option(help: "Move it to the other phase.") var phase: Phase?

    func run(_ console: Console) throws {
        let (reference, item) = try Arguments.referenceAndItem(words)
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let described = try Checklist(store: store).editCriterion(item, of: number, text: text, phase: phase)
        console.say(described.isEmpty ? "Criterion \(item) already reads so; nothing changed." : described.joined(separator: "\n"))
    }
}
