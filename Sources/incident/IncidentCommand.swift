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
        subcommands: [
            New.self, List.self, Show.self, Use.self, Set.self, StatusCommand.self,
            WhyCommand.self, TimelineCommand.self, ActionCommand.self, Check.self, CriterionCommand.self,
            SectionCommand.self, Close.self, Reopen.self, Log.self, Render.self, Update.self, Import.self, Sync.self, Export.self, LessonCommand.self, TemplatesCommand.self, Backup.self, Doctor.self,
        ]
    )

    /// Runs the command and turns library errors into one line on stderr and an exit code.
    static func main() {
        // Like cat and git, end quietly when the reader of our output goes away (`incident render | head`).
        signal(SIGPIPE, SIG_DFL)
        do {
            try refuseInvalidUTF8Arguments()
            var command = try parseFast() ?? parseAsRoot()
            try command.run()
        } catch let error as IncidentError {
            FileHandle.standardError.write(Data("incident: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch {
            // --help and --version exit 0 with their text; real parse errors become one line like ours.
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let hint = " See '\(helpCommand(for: error)) --help' for more information."
            var text = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.hasSuffix(".") { text += "." }
            FileHandle.standardError.write(Data("incident: \(text)\(hint)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

extension IncidentCommand {
    /// `incident new` for an error in `incident new …`: from argument-parser's "See '… --help'" line, else the arguments.
    static func helpCommand(for error: any Error) -> String {
        let full = fullMessage(for: error)
        if let start = full.range(of: "See '"), let end = full.range(of: " --help'", range: start.upperBound..<full.endIndex) {
            let command = String(full[start.upperBound..<end.lowerBound])
            return command.hasPrefix("incident") ? command : "incident " + command
        }
        let first = CommandLine.arguments.dropFirst().first
        return first.flatMap { leafCommands[$0] != nil ? "incident \($0)" : nil } ?? "incident"
    }

    /// Commands without subcommands, by name. Their configurations name `incident` as their super-command,
    /// so one can be parsed as the root: that skips argument-parser's completion-script check and the
    /// root's own parse, a third of the work of `incident new` (measured with callgrind).
    static let leafCommands: [String: ParsableCommand.Type] = {
        let types: [ParsableCommand.Type] = [New.self, List.self, Show.self, Use.self, Set.self, StatusCommand.self, Check.self,
                                             Close.self, Reopen.self, Log.self, Render.self, Update.self, Import.self, Sync.self,
                                             Export.self, Backup.self, Doctor.self]
        var byName: [String: ParsableCommand.Type] = [:]
        for type in types {
            for name in [type.configuration.commandName].compactMap({ $0 }) + type.configuration.aliases { byName[name] = type }
        }
        return byName
    }()

    /// The leaf command named first, parsed directly; nil for anything else (help, completion scripts, groups).
    static func parseFast() throws -> ParsableCommand? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let meta: Swift.Set<String> = ["-h", "--help", "help", "--version", "--generate-completion-script", "--experimental-dump-help"]
        guard let name = arguments.first, let leaf = leafCommands[name], !arguments.contains(where: meta.contains) else { return nil }
        return try leaf.parseAsRoot(Array(arguments.dropFirst()))
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

extension IncidentError {
    /// 64 usage (as argument-parser), 66 not found, 1 refused by the record's rules, 74 storage.
    var exitCode: Int32 {
        switch category {
        case .usage: 64
        case .notFound: 66
        case .refused: 1
        case .storage: 74
        }
    }
}
