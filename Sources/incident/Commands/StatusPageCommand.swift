import ArgumentParser
import Foundation
import IncidentKit

struct StatusPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statuspage",
        abstract: "Build the public status page from the incidents shown on it (`incident set --public`).",
        subcommands: [Build.self]
    )

    struct Build: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Write the static status page: index.html, a page per incident, status.json and feed.xml.",
            discussion: """
                Plain HTML and CSS that work from file:// and from GitHub Pages. Components, title and the state each \
                severity gives a component come from status-page.yml beside the database (docs/status-page.md). \
                Building again with nothing changed writes the same bytes. Example: incident statuspage build site --cstate ../cstate
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var rendering: RenderOptions
        @Argument(help: ArgumentHelp("The folder to write the site into (created if missing).", valueName: "dir")) var folder: String
        @Option(help: ArgumentHelp("Also write cState's content/issues/*.md into this cState site.", valueName: "dir")) var cstate: String?
        @Option(help: ArgumentHelp("The settings file (default: status-page.yml beside the database).", valueName: "file")) var config: String?
        @Option(parsing: .unconditional, help: "The day the 90-day history ends on (default: today, UTC).") var at: String?

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let templates = try rendering.renderer(databasePath: store.path ?? "").templates
            let built = try StatusSite(store: store).build(into: folder, cState: cstate, config: config, templates: templates,
                                                           at: try parseTime(at, future: true, console: console))
            console.say("Status page in \(folder): \(built.shown) incidents, \(describe(built.site)).")
            if let (issues, outcome) = built.cState { console.say("cState issues in \(issues): \(describe(outcome)).") }
        }

        private func describe(_ outcome: SiteFolder.Outcome) -> String {
            "\(outcome.written.count) written, \(outcome.unchanged.count) unchanged, \(outcome.removed.count) removed"
        }
    }
}
