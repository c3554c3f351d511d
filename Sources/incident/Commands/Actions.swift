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
            ? try store.openForReading().followUps(openOnly: open, owner: owner, overdueAt: overdue ? now : nil) : []
        if json { return say(try IncidentJSON.encodeFollowUps(items.map { ($0.incident.id, $0.incident.title, $0.action) })) }
        guard !items.isEmpty else { return say(open || overdue ? "No open follow-ups." : "No action items.") }
        let style = output.style
        output.page(items.map { item in
            let action = item.action
            var extras = [action.owner.map { "owner \($0)" } ?? "no owner"]
            if let due = action.due {
                let text = "due \(TimeFormat.local(due))"
                extras.append(!action.isDone && due < now ? style.overdue(text + " (overdue)") : text)
            }
            return pad(item.incident.id, 8) + " " + pad(action.horizon.rawValue, 11) + " " + style.box(action.isDone) + " "
                + pad(String(action.number), 3) + " " + action.text + "  (" + extras.joined(separator: ", ") + ")"
        }.joined(separator: "\n"))
    }

    /// Left-aligned in `width` columns (Foundation's `padding(toLength:)` bridges through NSString on every call).
    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
