import Foundation
import Testing

/// `-o` and `--svg` write as a shell's `>` does, but never over the database and never over a file without `--force`.
@Suite struct OutputFileTests {
    static func declared() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        return sandbox
    }

    @Test(arguments: [["export", "-o"], ["render", "-o"], ["update", "--dry-run", "-o"], ["stats", "--svg"]])
    func theDatabaseIsNeverTheOutputByPathSymlinkOrHardLink(_ command: [String]) throws {
        let sandbox = try Self.declared()
        let database = sandbox.defaultDatabase
        try FileManager.default.createSymbolicLink(atPath: sandbox.dir.appendingPathComponent("alias.sqlite").path, withDestinationPath: database)
        #expect(link(database, sandbox.dir.appendingPathComponent("hard.sqlite").path) == 0)
        let before = try sandbox.contents(database)
        for target in [database, "incidents/incidents.sqlite", "alias.sqlite", "hard.sqlite", database + "-wal"]
        where FileManager.default.fileExists(atPath: target.hasPrefix("/") ? target : sandbox.dir.appendingPathComponent(target).path) {
            for force in [[], ["--force"]] {
                expectFailure(try sandbox.run(command + [target] + force), status: 64, mentioning: "is the incident database itself")
            }
        }
        #expect(try sandbox.contents(database) == before)
        #expect(try sandbox.ok(["show"]).stdout.contains("Checkout is down"))
    }

    @Test(arguments: [["export", "-o"], ["render", "-o"], ["stats", "--svg"]])
    func anExistingFileIsKeptUnlessForcedAndThenKeepsItsModeAndLinks(_ command: [String]) throws {
        let sandbox = try Self.declared()
        let file = sandbox.dir.appendingPathComponent("notes.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o600) == 0)
        #expect(link(file, sandbox.dir.appendingPathComponent("notes-link.txt").path) == 0)
        expectFailure(try sandbox.run(command + ["notes.txt"]), status: 64, mentioning: "notes.txt already exists", "--force")
        #expect(try sandbox.contents("notes.txt") == Data("precious\n".utf8))
        try sandbox.ok(command + ["notes.txt", "--force"])
        let written = try sandbox.contents("notes.txt")
        #expect(written != Data("precious\n".utf8) && !written.isEmpty)
        #expect(try sandbox.contents("notes-link.txt") == written, "the hard link sees the new text")
        var info = stat()
        #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600 && info.st_nlink == 2)
    }

    @Test func aPipeIsWrittenThroughAndAFolderIsRefused() throws {
        let sandbox = try Self.declared()
        let fifo = sandbox.dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let collected = Pipe()
        reader.standardOutput = collected
        try reader.run()
        try sandbox.ok(["render", "-o", "pipe"])
        let data = collected.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self).contains("Checkout is down"))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        try sandbox.ok(["render", "-o", "/dev/null"])
        expectFailure(try sandbox.run(["render", "-o", "incidents"]), status: 74, mentioning: "incidents", "it is a folder")
    }
}
