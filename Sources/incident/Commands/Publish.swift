import ArgumentParser
import IncidentKit

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Create the incident's GitHub issue, or merge its body and push a fresh render (with gh).",
        discussion: """
            Refused for a public repository unless --public-repo (asked of GitHub once per repository, then remembered). \
            The first time: creates missing labels, then the issue with the rendered title, body, labels and @login \
            assignees, and links it. Later: reads the issue, applies the boxes ticked there since the last sync, \
            pushes the merged render and reads it back, merging again if another responder wrote meanwhile. An item \
            changed on both sides stops the publish (nothing is pushed) unless --force keeps this side.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Option(help: ArgumentHelp("The repository, the first time (default: the one gh resolves here).", valueName: "owner/name"))
    var repo: String?
    @OptionGroup var publishing: PublishingOptions
    @Flag(help: "Print the gh commands and the body without running them.") var dryRun = false
    @Flag(help: "Push even when items changed on both sides (this side wins) or the issue has lines this record lacks.")
    var force = false

    func run() throws {
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        if dryRun { return say(try publisher.dryRun(number, repo: repo)) }
        let result = try publisher.publish(number, repo: repo, force: force, allowingPublic: publishing.publicRepo)
        let id = IncidentReference.format(number)
        if result.created {
            say(result.link.url)
            var parts = ["Published \(id) as \(result.link.reference) with \(result.taskLines) task lines"]
            if !result.labelsCreated.isEmpty { parts.append("labels created: \(result.labelsCreated.joined(separator: ", "))") }
            parts.append(result.assignees.isEmpty ? "no @login assignees" : "assigned: \(result.assignees.joined(separator: ", "))")
            return say(parts.joined(separator: "; ") + ".")
        }
        say(result.link.url)
        for change in result.fromGitHub {
            say("From GitHub: \(change.done ? (change.kind == .action ? "checked" : "met") : (change.kind == .action ? "unchecked" : "unmet")) \(change.kind.rawValue) \(change.number): \(change.text)")
        }
        for conflict in result.overridden {
            say("Kept this side (--force): \(conflict.kind.rawValue) \(conflict.number) is \(conflict.localDone ? "done" : "open") here, was \(conflict.fileDone ? "done" : "open") on GitHub: \(conflict.text)")
        }
        var line = "Published \(id) to \(result.link.reference): \(result.taskLines) task lines"
        if result.passes > 1 { line += ", merged \(result.passes) times (the issue changed while publishing)" }
        say(line + ".")
        if !result.settled { say("The issue changed again after the last push; run `incident publish` again to merge it.") }
    }
}
