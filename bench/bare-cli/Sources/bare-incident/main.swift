import ArgumentParser

struct Store: ParsableArguments {
    @Option(name: .customLong("db"), help: "The incident database file.") var path: String?
    @Option(name: .customLong("as"), help: "Name recorded in the change log.") var actor: String?
}

/// A leaf like ours: the shared options, positional words, a couple of options and a flag; `run` does nothing.
protocol Leaf: ParsableCommand {}

struct Words: ParsableArguments {
    @OptionGroup var store: Store
    @Argument(help: "[INC-<n>] TEXT") var words: [String] = []
    @Option(help: "A value.") var value: String?
    @Flag(help: "A flag.") var flag = false
}

struct New: Leaf { static let configuration = CommandConfiguration(commandName: "new", abstract: "Declare."); @OptionGroup var w: Words }
struct ListC: Leaf { static let configuration = CommandConfiguration(commandName: "list", abstract: "List.", aliases: ["ls"]); @OptionGroup var w: Words }
struct Show: Leaf { static let configuration = CommandConfiguration(commandName: "show", abstract: "Show."); @OptionGroup var w: Words }
struct Use: Leaf { static let configuration = CommandConfiguration(commandName: "use", abstract: "Use."); @OptionGroup var w: Words }
struct SetC: Leaf { static let configuration = CommandConfiguration(commandName: "set", abstract: "Set."); @OptionGroup var w: Words }
struct Status: Leaf { static let configuration = CommandConfiguration(commandName: "status", abstract: "Status."); @OptionGroup var w: Words }
struct Check: Leaf { static let configuration = CommandConfiguration(commandName: "check", abstract: "Check."); @OptionGroup var w: Words }
struct Close: Leaf { static let configuration = CommandConfiguration(commandName: "close", abstract: "Close."); @OptionGroup var w: Words }
struct Reopen: Leaf { static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen."); @OptionGroup var w: Words }
struct Log: Leaf { static let configuration = CommandConfiguration(commandName: "log", abstract: "Log."); @OptionGroup var w: Words }
struct Render: Leaf { static let configuration = CommandConfiguration(commandName: "render", abstract: "Render."); @OptionGroup var w: Words }
struct Update: Leaf { static let configuration = CommandConfiguration(commandName: "update", abstract: "Update."); @OptionGroup var w: Words }
struct Import: Leaf { static let configuration = CommandConfiguration(commandName: "import", abstract: "Import."); @OptionGroup var w: Words }
struct Sync: Leaf { static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync."); @OptionGroup var w: Words }
struct Export: Leaf { static let configuration = CommandConfiguration(commandName: "export", abstract: "Export."); @OptionGroup var w: Words }
struct Backup: Leaf { static let configuration = CommandConfiguration(commandName: "backup", abstract: "Backup."); @OptionGroup var w: Words }
struct Doctor: Leaf { static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Doctor."); @OptionGroup var w: Words }
struct Add: Leaf { static let configuration = CommandConfiguration(commandName: "add", abstract: "Add."); @OptionGroup var w: Words }
struct ListItems: Leaf { static let configuration = CommandConfiguration(commandName: "list", abstract: "List."); @OptionGroup var w: Words }
struct CheckItems: Leaf { static let configuration = CommandConfiguration(commandName: "check", abstract: "Check."); @OptionGroup var w: Words }
struct UncheckItems: Leaf { static let configuration = CommandConfiguration(commandName: "uncheck", abstract: "Uncheck."); @OptionGroup var w: Words }
struct Edit: Leaf { static let configuration = CommandConfiguration(commandName: "edit", abstract: "Edit."); @OptionGroup var w: Words }
struct Export2: Leaf { static let configuration = CommandConfiguration(commandName: "export", abstract: "Export."); @OptionGroup var w: Words }

struct Why: ParsableCommand { static let configuration = CommandConfiguration(commandName: "why", subcommands: [Add.self, ListItems.self]) }
struct Timeline: ParsableCommand { static let configuration = CommandConfiguration(commandName: "timeline", subcommands: [Add.self, ListItems.self]) }
struct Action: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", subcommands: [Add.self, CheckItems.self, UncheckItems.self, Edit.self, ListItems.self])
}
struct Criterion: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "criterion", subcommands: [Add.self, CheckItems.self, UncheckItems.self, Edit.self, ListItems.self])
}
struct Section: ParsableCommand { static let configuration = CommandConfiguration(commandName: "section", subcommands: [Add.self, ListItems.self]) }
struct Lesson: ParsableCommand { static let configuration = CommandConfiguration(commandName: "lesson", subcommands: [Add.self]) }
struct Templates: ParsableCommand { static let configuration = CommandConfiguration(commandName: "templates", subcommands: [Export2.self]) }

@main
struct BareIncident: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Declare, track and close incidents from the terminal.",
        subcommands: [New.self, ListC.self, Show.self, Use.self, SetC.self, Status.self, Why.self, Timeline.self, Action.self,
                      Check.self, Criterion.self, Section.self, Close.self, Reopen.self, Log.self, Render.self, Update.self,
                      Import.self, Sync.self, Export.self, Lesson.self, Templates.self, Backup.self, Doctor.self]
    )
}
