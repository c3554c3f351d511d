import ArgumentParser
import IncidentKit

struct Reopen: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Move an incident back to an earlier status (default: investigating).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: "The status to go back to.") var status: Status = .investigating
    @Option(parsing: .unconditional, help: "Why it is reopened (goes into the timeline).") var note: String?
    @Option(parsing: .unconditional, help: "When (default: now).") var at: String?
    @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false

    func run(_ console: Console) throws {
        let at = try parseTime(at, future: future, console: console)
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        try Response(store: store).reopen(number, to: status, at: at, note: note)
        console.say("Reopened \(IncidentReference.format(number)); it is now \(status.rawValue).")
    }
}
