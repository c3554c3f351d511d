import ArgumentParser
import Foundation
import IncidentKit

struct Stats: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "How fast do we recover? Incidents by severity and status, response times (median, p90, count), open follow-ups.",
        discussion: """
            Time to detect: impact started → detected; acknowledge: detected → acknowledged; mitigate and resolve: from \
            the start of impact (its entry, else detection or declaration). Each figure says how many incidents it rests on. \
            --svg draws incidents per week by severity and the time-to-resolve trend.
            """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only incidents declared since (same forms as --at, or a date: 2025-01-01).") var since: String?
    @Option(help: "Only this severity.") var severity: Severity?
    @Option(help: ArgumentHelp("Only incidents of this type (e.g. security).", valueName: "type")) var type: String?
    @Option(help: "Also break the counts and response times down by the year incidents were declared in (your zone), or by their type.")
    var by: StatsFilter.Grouping?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also draw the history as an SVG picture.", valueName: "file")) var svg: String?
    @Flag(name: .customLong("force"), help: "Overwrite the --svg file if it exists.") var overwrite = false
    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let filter = try StatsFilter(since: since, severity: severity, type: type)
        let history = History(store: try store.hasDatabase() ? store.openForReading() : nil)
        let facts = try history.stats(filter, by: by, perIncident: svg != nil, now: Date())
        if let svg {
            try OutputFile.write(StatsChart.svg(facts, title: filter.title), to: svg, database: DatabaseLocation.resolve(explicit: store.databasePath),
                                 overwrite: overwrite)
        }
        if json { return console.say(try IncidentJSON.encodeStats(facts, facts.stats)) }
        console.say(IncidentText.stats(facts, facts.stats, style: output.style(on: console)) + (svg.map { "\n\nWrote \($0)." } ?? ""))
    }
}

extension StatsFilter.Grouping: ExpressibleByArgument {}
