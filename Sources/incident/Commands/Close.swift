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
    @OptionGroup var rendering: RenderOptions
    @Flag(help: "Also close the incident's GitHub issue, after a final publish (with gh).") var closeIssue = false

    func run() throws {
        let resolution = try TextRules.optionalBlock(resolution, field: "resolution")
        let at = try parseTime(at)
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        if closeIssue, try store.incident(number).github == nil { throw IncidentError.notPublished(number) }
        // The body is rendered once first, so templates that can't render stop the command before anything closes.
        let renderer = closeIssue ? try rendering.renderer(databasePath: store.path ?? "") : nil
        if let renderer { _ = try renderer.issueBody(store.incident(number)) }
        let outcome = try store.close(number, at: at, resolution: resolution, force: force)
        let id = outcome.incident.id
        if outcome.wasForced {
            say("Force-closed \(id) with \(outcome.openWorkDescription); recorded as forced.")
        } else {
            say("Closed \(id) at \(TimeFormat.local(at)).")
        }
        guard let renderer else { return }
        let publisher = IssuePublisher(store: store, renderer: renderer)
        let published = try publisher.publish(number, repo: nil, force: false)
        _ = try publisher.closeIssue(number)
        say("Published the final record to \(published.link.reference) and closed the issue: \(published.link.url)")
    }
}
