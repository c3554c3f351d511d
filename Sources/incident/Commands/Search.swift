import ArgumentParser
import Foundation
import IncidentKit

struct Search: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Have we seen this before? Full-text search over every incident, best match first.",
        discussion: """
            Titles, summaries, impact, root causes, resolutions, whys, timelines, actions with their details, criteria and \
            sections; stemmed, so "failing" finds "fails". FTS5 syntax works ("exact phrase", conn*, OR, NEAR); a query \
            that isn't valid FTS5 is read as plain words. Example: incident search vpc connector timeout
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "What to look for.") var words: [String]
    @Option(help: "How many results.") var limit = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run(_ console: Console) throws {
        let query = words.joined(separator: " ")
        let found = try History(store: store.hasDatabase() ? store.openForReading() : nil).search(query, limit: limit)
        if found.notSearched > 0 {
            console.warn("the newest text of \(found.notSearched) incident\(found.notSearched == 1 ? "" : "s") is not searched: the search index can't be brought up to date in a file this user can't write.")
        }
        if json { return console.say(try IncidentJSON.encodeSearch(found.hits)) }
        guard !found.hits.isEmpty else { return console.say("No incident mentions \(query).") }
        console.say(IncidentText.searchHits(found.hits, style: output.style(on: console)))
    }
}
