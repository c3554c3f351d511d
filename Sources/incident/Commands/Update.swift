import ArgumentParser
import Foundation
import IncidentKit

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Print a checklist update comment: progress, items checked since the last update, what is still open.",
        discussion: """
            Records the update so the next one reports only what changed since; --dry-run records nothing.
            Post it with: incident update | gh issue comment NUMBER --body-file -
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
    @OptionGroup var publishing: PublishingOptions

    func validate() throws {
        if post, dryRun { throw ValidationError("--post and --dry-run don't go together.") }
        if post, output != nil { throw ValidationError("--post and --output don't go together.") }
    }

    func run() throws {
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let incident = try store.incident(number)
        let now = Date()
        let text = try rendering.renderer(databasePath: store.path ?? "")
            .update(incident, since: store.lastUpdate(of: number), at: now)
        if post {
            let renderer = try rendering.renderer(databasePath: store.path ?? "")
            let url = try IssuePublisher(store: store, renderer: renderer).comment(number, text, allowingPublic: publishing.publicRepo)
            try store.recordUpdate(ChecklistSnapshot(of: incident, at: now), for: number, postedTo: incident.github?.reference ?? "the issue")
            return say("Posted the update to \(incident.github?.reference ?? "the issue"): \(url)")
        }
        try emitDocument(text, to: output, overwrite: overwrite, database: store.path)
        if !dryRun { try store.recordUpdate(ChecklistSnapshot(of: incident, at: now), for: number) }
    }
}
