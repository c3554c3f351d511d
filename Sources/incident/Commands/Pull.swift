import ArgumentParser
import Foundation
import IncidentKit

struct Pull: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Apply the boxes ticked on the incident's GitHub issue since the last sync (with gh).",
        discussion: "Items changed both here and there are reported and left as they are here. A closed issue is reported; --close closes the incident too."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "Close the incident here when its issue is closed on GitHub.") var close = false

    func run() throws {
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        let pulled = try publisher.pull(number)
        for line in Pull.report(pulled, incident: number) { say(line) }
        if pulled.isClosedOnGitHub, close, try store.incident(number).status.isOpen {
            _ = try store.close(number, at: Date(), resolution: nil)
            say("Closed \(IncidentReference.format(number)) here too.")
        }
    }

    /// One line per change, conflict and unknown line, then a summary.
    static func report(_ pulled: IssuePublisher.Pulled, incident number: Int) -> [String] {
        var lines = pulled.applied.map { change in
            "From GitHub: \(change.kind == .action ? (change.done ? "checked" : "unchecked") : (change.done ? "met" : "unmet")) \(change.kind.rawValue) \(change.number): \(change.text)"
        }
        lines += pulled.conflicts.map { conflict in
            "Conflict, left as it is here: \(conflict.kind.rawValue) \(conflict.number) is \(conflict.localDone ? "done" : "open") here and \(conflict.fileDone ? "done" : "open") on GitHub: \(conflict.text)"
        }
        lines += pulled.notHere.map { "Not in this record: \"\($0.text)\" (line \($0.line))" }
        let id = IncidentReference.format(number)
        lines.append(pulled.applied.isEmpty && pulled.conflicts.isEmpty
            ? "\(id) is up to date with \(pulled.link.reference)."
            : "Pulled \(pulled.link.reference) into \(id): \(pulled.applied.count) applied, \(pulled.conflicts.count) conflict(s).")
        if pulled.isClosedOnGitHub { lines.append("\(pulled.link.reference) is closed on GitHub; `incident pull --close` closes \(id) too.") }
        return lines
    }
}
