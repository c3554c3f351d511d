import ArgumentParser
import IncidentKit

struct Publish: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Create the incident's GitHub issue, or merge the issue's copy of the record and push the merge (with gh).",
        discussion: """
            Refused for a public repository unless --public-repo (asked of GitHub once per repository, then remembered). \
            The first time: creates missing labels, then the issue with the rendered title, body, labels and @login \
            assignees, and links it. Later: reads the issue, merges what other machines published (items added anywhere \
            come in; of two changes to one field the later wins; removals travel), pushes the merged record and reads it \
            back, merging again if another responder wrote meanwhile. Task lines typed on GitHub by hand stop it unless \
            --force drops them.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: ArgumentHelp("The repository, the first time (default: the one gh resolves here).", valueName: "owner/name"))
    var repo: String?
    @OptionGroup var publishing: PublishingOptions
    @Flag(help: "Print the gh commands and the body without running them.") var dryRun = false
    @Flag(help: "Push even when the issue has task lines no incident wrote (they are dropped).")
    var force = false

    func run(_ console: Console) throws {
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        if dryRun { return console.say(try publisher.dryRun(number, repo: repo)) }
        let result = try publisher.publish(number, repo: repo, force: force, allowingPublic: publishing.publicRepo)
        let id = IncidentReference.format(number)
        if result.created {
            console.say(result.link.url)
            var parts = ["Published \(id) as \(result.link.reference) with \(result.taskLines) task lines"]
            if !result.labelsCreated.isEmpty { parts.append("labels created: \(result.labelsCreated.joined(separator: ", "))") }
            parts.append(result.assignees.isEmpty ? "no @login assignees" : "assigned: \(result.assignees.joined(separator: ", "))")
            if result.foldedTimelineEntries > 0 { parts.append("\(result.foldedTimelineEntries) oldest timeline entries folded out of the body (GitHub's 65,536-character limit; every record keeps them)") }
            console.say(parts.joined(separator: "; ") + ".")
            return Self.sayFollowUps(result, console: console)
        }
        console.say(result.link.url)
        for line in Pull.lines(result.merge) { console.say(line) }
        var line = result.pushed ? "Published \(id) to \(result.link.reference): \(result.taskLines) task lines"
            : "\(result.link.reference) already holds everything in \(id); nothing to push"
        if result.passes > 1 { line += ", merged \(result.passes) times (another publisher wrote meanwhile)" }
        console.say(line + ".")
        if result.foldedTimelineEntries > 0 {
            console.say("The body is at GitHub's 65,536-character limit: the \(result.foldedTimelineEntries) oldest timeline entries are folded out of its Markdown (a note there says so); every record keeps them.")
        }
        Self.sayFollowUps(result, console: console)
    }

    /// The tracked follow-up issues the publish closed or reopened.
    static func sayFollowUps(_ result: IssuePublisher.Published, console: Console) {
        for line in result.followUps { console.say("Follow-up: \(line).") }
    }
}
