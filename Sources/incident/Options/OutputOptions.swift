import ArgumentParser
import Foundation
import IncidentKit

/// When to colour: on a terminal unless NO_COLOR is set (auto), always, or never.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `--color` first; then NO_COLOR (any value) turns colour off, CLICOLOR_FORCE (not 0) on; else only when
    /// the console's standard output is a terminal.
    func style(on console: Console) -> TextStyle {
        switch self {
        case .always: return .ansi
        case .never: return .plain
        case .auto:
            if Environment.value("NO_COLOR") != nil { return .plain }
            if let force = Environment.value("CLICOLOR_FORCE"), force != "0" { return .ansi }
            return console.outputIsTerminal ? .ansi : .plain
        }
    }
}

/// Colour and paging, for the commands that print to a person.
struct OutputOptions: ParsableArguments {
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto
    @Flag(help: "Print straight to the terminal, never through a pager.") var noPager = false

    func style(on console: Console) -> TextStyle { color.style(on: console) }

    func page(_ text: String, on console: Console) { console.page(text, allowed: !noPager) }
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
