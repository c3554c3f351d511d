import ArgumentParser
import Foundation
import IncidentKit

struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "The follow-up list: action items across all incidents, with incident, horizon, owner and due time.",
        discussion: "Example: incident actions --open --owner infra"
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Only the ones not done.") var open = false
    @Option(help: "Only this owner's.") var owner: String?
    @Flag(help: "Only the ones past their due time (and not done).") var overdue = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        let now = Date()
        let items = FileManager.default.fileExists(atPath: DatabaseLocation.resolve(explicit: store.databasePath))
            ? try store.openForReading().followUps(openOnly: open, owner: owner, overdueAt: overdue ? now : nil, withTitles: json) : []
        if json { return say(try IncidentJSON.encodeFollowUps(items)) }
        guard !items.isEmpty else { return say(open || overdue ? "No open follow-ups." : "No action items.") }
        let style = output.style
        // One string appended to in place: a line built by interpolation and joined at the end made a dozen
        // intermediate strings per item, 300M instructions for the 14,000 open items of 100,000 incidents.
        var text = ""
        text.reserveCapacity(items.count * 120)
        for item in items {
            if !text.isEmpty { text += "\n" }
            append(item.incidentID, width: 8, to: &text)
            append(item.horizon.rawValue, width: 11, to: &text)
            text += style.box(item.isDone)
            text += " "
            append(String(item.number), width: 3, to: &text)
            text += item.text
            text += "  ("
            text += item.owner.map { "owner " + $0 } ?? "no owner"
            if let due = item.due {
                text += ", "
                let when = "due " + TimeFormat.local(due)
                text += !item.isDone && due < now ? style.overdue(when + " (overdue)") : when
            }
            text += ")"
        }
        output.page(text)
    }

    /// `value` (ASCII) padded with spaces to `width`, then the space between columns.
    private func append(_ value: String, width: Int, to text: inout String) {
        text += value
        text += String(repeating: " ", count: max(0, width - value.utf8.count) + 1)
    }
}
