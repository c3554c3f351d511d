import ArgumentParser
import Foundation
import IncidentKit

struct StatusCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Move an incident forward: investigating → identified → mitigated → monitoring → resolved, or cancelled.",
        discussion: "Skipping forward is allowed; `incident reopen` moves backwards and `incident close` closes."
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("[INC-<n>] STATUS — one of: identified, mitigated, monitoring, resolved, cancelled (or investigating).", valueName: "ref-and-status")) var words: [String]

    @Option(parsing: .unconditional, help: "When it happened (default: now); milestones must stay in order.") var at: String?

    @Option(parsing: .unconditional, help: "A note for the timeline entry.") var note: String?

    @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false

    func validate() throws {
        // A bad status is a usage error (exit 64), found before anything is opened.
        do {
            _ = try Status(parsing: Arguments.referenceAndText(words, what: "status").1)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run(_ console: Console) throws {
        let (reference, statusText) = try Arguments.referenceAndText(words, what: "status")
        let status = try Status(parsing: statusText)
        let at = try parseTime(at, future: future, console: console)
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let change = try Response(store: store).move(number, to: status, at: at, note: note)
        console.say(change.changed ? "\(IncidentReference.format(number)) is now \(status.rawValue) (as of \(TimeFormat.local(at)))."
            : "\(IncidentReference.format(number)) is already \(status.rawValue); nothing changed.")
        if let link = change.incident.github {
            console.say("Published to \(link.reference), \(IncidentText.publishedWhere(link)).")
            if let pending = change.unpublishedChanges, pending > 0 {
                console.say("\(pending) change\(pending == 1 ? "" : "s") here not yet on \(link.reference): `incident publish` merges and pushes them.")
            }
        }
        if let cadence = change.cadence { console.say("Stakeholder updates: \(cadence.describe(at: Date())).") }
    }
}
