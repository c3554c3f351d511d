import Foundation

/// What one run of the `incident` binary printed and how it exited.
struct CLIResult: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The lines of standard output, without the trailing empty one.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
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
        var env = baseEnvironment
        for (key, value) in environment { env[key] = value }
        process.environment = env
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
