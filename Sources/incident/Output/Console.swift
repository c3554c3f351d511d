import ArgumentParser
import Foundation
import IncidentKit

/// The output a command is given: standard output and error, standard input, and what is known of the terminal
/// behind them. Commands print only through it, so a test runs them in-process with a `Console` that keeps what they
/// print (`Console.capturing`), as `gh` does with its IOStreams.
final class Console: Sendable {
    /// Where a write goes.
    enum Stream: Sendable { case output, error }

    private let sink: @Sendable (Stream, Data) -> Void
    /// The descriptor `-` reads (standard input).
    let input: Int32
    /// Whether a person reads standard output, standard error, and types on standard input, at a terminal.
    let outputIsTerminal: Bool
    let errorIsTerminal: Bool
    let inputIsTerminal: Bool

    init(input: Int32, outputIsTerminal: Bool, errorIsTerminal: Bool, inputIsTerminal: Bool,
         sink: @escaping @Sendable (Stream, Data) -> Void) {
        self.input = input
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
        self.inputIsTerminal = inputIsTerminal
        self.sink = sink
    }

    /// The process's own standard output, error and input.
    static func standard() -> Console {
        Console(input: STDIN_FILENO, outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1,
                inputIsTerminal: isatty(STDIN_FILENO) == 1) { stream, data in
            // Written directly: `print` costs generic start-up work on every run.
            (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(data)
        }
    }

    /// Prints one line to standard output, with control characters shown, not sent (`TerminalText`).
    func say(_ text: String) {
        sink(.output, Data((TerminalText.visible(text) + "\n").utf8))
    }

    /// A warning on standard error that doesn't fail the command.
    func warn(_ text: String) {
        sink(.error, Data("incident: warning: \(TerminalText.visible(text))\n".utf8))
    }

    /// Bytes to standard output as they are: a document the command produced, not a message.
    func write(_ data: Data) { sink(.output, data) }

    /// Bytes to standard error as they are (a progress bar's escapes, a prompt).
    func writeError(_ text: String) { sink(.error, Data(text.utf8)) }

    /// The one line a failure prints.
    func fail(_ line: String) {
        sink(.error, Data((TerminalText.visible(line) + "\n").utf8))
    }

    /// Asks a yes/no question when someone is at the terminal (standard input and error both one); false otherwise.
    func confirmed(_ question: String) -> Bool {
        guard inputIsTerminal, errorIsTerminal else { return false }
        writeError(question)
        guard let answer = readLine()?.trimmingSpaces().lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }

    /// What `path` holds (`-`: standard input), bounded as `InputFile` bounds it.
    func read(_ path: String) throws(IncidentError) -> Data {
        try InputFile.read(path, standardInput: input)
    }

    /// The rows of the terminal behind standard output (24 when it doesn't say).
    var rows: Int {
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
    }

    /// Prints `text`, through `$INCIDENT_PAGER`, else `$PAGER`, else `less -FRX`, when standard output is a terminal
    /// and the text is taller than it, as git does.
    func page(_ text: String, allowed: Bool) {
        let command = Environment.value("INCIDENT_PAGER") ?? Environment.value("PAGER") ?? "less -FRX"
        guard allowed, outputIsTerminal, !command.isEmpty, command != "cat" else { return say(text) }
        guard text.split(separator: "\n", omittingEmptySubsequences: false).count >= rows else { return say(text) }
        // A pager is a command line the user wrote, with its options: a shell runs it, as git runs $PAGER.
        if Environment.value("LESS") == nil { setenv("LESS", "FRX", 1) }
        // A pager that can't run (127: not installed) must not lose the output.
        guard let status = Spawn.shell(command, input: TerminalText.visible(text) + "\n"), status != 126, status != 127 else { return say(text) }
    }
}

extension Console {
    /// A console that keeps what is printed (for running commands in-process), reading `input` as standard input.
    static func capturing(input: Int32) -> (Console, Captured) {
        let captured = Captured()
        let console = Console(input: input, outputIsTerminal: false, errorIsTerminal: false, inputIsTerminal: false) { stream, data in
            captured.append(data, to: stream)
        }
        return (console, captured)
    }

    /// What a capturing console was given, per stream.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var output = Data(), error = Data()

        func append(_ data: Data, to stream: Stream) {
            lock.lock()
            defer { lock.unlock() }
            if stream == .output { output.append(data) } else { error.append(data) }
        }

        var standardOutput: String { lock.withLock { String(decoding: output, as: UTF8.self) } }
        var standardError: String { lock.withLock { String(decoding: error, as: UTF8.self) } }
    }
}

/// A command that prints through the console it is given: the one `IncidentCommand.run` binds for the run, else the
/// process's own.
protocol ConsoleCommand: ParsableCommand {
    mutating func run(_ console: Console) throws
}

extension ConsoleCommand {
    // Handed over through a thread slot rather than a cast of the parsed command to `ConsoleCommand`: a cast to a
    // protocol makes the runtime scan every conformance record of the binary.
    mutating func run() throws { try run(Console.current ?? Console.standard()) }
}

extension Console {
    private static let slot = ThreadSlot()

    /// The console of the command being run on this thread.
    static var current: Console? { slot.value as? Console }

    /// Runs `body` with `console` as this thread's console.
    func whileCurrent<Result>(_ body: () throws -> Result) rethrows -> Result { try Self.slot.with(self, body) }
}
