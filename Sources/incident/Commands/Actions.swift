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
        let items = try History(store: store.hasDatabase() ? store.openForReading() : nil)
            .followUps(openOnly: open, owner: owner, overdueAt: overdue ? now : nil, withTitles: json)
        if json { return console.say(try IncidentJSON.encodeFollowUps(items)) }
        guard !items.isEmpty else { return console.say(open || overdue ? "No open follow-ups." : "No action items.") }
        output.page(IncidentText.followUps(items, now: now, style: output.style(on: console)), on: console)
    }
}
