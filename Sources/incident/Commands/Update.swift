import ArgumentParser
import Foundation
import IncidentKit

struct Update: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Print a checklist update comment: progress, items checked since the last update, what is still open.",
        discussion: """
            Records the update so the next one reports only what changed since; --dry-run records nothing.
            Post it with: incident update | gh issue comment NUMBER --body-file -
            --public "TEXT" records a message for the status page instead, with the incident's public state.
            --post and --public also send a notice to the webhooks (`incident notify add`).
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(name: .customLong("force"), help: "Overwrite the --output file if it exists.") var overwrite = false
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "Print the update without recording it.") var dryRun = false
    @Flag(help: "Post it as a comment on the incident's GitHub issue (with gh); recorded only when the comment is posted.")
    var post = false
    @Option(name: .customLong("public"), parsing: .unconditional,
            help: ArgumentHelp("Record this message for the public status page (the incident must be shown there).", valueName: "text"))
    var publicText: String?
    @OptionGroup var publishing: PublishingOptions

    func validate() throws {
        if post, dryRun { throw ValidationError("--post and --dry-run don't go together.") }
        if post, output != nil { throw ValidationError("--post and --output don't go together.") }
        if publicText != nil, post || output != nil {
            throw ValidationError("--public records a status-page message; give it without --post and --output.")
        }
    }

    func run(_ console: Console) throws {
        if let publicText { return try postPublic(publicText, console: console) }
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let now = Date()
        let checklist = Checklist(store: store)
        let renderer = try rendering.renderer(databasePath: store.path ?? "")
        let update = try checklist.prepareUpdate(of: number, with: renderer, at: now)
        let (text, incident) = (update.text, update.incident)
        if post {
            let url = try IssuePublisher(store: store, renderer: renderer).comment(number, text, allowingPublic: publishing.publicRepo)
            try checklist.record(update, postedTo: incident.github?.reference ?? "the issue")
            console.say("Posted the update to \(incident.github?.reference ?? "the issue"): \(url)")
            return report(try Notifier(store: store).announce(checklistUpdate: text, of: incident, at: now), console: console)
        }
        try emitDocument(text, to: output, overwrite: overwrite, database: store.path, console: console)
        if !dryRun { try checklist.record(update) }
    }

    /// `--public TEXT`: a message for the status page, sent to the webhooks too.
    private func postPublic(_ text: String, console: Console) throws {
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let response = Response(store: store)
        if dryRun {
            let update = try response.previewPublicUpdate(text, of: number, at: Date())
            return console.say("Would record on the status page (\(update.status.rawValue)): \(update.text)")
        }
        let (update, delivery) = try response.postPublicUpdate(text, to: number, at: Date())
        console.say("Recorded a public update on \(IncidentReference.format(number)) (\(update.status.rawValue)); `incident statuspage build DIR` publishes it.")
        report(delivery, console: console)
    }
}
