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
    var by: StatsGrouping?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also draw the history as an SVG picture.", valueName: "file")) var svg: String?
    @Flag(name: .customLong("force"), help: "Overwrite the --svg file if it exists.") var overwrite = false
    @OptionGroup var output: OutputOptions

    func run(_ console: Console) throws {
        let now = Date()
        let type = try type.map { text throws(IncidentError) in try IncidentType(parsing: text) }
        let since = try since.map { text throws(IncidentError) in try TimeExpression.parse(text.count == 10 ? text + " 00:00 UTC" : text) }
        let facts = try store.hasDatabase()
            ? try store.openForReading().history(since: since, severity: severity, type: type, now: now, perIncident: svg != nil,
                                                 byYear: by == .year, byType: by == .type) : HistoryFacts()
        let stats = facts.stats
        if let svg {
            let picture = StatsChart.svg(facts, title: "Incidents" + (severity.map { " (\($0.label))" } ?? "") + (type.map { " of type \($0)" } ?? "") + (since.map { " since \(TimeFormat.utc($0).prefix(10))" } ?? ""))
            try OutputFile.write(picture, to: svg, database: DatabaseLocation.resolve(explicit: store.databasePath), overwrite: overwrite)
        }
        if json { return console.say(try IncidentJSON.encodeStats(facts, stats)) }
        console.say(IncidentText.stats(facts, stats, style: output.style(on: console)) + (svg.map { "\n\nWrote \($0)." } ?? ""))
    }
}

/// How `stats --by` breaks the figures down.
enum StatsGrouping: String, ExpressibleByArgument, CaseIterable {
    case year, type
}
