import Foundation
import IncidentKit
@testable import incident

/// What one run of the `incident` binary printed and how it exited.
struct CLIResult: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The lines of standard output, without the trailing empty one.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs `incident` commands in this process, as the binary would run them: through `IncidentCommand.run` with a
/// console that keeps what they print, in `directory`, with the environment a subprocess would get
/// (`CLI.baseEnvironment` and the test's changes).
///
/// The working directory belongs to the whole process, and commands resolve relative paths against it, so each
/// command runs on a thread of its own that first leaves the process's shared file-system context
/// (`unshare(CLONE_FS)`, Linux) and then changes directory: commands of tests running in parallel each see their own
/// folder. Database work that GRDB does with `DispatchQueue.sync` runs on the calling thread, and a program the
/// command starts (gh, curl) inherits the thread's directory.
enum InProcess {
    /// Whether this process reads times as the binary does under `TZ=UTC`: the zone is the process's, read once.
    static let zoneIsUTC = TimeZone.current.secondsFromGMT() == 0 && TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: 1_750_000_000)) == 0

    /// `unshare(2)`, looked up once (Swift's Glibc module leaves it out).
    private static let unshare: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "unshare") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
    private static let cloneFS: Int32 = 0x200

    /// Whether a thread here may leave the shared file-system context (a sandbox can forbid `unshare`): tried once,
    /// on a thread that ends straight after.
    static let threadsCanHaveTheirOwnDirectory: Bool = {
        guard let unshare else { return false }
        let result = Finished()
        let thread = Thread {
            result.value = unshare(cloneFS)
            result.done.signal()
        }
        thread.start()
        result.done.wait()
        return result.value == 0
    }()

    /// `INCIDENT_TEST_PROCESSES=1` runs every command as a subprocess of the built binary instead.
    static let everyCommandAsProcess = ProcessInfo.processInfo.environment["INCIDENT_TEST_PROCESSES"] == "1"

    /// Whether a command with these environment changes can run in-process: one that needs another zone than UTC
    /// runs as a subprocess, as does every command where threads can't have a directory of their own.
    static func canRun(environment: [String: String?]) -> Bool {
        guard zoneIsUTC, threadsCanHaveTheirOwnDirectory, !everyCommandAsProcess else { return false }
        guard let zone = environment["TZ"] else { return true }
        return zone == "UTC"
    }

    static func run(_ arguments: [String], in directory: URL, scratch: URL, stdin: String? = nil,
                    environment: [String: String?] = [:]) throws -> CLIResult {
        let variables = CLI.environment(changing: environment)
        var path = "/dev/null"
        if let stdin {
            let input = scratch.appendingPathComponent("\(UUID().uuidString).in")
            try Data(stdin.utf8).write(to: input)
            path = input.path
        }
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CocoaError(.fileReadUnknown) }
        defer {
            close(input)
            if stdin != nil { unlink(path) }
        }
        let (console, captured) = Console.capturing(input: input)
        let status = Finished()
        let folder = directory.path
        let thread = Thread {
            defer { status.done.signal() }
            guard let unshare, unshare(cloneFS) == 0, chdir(folder) == 0 else { return }
            status.value = Environment.withReplacement(variables) { IncidentCommand.run(arguments, console: console) }
        }
        thread.stackSize = 8 << 20
        thread.start()
        status.done.wait()
        guard let value = status.value else { throw CocoaError(.fileNoSuchFile) }
        return CLIResult(stdout: captured.standardOutput, stderr: captured.standardError, status: value)
    }

    /// The exit status a command's thread hands back.
    private final class Finished: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var value: Int32?
    }
}

/// Runs the built `incident` executable as a subprocess.
enum CLI {
    /// The `incident` executable SwiftPM built next to the test bundle (the test target depends on it).
    ///
    /// On Linux `CommandLine.arguments[0]` is `<scratch>/debug/incidentPackageTests.xctest`, so the
    /// binary is its sibling; `INCIDENT_BINARY` names it when the tests run from somewhere else.
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.executableURL?.deletingLastPathComponent(),
        ].compactMap { $0?.appendingPathComponent("incident") }
        if let found = candidates.first(where: { isExecutable($0) }) { return found }
        if let explicit = ProcessInfo.processInfo.environment["INCIDENT_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        fatalError("Can't find the incident binary near \(CommandLine.arguments[0]); set INCIDENT_BINARY.")
    }()

    /// TZ=UTC, USER=tester, no INCIDENT_DB: the same for every run unless `environment` overrides.
    static let baseEnvironment = ["TZ": "UTC", "USER": "tester", "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]

    /// `baseEnvironment` with a test's changes (a nil value removes the variable).
    static func environment(changing changes: [String: String?]) -> [String: String] {
        var variables = baseEnvironment
        for (key, value) in changes { variables[key] = value }
        return variables
    }

    /// Starts `executable` (default: incident) with `arguments` in `directory`; call `finish()` to wait.
    /// Output goes to files under `scratch`, so pipes never fill up and nothing lands in `directory`.
    static func launch(_ arguments: [String], in directory: URL, scratch: URL, stdin: String? = nil,
                       environment: [String: String?] = [:], executable: URL = binary) throws -> RunningCommand {
        let id = UUID().uuidString
        let out = scratch.appendingPathComponent("\(id).out"), err = scratch.appendingPathComponent("\(id).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.environment(changing: environment)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.appendingPathComponent("\(id).in")
            try Data(stdin.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        return RunningCommand(process: process, out: out, err: err)
    }

    private static func isExecutable(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}

/// A started subprocess whose output is collected when it ends.
struct RunningCommand {
    let process: Process
    let out: URL
    let err: URL

    func finish() -> CLIResult {
        process.waitUntilExit()
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return CLIResult(stdout: stdout, stderr: stderr, status: process.terminationStatus)
    }
}
