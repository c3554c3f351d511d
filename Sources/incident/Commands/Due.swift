import ArgumentParser
import Foundation
import IncidentKit

struct Due: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What is overdue: stakeholder updates and action items of open incidents, tracked follow-ups of any. Exits 1 when anything is.",
        discussion: "For a shell prompt, a tmux status line or cron: incident due >/dev/null || echo 'incident: something is overdue'"
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run(_ console: Console) throws {
        let now = Date()
        // No database yet is nothing overdue (a new team folder).
        let items = try store.hasDatabase() ? try Response(store: store.openForReading()).overdue(at: now) : []
        if json {
            console.say(try IncidentJSON.encodeDue(items.map { ($0.incident.id, $0.what, $0.detail, $0.due, $0.owner) }))
        } else {
            console.say(items.isEmpty ? "Nothing overdue." : items.map { item in
                "\(item.incident.id)  \(item.incident.severity.label)  \(item.what): \(item.detail)" + (item.owner.map { " (owner \($0))" } ?? "")
            }.joined(separator: "\n"))
        }
        if !items.isEmpty { throw ExitCode(1) }
    }
}
