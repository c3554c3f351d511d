import ArgumentParser
import IncidentKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check off action items: incident check 3, incident check INC-2 1 4-6.",
        discussion: "Checking an item that is already done succeeds and says so."
    )

    // The options are spelled out rather than grouped as in `action check`: `check` is the command typed
    // most during an outage, and each option group costs argument-parser a reflection pass on every run.
    @Option(name: .customLong("db"), help: StoreOptions.databaseHelp) var databasePath: String?
    @Option(name: .customLong("as"), help: StoreOptions.actorHelp) var actor: String?
    @Argument(help: ArgumentHelp("[INC-<n>] N… — item numbers; lists (1,2) and ranges (1-3) work.", valueName: "items"))
    var words: [String]
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run() throws {
        let store = StoreOptions(databasePath: databasePath, actor: actor)
        try ToggleOptions.toggle(words, store: store, kind: .action, on: true, style: color.style)
    }
}
