import Foundation

/// Something that answers `gh` commands: the real GitHub CLI, or a stand-in in tests.
public protocol GitHubRunning: Sendable {
    /// Runs `gh ARGUMENTS` with `input` on standard input; returns standard output.
    func run(_ arguments: [String], input: String?) throws(IncidentError) -> String
}

extension GitHubRunning {
    func run(_ arguments: [String]) throws(IncidentError) -> String { try run(arguments, input: nil) }
}

/// Runs the GitHub CLI (`gh`, installed and logged in by the user) with an argument array, never a shell,
/// the body on standard input. Foundation's `Process` does this with no new dependency and nothing added
/// to start-up: swift-subprocess would bring an async API (and an async `main`) for the same three pipes.
public struct GitHubCLI: GitHubRunning {
    /// The `gh` found on `PATH`, or nil.
    public let executable: String?

    public init(environment: [String: String] = Environment.all) {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        executable = folders.lazy.map { ($0 as NSString).appendingPathComponent("gh") }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `gh ARGUMENTS` with `input` on standard input; returns standard output. A failure is one line naming
    /// the command and gh's message: unavailable (exit 69) for a missing `gh`, no login or no network, else 74.
    public func run(_ arguments: [String], input: String?) throws(IncidentError) -> String {
        let command = Self.commandLine(arguments, input: input)
        guard let executable else { throw .githubUnavailable(command: command, message: "gh (the GitHub CLI) is not on PATH; install it and run `gh auth login`") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let replacement = Environment.replacement { process.environment = replacement }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do {
            try process.run()
        } catch {
            throw .githubUnavailable(command: command, message: "gh could not be started (\(error.localizedDescription))")
        }
        // Feed and drain the three pipes at once: a large body or a chatty error must not fill a pipe and stall both sides.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = stderr.fileHandleForReading.readDataToEndOfFile() }
        if let input {
            DispatchQueue.global().async(group: group) {
                try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
            }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ")
            let text = message.isEmpty ? "exited with status \(process.terminationStatus)" : message
            throw Self.isUnavailable(status: process.terminationStatus, message: text)
                ? .githubUnavailable(command: command, message: text) : .githubFailed(command: command, message: text)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Not logged in (gh exits 4), or GitHub can't be reached.
    static func isUnavailable(status: Int32, message: String) -> Bool {
        let lowered = message.lowercased()
        return status == 4 || ["error connecting to", "could not resolve host", "no such host", "dial tcp", "i/o timeout",
                               "connection refused", "network is unreachable", "gh auth login"].contains { lowered.contains($0) }
    }

    /// The command as a person would type it, for messages and `--dry-run` (the body shown as coming from stdin).
    public static func commandLine(_ arguments: [String], input: String? = nil) -> String {
        (["gh"] + arguments).map(quoted).joined(separator: " ")
    }

    private static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,#+%".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
