import Foundation
import Testing

/// Knobs and helpers for the fault and load tests: sizes from the environment (so `bench/faults.sh` runs the
/// same tests longer), figures for the README, and ways to break a store (immutable files, a full disk).
enum Faults {
    /// `FAULTS_<NAME>` from the environment, else `fallback` (the short version `swift test` runs).
    static func setting(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["FAULTS_\(name)"].flatMap { Int($0) } ?? fallback
    }

    /// Prints one line of figures, and appends it to `$FAULTS_FIGURES` for `bench/faults.sh` to tabulate.
    static func report(_ figures: KeyValuePairs<String, Any>, test: String) {
        let line = "\(test)\t" + figures.map { "\($0.key)=\($0.value)" }.joined(separator: "\t")
        print("figures: \(line)")
        guard let path = ProcessInfo.processInfo.environment["FAULTS_FIGURES"], !path.isEmpty else { return }
        figuresLock.lock()
        defer { figuresLock.unlock() }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
    }

    private static let figuresLock = NSLock()

    static var isRoot: Bool { getuid() == 0 }

    /// Whether a file can be made read-only here: `chmod` for a normal user, `chattr +i` for root (who ignores modes).
    static let canMakeReadOnly: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("incident-probe-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: probe.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: probe) }
        guard case .success(let readOnly) = ReadOnly.make(probe.path) else { return false }
        readOnly.undo()
        return true
    }()

    /// Whether a small tmpfs can be mounted here (root, and a kernel or container that allows it).
    static let canMountTmpfs: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("incident-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard case .success(let disk) = SmallDisk.mount(at: probe, kilobytes: 64) else { return false }
        disk.unmount()
        return true
    }()

    /// Runs a program and waits; true when it exited 0.
    @discardableResult
    static func shell(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// `PRAGMA integrity_check` through the sqlite3 shell: the problems, or empty for `ok`.
    ///
    /// SQLite 3.40.0–3.41.0 report "NULL value in label.position" for WITHOUT ROWID tables whose primary key is
    /// declared in another order than their columns, where there is no NULL. Such a line is kept only when a
    /// NULL is really there (`typeof`, because `IS NULL` on a NOT NULL column is answered without looking).
    static func integrityProblems(_ sandbox: Sandbox, _ database: String) throws -> [String] {
        let result = try sandbox.sqlite3(database, "PRAGMA integrity_check;")
        guard result.status == 0 else { return ["sqlite3 failed: \(result.stderr)"] }
        let lines = result.lines
        if lines == ["ok"] { return [] }
        return try lines.filter { line in
            guard line.hasPrefix("NULL value in "), case let parts = line.dropFirst(14).split(separator: "."), parts.count == 2 else {
                return true
            }
            let nulls = try sandbox.sqlite3(database, "SELECT COUNT(*) FROM \"\(parts[0])\" WHERE typeof(\"\(parts[1])\") = 'null';")
            return nulls.stdout != "0\n"
        }
    }

    /// One value from the database through the sqlite3 shell, without its newline.
    static func scalar(_ sandbox: Sandbox, _ database: String, _ sql: String) throws -> String {
        let result = try sandbox.sqlite3(database, sql)
        #expect(result.status == 0, "sqlite3 \(sql): \(result)")
        return String(result.stdout.dropLast(result.stdout.hasSuffix("\n") ? 1 : 0))
    }
}

/// A file or folder made read-only until released: `chmod a-w` for a normal user, `chattr +i` for root,
/// whom file modes don't stop.
final class ReadOnly {
    let path: String
    private let mode: Int?

    static func make(_ path: String) -> Result<ReadOnly, SkipReason> {
        if !Faults.isRoot {
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
            guard chmod(path, mode_t(mode & ~0o222)) == 0 else { return .failure(SkipReason("chmod a-w \(path) failed")) }
            return .success(ReadOnly(path: path, mode: mode))
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return .failure(SkipReason("chattr is not installed")) }
        guard Faults.shell("/usr/bin/chattr", ["+i", path]) else {
            return .failure(SkipReason("chattr +i \(path) was refused (a filesystem without the immutable flag?)"))
        }
        return .success(ReadOnly(path: path, mode: nil))
    }

    private init(path: String, mode: Int?) {
        self.path = path
        self.mode = mode
    }

    private var undone = false

    /// Makes it writable again; also done on release.
    func undo() {
        guard !undone else { return }
        undone = true
        if let mode { chmod(path, mode_t(mode)) } else { Faults.shell("/usr/bin/chattr", ["-i", path]) }
    }

