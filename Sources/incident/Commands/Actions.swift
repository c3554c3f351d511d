import ArgumentParser
import Foundation
import IncidentKit

struct Actions: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "The follow-up list: action items across all incidents, with incident, horizon, owner and due time.",
        discussion: """
            A tracked action (incident action track) shows its GitHub issue and that issue's state as last seen here;             --refresh reads them all first (one gh call per repository) and ticks or unticks what was closed or reopened there.             Example: incident actions --open --owner infra
            """
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Only the ones not done.") var open = false
    @Option(help: "Only this owner's.") var owner: String?
    @Flag(help: "Only the ones past their due time (and not done).") var overdue = false
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "First read the state of every tracked follow-up's GitHub issue (with gh) and apply what changed there.")
    var refresh = false
    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let now = Date()
        if refresh, try store.hasDatabase() {
            let store = try store.openForWriting()
            let publisher = IssuePublisher(store: store, renderer: IncidentRenderer(templates: try TemplateSet()))
            let refreshed = try publisher.refreshFollowUps()
            for (incident, lines) in refreshed.ticks {
                // With --json on standard error, so standard output stays one JSON document.
                for line in lines { (json ? console.warn : console.say)("From GitHub: \(IncidentReference.format(incident)) \(line)") }
            }
        }
        let items = try store.hasDatabase()
            ? try store.openForReading().followUps(openOnly: open, owner: owner, overdueAt: overdue ? now : nil, withTitles: json) : []
        if json { return console.say(try IncidentJSON.encodeFollowUps(items)) }
        guard !items.isEmpty else { return console.say(open || overdue ? "No open follow-ups." : "No action items.") }
        let style = output.style(on: console)
        // Bytes appended to one buffer, made a string once: a line built by interpolation and joined at the end makes a
        // dozen intermediate strings per item, and appending to a growing String checks it each time, which dominates
        // a follow-up list of thousands of items.
        var text: [UInt8] = []
        text.reserveCapacity(items.count * 120)
        for item in items {
            if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
            append(item.incidentID, width: 8, to: &text)
            append(item.horizon.rawValue, width: 11, to: &text)
            append(style.box(item.isDone), width: 0, to: &text)
            append(String(item.number), width: 3, to: &text)
            text += item.text.utf8
            text += "  (".utf8
            text += item.owner.map { "owner " + $0 }?.utf8 ?? "no owner".utf8
            if let due = item.due {
                let when = "due " + TimeFormat.local(due)
                text += ", ".utf8
                text += (!item.isDone && due < now ? style.overdue(when + " (overdue)") : when).utf8
            }
            if let issue = item.tracked {
                text += ", ".utf8
                text += issue.reference.utf8
                text += " \(item.trackedState ?? "state not read yet")".utf8
            }
            text.append(UInt8(ascii: ")"))
        }
        output.page(String(decoding: text, as: UTF8.self), on: console)
    }

    /// `value` (ASCII) padded with spaces to `width`, then the space between columns.
    private func append(_ value: String, width: Int, to text: inout [UInt8]) {
        text += value.utf8
        text += repeatElement(UInt8(ascii: " "), count: max(0, width - value.utf8.count) + 1)
    }
}
