import ArgumentParser
import IncidentKit

struct Check: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check off action items: incident check 3, incident check INC-2 1 4-6.",
        discussion: "Checking an item that is already done succeeds and says so. With no number, lists the open items."
    )

    // The options are spelled out rather than grouped as in `action check`: `check` is the command typed
    // most during an outage, and each option group costs argument-parser a reflection pass on every run.
    @Option(name: .customLong("db"), help: StoreOptions.databaseHelp) var databasePath: String?
    @Option(name: .customLong("as"), help: StoreOptions.actorHelp) var actor: String?
    @Argument(help: ArgumentHelp("[INC-<n>] N… — item numbers; lists (1,2) and ranges (1-3) work.", valueName: "items"))
    var words: [String] = []
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run(_ console: Console) throws {
        let store = StoreOptions(databasePath: databasePath, actor: actor)
        if let reference = try OpenItems.referenceAlone(words) {
            return try OpenItems.list(reference, store: store, command: "check", style: color.style(on: console), console: console)
        }
        try ToggleOptions.toggle(words, store: store, kind: .action, on: true, style: color.style(on: console), console: console)
    }
}

struct Uncheck: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncheck",
        abstract: "Uncheck action items ticked by mistake: incident uncheck 3, incident uncheck INC-2 1 4-6."
    )

    // Spelled out as in `check`.
    @Option(name: .customLong("db"), help: StoreOptions.databaseHelp) var databasePath: String?
    @Option(name: .customLong("as"), help: StoreOptions.actorHelp) var actor: String?
    @Argument(help: ArgumentHelp("[INC-<n>] N… — item numbers; lists (1,2) and ranges (1-3) work.", valueName: "items"))
    var words: [String]
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run(_ console: Console) throws {
        try ToggleOptions.toggle(words, store: StoreOptions(databasePath: databasePath, actor: actor), kind: .action, on: false, style: color.style(on: console), console: console)
    }
}

/// `incident check` without item numbers: what there is to check.
enum OpenItems {
    /// `.some(nil)` for no words (the current incident), `.some(n)` for `INC-n` alone, nil when numbers were given.
    static func referenceAlone(_ words: [String]) throws(IncidentError) -> Int?? {
        if words.isEmpty { return .some(nil) }
        guard words.count == 1, IncidentReference.isPrefixed(words[0]) else { return nil }
        return .some(try IncidentReference.parse(words[0]))
    }

    static func list(_ reference: Int?, store options: StoreOptions, command: String, style: TextStyle, console: Console) throws {
        let store = try options.openForReading()
        let number = try store.resolve(reference)
        let (open, total) = try Checklist(store: store).openActions(of: number)
        let id = IncidentReference.format(number)
        guard let first = open.first else {
            return console.say(total == 0 ? "\(id) has no action items. `incident action add TEXT` adds one."
                : "All \(IncidentText.count(total, "action item")) of \(id) are done.")
        }
        console.say(style.heading("Open action items of \(id):"))
        console.say(IncidentText.actions(open, style: style))
        console.say("Check one off with `incident \(command) \(first.number)` (lists and ranges work: 1,3 5-7).")
    }
}
