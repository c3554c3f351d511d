import ArgumentParser
import IncidentKit

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Record and read what happened when.",
        subcommands: [Add.self, RemoveTimelineEntry.self, ListItems.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a timeline entry.",
            discussion: "Example: incident timeline add \"E2E tests fail\" --kind detected --at \"2025-09-15 19:17 PST\""
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] TEXT", valueName: "ref-and-text")) var words: [String]
        @Option(parsing: .unconditional, help: "When (default: now): ISO 8601, \"2025-09-15 19:17 PST\", 19:17 or -15m.") var at: String?
        @Option(help: "What the entry marks: a milestone, or a note.") var kind: TimelineKind = .note
        @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false

        func run(_ console: Console) throws {
            let (reference, text) = try Arguments.referenceAndText(words, what: "timeline text")
            let at = try parseTime(at, future: future, console: console)
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let entry = try Response(store: store).addTimelineEntry(text, kind: kind, at: at, to: number)
            console.say(IncidentText.added("\(entry.kind.rawValue) at \(TimeFormat.local(entry.at))", nil, to: number, text: entry.text))
        }
    }

    struct ListItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the timeline in time order, in your zone (TZ).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
        @Flag(help: "Print JSON (the objects of show --json).") var json = false

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let incident = try store.incident(store.resolve(Arguments.reference(reference)))
            console.say(json ? try IncidentJSON.encodeItems(of: incident, "timeline") : IncidentText.timeline(incident.timeline))
        }
    }
}
