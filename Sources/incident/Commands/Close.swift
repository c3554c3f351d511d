import ArgumentParser
import IncidentKit

struct Close: ConsoleCommand {
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
    @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false
    @OptionGroup var rendering: RenderOptions
    @Flag(help: "Also close the incident's GitHub issue, after a final publish (with gh).") var closeIssue = false
    @OptionGroup var publishing: PublishingOptions

    func run(_ console: Console) throws {
        let at = try parseTime(at, future: future, console: console)
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let renderer = closeIssue ? try rendering.renderer(databasePath: store.path ?? "") : nil
        let publisher = renderer.map { IssuePublisher(store: store, renderer: $0) }
        if let publisher, let renderer {
            // Refused before anything changes here: templates that can't render, or a final publish that would push
            // to a public repository. (The publish remembers the visibility with what it records, so a refused close
            // stores nothing.)
            guard let link = try store.incident(number).github else { throw IncidentError.notPublished(number) }
            _ = try renderer.issueBody(store.incident(number))
            _ = try publisher.checkVisibility(of: link.repo, allowingPublic: publishing.publicRepo)
        }
        let outcome = try Response(store: store).close(number, at: at, resolution: resolution, force: force)
        let id = outcome.incident.id
        if outcome.wasForced {
            console.say("Force-closed \(id) with \(outcome.openWorkDescription); recorded as forced.")
        } else {
            console.say("Closed \(id) at \(TimeFormat.local(at)).")
        }
        guard let publisher else { return }
        let published = try publisher.publish(number, repo: nil, force: false, allowingPublic: publishing.publicRepo)
        _ = try publisher.closeIssue(number, allowingPublic: publishing.publicRepo)
        console.say("Published the final record to \(published.link.reference) and closed the issue: \(published.link.url)")
    }
}
