import ArgumentParser
import Foundation
import IncidentKit

/// When to colour: on a terminal unless NO_COLOR is set (auto), always, or never.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `--color` first; then NO_COLOR (any value) turns colour off, CLICOLOR_FORCE (not 0) on; else only on a terminal.
    var style: TextStyle {
        switch self {
        case .always: return .ansi
        case .never: return .plain
        case .auto:
            if Environment.value("NO_COLOR") != nil { return .plain }
            if let force = Environment.value("CLICOLOR_FORCE"), force != "0" { return .ansi }
            return isatty(STDOUT_FILENO) == 1 ? .ansi : .plain
        }
    }
}

/// Colour and paging, for the commands that print to a person.
struct OutputOptions: ParsableArguments {
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto
    @Flag(help: "Print straight to the terminal, never through a pager.") var noPager = false

    var style: TextStyle { color.style }

    func page(_ text: String) { Pager.page(text, allowed: !noPager) }
}

enum Pager {
    /// Prints `text`, through `$INCIDENT_PAGER`, else `$PAGER`, else `less -FRX`, when standard output is a terminal
    /// and the text is taller than it, as git does.
    static func page(_ text: String, allowed: Bool) {
        let command = Environment.value("INCIDENT_PAGER") ?? Environment.value("PAGER") ?? "less -FRX"
        guard allowed, isatty(STDOUT_FILENO) == 1, !command.isEmpty, command != "cat" else { return say(text) }
        var size = winsize()
        let rows = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
        guard text.split(separator: "\n", omittingEmptySubsequences: false).count >= rows else { return say(text) }
        // A pager is a command line the user wrote, with its options: a shell runs it, as git runs $PAGER.
        if Environment.value("LESS") == nil { setenv("LESS", "FRX", 1) }
        // A pager that can't run (127: not installed) must not lose the output.
        guard let status = Spawn.shell(command, input: TerminalText.visible(text) + "\n"), status != 126, status != 127 else { return say(text) }
    }
}

/// Opens `$VISUAL`, else `$EDITOR`, else `vi`, on a temporary file for long text.
enum Editor {
    static let hint = "<!-- incident: write above this line; save and quit to store it, or leave it empty to cancel. This comment is removed. -->"

    /// The text written in the editor, without the hint; an empty result or a failed editor changes nothing and says so.
    static func edit(_ initial: String, what: String) throws(IncidentError) -> String {
        let command = [Environment.value("VISUAL"), Environment.value("EDITOR")].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("incident-\(UUID().uuidString.prefix(8)).md")
        defer { try? FileManager.default.removeItem(at: file) }
        // Readable by the user alone: what is typed there may be private until it is stored.
        let contents = Data((initial + (initial.isEmpty ? "" : "\n") + "\n" + hint + "\n").utf8)
        guard FileManager.default.createFile(atPath: file.path, contents: contents, attributes: [.posixPermissions: 0o600]) else {
            throw .editorCancelled("the temporary file \(file.path) can't be written; nothing changed")
        }
        // `$EDITOR` may carry options (`code --wait`): a shell runs it with the file as its last argument, as git does.
        guard let status = Spawn.shell(command + " \"$1\"", arguments: ["sh", file.path]) else {
            throw .editorCancelled("the editor (\(command)) could not be started; nothing changed")
        }
        guard status == 0 else {
            throw .editorCancelled("the editor (\(command)) exited with status \(status); nothing changed")
        }
        let written = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let text = written.replacingOccurrences(of: hint, with: "").trimmingSpacesAndNewlines()
        guard !text.isEmpty else { throw .editorCancelled("nothing was written for the \(what); nothing changed") }
        return text
    }
}
