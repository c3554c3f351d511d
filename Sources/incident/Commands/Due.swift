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
        let items = try overdue(at: now)
        if json {
            console.say(try IncidentJSON.encodeDue(items.map { ($0.incident.id, $0.what, $0.detail, $0.due, $0.owner) }))
        } else {
            console.say(items.isEmpty ? "Nothing overdue." : items.map { item in
                "\(item.incident.id)  \(item.incident.severity.label)  \(item.what): \(item.detail)" + (item.owner.map { " (owner \($0))" } ?? "")
            }.joined(separator: "\n"))
        }
        if !items.isEmpty { throw ExitCode(1) }
    }

    /// Overdue updates and action items of the open incidents; none when there is no database yet.
    private func overdue(at now: Date) throws -> [DueItem] {
        guard try store.hasDatabase() else { return [] }
        var items: [DueItem] = []
        let store = try store.openForReading()
        let open = try store.incidents()
        for incident in open {
                if let cadence = try store.cadence(of: incident), cadence.isOverdue(at: now) {
                    items.append(DueItem(incident: incident, what: "update", detail: cadence.describe(at: now), due: cadence.due, owner: nil))
                }
                for action in incident.actions where !action.isDone {
                    guard let due = action.due, due < now else { continue }
                    items.append(DueItem(incident: incident, what: "action \(action.number)" + (action.tracked.map { " (\($0.reference))" } ?? ""),
                                         detail: "overdue by \(TimeFormat.duration(now.timeIntervalSince(due))): \(action.text)", due: due, owner: action.owner))
                }
        }
        // Tracked follow-ups outlive their incident: those of ended incidents count too.
        let listed = Set(open.map(\.number))
        var ended: [Int: Incident] = [:]
        for item in try store.followUps(openOnly: true, owner: nil, overdueAt: now, withTitles: false) {
            guard let issue = item.tracked, let due = item.due, !listed.contains(item.incidentNumber) else { continue }
            if ended[item.incidentNumber] == nil { ended[item.incidentNumber] = try store.incident(item.incidentNumber) }
            guard let incident = ended[item.incidentNumber] else { continue }
            items.append(DueItem(incident: incident, what: "follow-up \(issue.reference) (action \(item.number))",
                                 detail: "overdue by \(TimeFormat.duration(now.timeIntervalSince(due))): \(item.text)", due: due, owner: item.owner))
        }
        return items
    }

    private struct DueItem {
        var incident: Incident, what: String, detail: String, due: Date, owner: String?
    }
}
