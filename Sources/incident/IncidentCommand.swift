import ArgumentParser
import Foundation
import IncidentKit

@main
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Declare, track and close incidents from the terminal.",
        discussion: """
            Records live in SQLite: --db PATH, else $INCIDENT_DB, else incidents/incidents.sqlite in the \
            nearest folder above that has an incidents/ folder. Commands act on the current incident \
            (the last declared, or the one picked with `incident use`) unless given INC-<n>.
            """,
        version: "0.9.0",
        // Grouped by what people do, so --help reads in the order of an incident and its aftermath.
        groupedSubcommands: [
            CommandGroup(name: "Respond", subcommands: [
                New.self, ListCommand.self, Show.self, Use.self, StatusCommand.self, SetCommand.self, RoleCommand.self,
                PlaybookCommand.self, TimelineCommand.self, Due.self, Close.self, Reopen.self,
            ]),
            CommandGroup(name: "Checklist", subcommands: [Check.self, Uncheck.self, ActionCommand.self, CriterionCommand.self, Update.self]),
            CommandGroup(name: "Postmortem", subcommands: [WhyCommand.self, LessonCommand.self, SectionCommand.self, Export.self]),
            CommandGroup(name: "GitHub", subcommands: [Render.self, Publish.self, Pull.self, Sync.self]),
            CommandGroup(name: "History", subcommands: [Import.self, Log.self, Search.self, Stats.self, Actions.self, Lint.self]),
            CommandGroup(name: "Status page", subcommands: [StatusPageCommand.self, NotifyCommand.self]),
            CommandGroup(name: "Maintenance", subcommands: [Init.self, Backup.self, Doctor.self, TemplatesCommand.self]),
        ]
    )

    static let maximumArguments = 1_000

    /// Runs the command line of this process and exits with its status.
    static func main() {
        // Like cat and git, end quietly when the reader of our output goes away (`incident render | head`).
        signal(SIGPIPE, SIG_DFL)
        let console = Console.standard()
        do {
            try refuseInvalidUTF8Arguments()
        } catch {
            console.fail("incident: \(error.advice)")
            Foundation.exit(error.exitCode)
        }
        Foundation.exit(run(Array(CommandLine.arguments.dropFirst()), console: console))
    }

    /// Parses and runs one command line as argument-parser does, printing through `console`, but reports every
    /// failure as one line on standard error with our exit codes (64 usage, 66 not found, 1 refused, 74 storage);
    /// returns the exit status.
    static func run(_ arguments: [String], console: Console) -> Int32 {
        // argument-parser's parsing time grows with the square of the number of arguments:
        // bounded before parsing, with the way to say the same in fewer words.
        if arguments.count > maximumArguments {
            console.fail("incident: \(arguments.count) arguments are more than incident reads (\(maximumArguments)). Give item numbers as ranges or lists (1-200,250) instead of one argument each.")
            return 64
        }
        do {
            var command = try parseAsRoot(arguments)
            try console.whileCurrent { try command.run() }
            return 0
        } catch let error as IncidentError {
            // Text refused as several words may be an option's value typed without quotes (`--note pool scaled up`).
            if case .invalidText(_, let reason) = error, reason.hasPrefix("was given as"),
               let hint = ArgumentHints.optionWords(arguments) {
                console.fail("incident: \(hint)")
            } else {
                console.fail("incident: \(error.advice)")
            }
            return error.exitCode
        } catch let code as ExitCode {
            // A command that has said what it had to (`incident due`) and only sets the status.
            return code.rawValue
        } catch {
            let code = exitCode(for: error)
            // --help, --version and completion scripts succeed with their text on standard output.
            if code == .success {
                let text = fullMessage(for: error)
                if !text.isEmpty { console.write(Data((text + "\n").utf8)) }
                return 0
            }
            let text = ArgumentHints.improve(sentence(message(for: error)), arguments: arguments)
            console.fail("incident: \(text) See '\(commandPath(arguments[...])) --help'.")
            return code.rawValue
        }
    }

    /// `incident action add` for the arguments `action add --bogus`: the deepest command the words name.
    static func commandPath(_ arguments: ArraySlice<String>) -> String {
        deepestCommand(arguments).names.joined(separator: " ")
    }

    /// The deepest command the leading words name, its names from `incident`, and how many words named it.
    static func deepestCommand(_ arguments: ArraySlice<String>) -> (names: [String], command: any ParsableCommand.Type, used: Int) {
        var names = ["incident"]
        var command: any ParsableCommand.Type = IncidentCommand.self
        for word in arguments {
            let match = command.configuration.subcommands.first { sub in
                sub.configuration.commandName == word || sub.configuration.aliases.contains(word)
            }
            guard let match else { break }
            names.append(word)
            command = match
        }
        return (names, command, names.count - 1)
    }

    /// One sentence on one line, ending in exactly one full stop (or the question mark it has). A list of
    /// allowed values that argument-parser puts one per line becomes "one of 'a', 'b' or 'c'".
    static func sentence(_ text: String) -> String {
        var lines = text.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let listed = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
        if let first = lines.first, first.hasSuffix("one of the following:"), let last = listed.last {
            let values = listed.count == 1 ? last : listed.dropLast().joined(separator: ", ") + " or " + last
            lines = [String(first.dropLast("the following:".count)) + values]
        }
        let trimmed = lines.joined(separator: " ")
        guard let last = trimmed.last else { return "Invalid arguments." }
        return ".?!".contains(last) ? trimmed : trimmed + "."
    }
}

/// Swift repairs invalid UTF-8 in `CommandLine.arguments` with U+FFFD; refuse it instead of storing changed text.
private func refuseInvalidUTF8Arguments() throws(IncidentError) {
    for position in 1..<Int(CommandLine.argc) {
        guard let pointer = CommandLine.unsafeArgv[position], String(validatingCString: pointer) != nil else {
            throw .invalidArgumentEncoding(position: position)
        }
    }
}
