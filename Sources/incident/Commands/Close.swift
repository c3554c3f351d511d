import ArgumentParser
import IncidentKit

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close an incident; refuses while immediate actions are open or immediate criteria unmet.",
        discussion: "--force closes anyway and records in the timeline and log that it was forced."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(parsing: .unconditional, help: "How it was resolved (Markdown).") var resolution: String?
    @Flag(help: "Close even with open immediate work.") var force = false
    @Option(parsing: .unconditional, help: "When it closed (default: now).") var at: String?

    func run() throws {
        let resolution = try TextRules.optionalBlock(resolution, field: "resolution")
        let at = try parseTime(at)
        let store = try store.openForWriting()
        let outcome = try store.close(store.resolve(Arguments.reference(reference)), at: at, resolution: resolution, force: force)
        let id = outcome.incident.id
        if outcome.wasForced {
            say("Force-closed \(id) with \(outcome.openWorkDescription); recorded as forced.")
        } else {
            say("Closed \(id) at \(TimeFormat.local(at)).")
        }
    }
}
