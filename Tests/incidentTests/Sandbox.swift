import Foundation
import Testing

/// A fresh temporary folder for one test: `dir` is where commands run, `scratch` holds their output files.
/// Removed when the test lets go of it.
final class Sandbox {
    let root: URL
    let dir: URL
    let scratch: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("incident-e2e-\(UUID().uuidString)")
        dir = root.appendingPathComponent("work")
        scratch = root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The default database: `./incidents/incidents.sqlite` in `dir`.
    var defaultDatabase: String { dir.appendingPathComponent("incidents/incidents.sqlite").path }

    /// Runs `incident ARGS` in `dir` (or `dir/subfolder`), in this process (`InProcess`) unless it needs another
    /// time zone, and returns what it printed and its exit status.
    @discardableResult
    func run(_ arguments: [String], in subfolder: String? = nil, stdin: String? = nil,
             environment: [String: String?] = [:]) throws -> CLIResult {
        guard InProcess.canRun(environment: environment) else {
            return try runBinary(arguments, in: subfolder, stdin: stdin, environment: environment)
        }
        let folder = subfolder.map { dir.appendingPathComponent($0) } ?? dir
        return try InProcess.run(arguments, in: folder, scratch: scratch, stdin: stdin, environment: environment)
    }

    /// Runs the built binary as a subprocess: for what only a process shows (exit on a signal, its own arguments
    /// and standard streams, start-up).
    @discardableResult
    func runBinary(_ arguments: [String], in subfolder: String? = nil, stdin: String? = nil,
                   environment: [String: String?] = [:]) throws -> CLIResult {
        try launch(arguments, in: subfolder, stdin: stdin, environment: environment).finish()
    }

    /// Starts `incident ARGS` without waiting.
    func launch(_ arguments: [String], in subfolder: String? = nil, stdin: String? = nil,
                environment: [String: String?] = [:]) throws -> RunningCommand {
        let folder = subfolder.map { dir.appendingPathComponent($0) } ?? dir
        return try CLI.launch(arguments, in: folder, scratch: scratch, stdin: stdin, environment: environment)
    }

    /// Runs a command that must succeed and returns its output.
    @discardableResult
    func ok(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try run(arguments, stdin: stdin)
        #expect(result.status == 0, "incident \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs the sqlite3 command-line shell on `database` with `arguments`.
    @discardableResult
    func sqlite3(_ database: String, _ arguments: String...) throws -> CLIResult {
        let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let executable = try #require(shell.map(URL.init(fileURLWithPath:)), "the sqlite3 command-line shell is not installed")
        return try CLI.launch([database] + arguments, in: dir, scratch: scratch, executable: executable).finish()
    }

    /// Everything in the database as SQL text (reads through the WAL), to compare before and after.
    func dump(_ database: String) throws -> String {
        let result = try sqlite3(database, ".dump")
        #expect(result.status == 0 && result.stdout.contains("CREATE TABLE"), "sqlite3 .dump failed: \(result)")
        return result.stdout
    }

    /// Every file and folder under `dir`, relative to it, sorted.
    func listing() -> [String] {
        let base = dir.path + "/"
        let all = FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []
        return all.map { $0.hasPrefix(base) ? String($0.dropFirst(base.count)) : $0 }.sorted()
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(relativePath).path)
    }

    /// The bytes of a file; a relative path is taken from `dir`.
    func contents(_ path: String) throws -> Data {
        try Data(contentsOf: path.hasPrefix("/") ? URL(fileURLWithPath: path) : dir.appendingPathComponent(path))
    }

    /// `show --json` of an incident, parsed with JSONSerialization.
    func json(_ arguments: [String] = []) throws -> [String: Any] {
        let result = try ok(["show", "--json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "show --json did not print an object: \(result.stdout)")
    }
}

/// Asserts the shape every failure must have: one line on stderr starting `incident:`, nothing on
/// stdout, and the expected exit status. `mentioning` must appear in the message.
func expectFailure(_ result: CLIResult, status: Int32, mentioning phrases: String...,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "wrong exit status: \(result)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("incident: "), "stderr must start with `incident: `: \(result)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasSuffix("\n") && result.stderr.filter { $0 == "\n" }.count == 1,
            "stderr must be exactly one line: \(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "a failure must print nothing on stdout: \(result)", sourceLocation: sourceLocation)
    for phrase in phrases {
        #expect(result.stderr.contains(phrase), "stderr should mention \(phrase.debugDescription): \(result)",
                sourceLocation: sourceLocation)
    }
}

extension Sandbox {
    /// A sandbox whose database holds INC-1 (P1, declared 2025-09-15 19:00 PST) with one open immediate action.
    static func withIncident() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow", "--at", "2025-09-15 19:00 PST"])
        try sandbox.ok(["action", "add", "Scale the checkout pool"])
        return sandbox
    }

    /// Runs a command that must fail with one line naming each of `phrases` and leave the database exactly as it was
    /// (compared through `sqlite3 .dump`, which reads through the WAL); returns its result.
    @discardableResult
    func expectRefusal(_ arguments: [String], status: Int32, mentioning phrases: String...,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let before = try dump(defaultDatabase)
        let result = try run(arguments)
        expectFailure(result, status: status, sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(result.stderr.contains(phrase), "stderr should mention \(phrase.debugDescription): \(result)", sourceLocation: sourceLocation)
        }
        #expect(try dump(defaultDatabase) == before, "the database changed", sourceLocation: sourceLocation)
        return result
    }
}
