import ArgumentParser
import Foundation
import IncidentKit

struct Pull: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Merge what others published to the incident's GitHub issue into the record here (with gh).",
        discussion: """
            Items added anywhere come in; of two changes to one field, the later wins; removals made with `remove` \
            travel. Changes made here stay here until `incident publish`. Numbers that moved are named. A closed \
            issue is reported; --close closes the incident too.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var rendering: RenderOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "Close the incident here when its issue is closed on GitHub.") var close = false

    func run(_ console: Console) throws {
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let publisher = IssuePublisher(store: store, renderer: try rendering.renderer(databasePath: store.path ?? ""))
        let pulled = try publisher.pull(number, closingWhenClosed: close)
        for line in Pull.report(pulled, incident: number) { console.say(line) }
        if let refusal = pulled.closeRefusal { throw refusal }
        if pulled.closedHere { console.say("Closed \(IncidentReference.format(number)) here too.") }
    }

    /// What came in, what moved, what both sides changed, and lines no incident wrote.
    static func lines(_ merge: IssuePublisher.MergeReport) -> [String] {
        var lines = merge.ticks.map { "From GitHub: \($0)" }
        if !merge.arrived.isEmpty { lines.append("From GitHub: \(merge.arrived.joined(separator: ", ")).") }
        lines += merge.renumbered.map { $0.hasSuffix("on another machine") ? "From GitHub: \($0)." : "Renumbered: \($0) (the number shown before names another item now)." }
        lines += merge.conflicts.map { "Changed on both sides: \($0)." }
        lines += merge.notHere.map { "Not in this record: \"\($0.text)\" (line \($0.line)), typed on GitHub; add it here with `incident action add`." }
        return lines
    }

    /// The merge's lines, then a summary.
    static func report(_ pulled: IssuePublisher.Pulled, incident number: Int) -> [String] {
        var lines = lines(pulled.merge)
        let id = IncidentReference.format(number)
        lines.append(pulled.merge.arrived.isEmpty && pulled.merge.ticks.isEmpty && pulled.merge.renumbered.isEmpty
            ? "\(id) is up to date with \(pulled.link.reference)."
            : "Pulled \(pulled.link.reference) into \(id).")
        if pulled.isClosedOnGitHub { lines.append("\(pulled.link.reference) is closed on GitHub; `incident pull --close` closes \(id) too.") }
        return lines
    }
}