    deinit { undo() }
}

/// A small tmpfs mounted over a folder, to fill up; unmounted when released.
final class SmallDisk {
    let folder: URL

    static func mount(at folder: URL, kilobytes: Int) -> Result<SmallDisk, SkipReason> {
        guard Faults.isRoot else { return .failure(SkipReason("mounting a tmpfs needs root")) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard Faults.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path]) else {
            return .failure(SkipReason("mount -t tmpfs was refused (a container without CAP_SYS_ADMIN?)"))
        }
        return .success(SmallDisk(folder: folder))
    }

    private init(folder: URL) { self.folder = folder }

    /// Writes a filler file until the disk says it is full.
    func fill() throws -> URL {
        let filler = folder.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        // Smaller writes take the last partial block too.
        let byte = Data(count: 1)
        while (try? handle.write(contentsOf: byte)) != nil {}
        return filler
    }

    private var mounted = true

    func unmount() {
        guard mounted else { return }
        mounted = !Faults.shell("/bin/umount", [folder.path]) && !Faults.shell("/bin/umount", ["-l", folder.path])
    }

    deinit { unmount() }
}

/// Why a test could not run on this machine; printed, so a skip is never silent.
struct SkipReason: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Sandbox {
    /// Runs `incident PREFIX… ARG` where ARG is built by the shell from printf `format`, so it may hold bytes
    /// that are not UTF-8 (a Swift String can't).
    func runWithRawArgument(_ prefix: [String], printf format: String, environment: [String: String?] = [:]) throws -> CLIResult {
        let script = "exec \"$0\" \"$@\" \"$(printf \"$RAW_ARGUMENT\")\""
        var variables = environment
        variables["RAW_ARGUMENT"] = format
        return try CLI.launch(["-c", script, CLI.binary.path] + prefix, in: dir, scratch: scratch, environment: variables,
                              executable: URL(fileURLWithPath: "/bin/bash")).finish()
    }

    /// Runs `incident ARGS` with `bytes` on standard input, which may be anything (a Swift String can't hold bad UTF-8).
    func run(_ arguments: [String], stdinBytes bytes: Data) throws -> CLIResult {
        let input = scratch.appendingPathComponent("\(UUID().uuidString).bytes")
        try bytes.write(to: input)
        let script = "exec \"$0\" \"$@\" < \"$STDIN_FILE\""
        return try CLI.launch(["-c", script, CLI.binary.path] + arguments, in: dir, scratch: scratch,
                              environment: ["STDIN_FILE": input.path], executable: URL(fileURLWithPath: "/bin/bash")).finish()
    }
}

/// A lock around a value that several threads append to.
final class Shared<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func update(_ change: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&value)
    }

    var current: Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// What another thread needs to run `incident` in a sandbox's folder (a `Sandbox` itself is not Sendable): as a
/// process of the built binary (`runner`: separate processes are what concurrent-writer and kill tests are about), or
/// in this process where `Sandbox.run` would (`inProcessRunner`).
struct SandboxRunner: Sendable {
    let dir: URL
    let scratch: URL
    var inProcess = false

    func run(_ arguments: [String], stdin: String? = nil) -> CLIResult {
        if inProcess, InProcess.canRun(environment: [:]) {
            return (try? InProcess.run(arguments, in: dir, scratch: scratch, stdin: stdin))
                ?? CLIResult(stdout: "", stderr: "could not run in-process", status: -1)
        }
        return (try? CLI.launch(arguments, in: dir, scratch: scratch, stdin: stdin).finish())
            ?? CLIResult(stdout: "", stderr: "could not start", status: -1)
    }
}

extension Sandbox {
    var runner: SandboxRunner { SandboxRunner(dir: dir, scratch: scratch) }
    var inProcessRunner: SandboxRunner { SandboxRunner(dir: dir, scratch: scratch, inProcess: true) }
}

/// An sqlite3 shell that keeps a database open (and so its -wal and -shm files) until released, as another
/// terminal would.
final class HeldOpen {
    private let process = Process()
    private let input = Pipe()

    init(_ database: String, in folder: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Once the shell has answered a query, it has the database and its WAL index open.
        input.fileHandleForWriting.write(Data("SELECT COUNT(*) FROM incident;\n".utf8))
        _ = output.fileHandleForReading.availableData
    }

    func release() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { release() }
}
