import ArgumentParser
import IncidentKit

/// `incident action track`: follow-ups as GitHub issues of their own.
struct TrackActions: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Make actions GitHub issues of their own (with gh), so their state comes back as their box.",
        discussion: """
            One issue per action: its text as title, its details, owner and due time and a link back to the incident's \
            issue in the body, the labels follow-up and the severity (created when missing), the owner assigned when it \
            is an @login. The issue's link is kept on the action and shown beside it. An action tracked before is left \
            alone. `incident pull` (or `incident actions --refresh`) ticks an action whose issue was closed and unticks one \
            reopened; `incident publish` closes the issue of an action ticked here and reopens it when unticked. \
            Example: incident action track 4 5, or incident action track --all-open
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: ArgumentHelp("[INC-<n>] N… — action numbers; lists (1,2) and ranges (1-3) work.", valueName: "items"))
    var words: [String] = []
    @Flag(help: "Every open medium- and long-term action not tracked yet.") var allOpen = false
    @Option(help: ArgumentHelp("The repository for the issues (default: the incident's issue's, else the one gh resolves here).", valueName: "owner/name"))
    var repo: String?
    @OptionGroup var publishing: PublishingOptions

    func run(_ console: Console) throws {
        let reference: Int?, numbers: [Int]?
        if allOpen {
            guard words.count <= 1 else { throw ValidationError("--all-open takes no action numbers; name the incident alone (INC-<n>) or leave it out.") }
            (reference, numbers) = (try Arguments.reference(words.first), nil)
        } else {
            guard !words.isEmpty else { throw ValidationError("Name the actions to track (incident action track 4 5), or pass --all-open.") }
            let parsed = try Arguments.referenceAndNumbers(words)
            (reference, numbers) = (parsed.0, parsed.1)
        }
        let store = try store.openForWriting()
        let number = try store.resolve(reference)
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        let tracked = try publisher.track(number, actions: numbers, repo: repo, allowingPublic: publishing.publicRepo)
        let id = IncidentReference.format(number)
        for item in tracked.created {
            console.say("Tracked action \(item.action) of \(id) as \(item.issue.reference): \(item.text)")
            console.say("  \(item.issue.url)")
        }
        for item in tracked.already { console.say("Action \(item.action) is already tracked as \(item.issue.reference); nothing changed.") }
        if !tracked.labelsCreated.isEmpty { console.say("Labels created: \(tracked.labelsCreated.joined(separator: ", ")).") }
        if tracked.created.isEmpty, tracked.already.isEmpty {
            console.say("No open medium- or long-term actions in \(id) to track; name one (incident action track N) to track it anyway.")
        }
    }
}
