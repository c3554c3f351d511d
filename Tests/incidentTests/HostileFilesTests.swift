import Foundation
import Testing

/// Files, pipes, devices and environments a careless user or an attacker hands the tool: bounded, refused in one
/// line, or read as a shell would, and private text kept private.
@Suite struct HostileFilesTests {
    @Test(arguments: [["due"], ["list"], ["search", "x"], ["actions"], ["stats"]])
    func aReadOfAMistypedDatabaseFailsSoCronJobsDontGoSilent(_ command: [String]) throws {
        let sandbox = try Sandbox()
        expectFailure(try sandbox.run(command + ["--db", "incidnets.sqlite"]), status: 66, mentioning: "incidnets.sqlite")
        expectFailure(try sandbox.run(command, environment: ["INCIDENT_DB": "typo.sqlite"]), status: 66, mentioning: "typo.sqlite")
        #expect(sandbox.listing().isEmpty)
        // With no database named, an empty folder is an empty history.
        #expect(try sandbox.run(command).status != 66)
    }

    @Test func aBackupAndTheEditorsFileKeepPrivateTextPrivate() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        #expect(chmod(sandbox.defaultDatabase, 0o600) == 0)
        try sandbox.ok(["backup", "copy.sqlite"])
        var info = stat()
        #expect(stat(sandbox.dir.appendingPathComponent("copy.sqlite").path, &info) == 0 && info.st_mode & 0o777 == 0o600)

        let editor = sandbox.scratch.appendingPathComponent("editor.sh")
        let seen = sandbox.scratch.appendingPathComponent("mode.txt")
        try Data("#!/bin/sh\nstat -c %a \"$1\" > \(seen.path)\nprintf 'Private notes\\n' > \"$1\"\n".utf8).write(to: editor)
        #expect(chmod(editor.path, 0o755) == 0)
        let result = try sandbox.run(["set", "--summary", "-e"], environment: ["EDITOR": editor.path, "VISUAL": nil])
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOf: seen, encoding: .utf8) == "600\n")
    }

    @Test func endlessInputIsBoundedAndPipesAreRead() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        expectFailure(try sandbox.run(["section", "add", "Zeros", "--file", "/dev/zero"]), status: 74, mentioning: "/dev/zero", "longer than 64 MiB")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)

        let fifo = sandbox.dir.appendingPathComponent("notes.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'From a pipe\\n' > \(fifo)"]
        try writer.run()
        try sandbox.ok(["section", "add", "Piped", "--file", "notes.fifo"])
        writer.waitUntilExit()
        #expect(try sandbox.ok(["section", "list"]).stdout.contains("From a pipe"))
    }

    @Test func tensOfThousandsOfArgumentsAreRefusedAtOnceAndRangesWork() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is down"])
        for text in ["one", "two", "three"] { try sandbox.ok(["action", "add", text]) }
        let started = Date()
        expectFailure(try sandbox.run(["check", "INC-1"] + (1...20_000).map(String.init)), status: 64,
                      mentioning: "20002 arguments", "ranges or lists")
        #expect(Date().timeIntervalSince(started) < 30, "refused before parsing")
        #expect(try sandbox.ok(["check", "INC-1", "1-3"]).stdout.contains("Checked action 3"))
    }

    @Test func errorsSayWhatIsReallyWrong() throws {
        let sandbox = try Sandbox()
        let memory = try sandbox.run(["list", "--db", "/proc/self/mem"])
        expectFailure(memory, status: 74, mentioning: "/proc/self/mem")
        #expect(!memory.stderr.contains("disk is full"), "\(memory)")
        let declared = try sandbox.run(["new", "--p1", "Checkout is down"], environment: ["USER": "", "LOGNAME": ""])
        #expect(declared.status == 0, "\(declared)")
        #expect(try sandbox.ok(["log"]).stdout.contains("INC-1"))
    }
}

extension HostileFilesTests {
    @Test func aFolderImportFollowsNoSymlinkOutOfTheFolder() throws {
        let sandbox = try Sandbox()
        let secret = sandbox.scratch.appendingPathComponent("secret.md")
        try Data("# Secret\n\napi-token-123\n".utf8).write(to: secret)
        let outside = sandbox.scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("# Elsewhere\n\nprivate-notes-456\n".utf8).write(to: outside.appendingPathComponent("other.md"))
        let archive = sandbox.dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: archive.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("# Real outage\n\n## Summary\n\nIt broke.\n".utf8).write(to: archive.appendingPathComponent("sub/real.md"))
        try FileManager.default.createSymbolicLink(atPath: archive.appendingPathComponent("leak.md").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: archive.appendingPathComponent("linked").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: archive.appendingPathComponent("alias.md").path, withDestinationPath: "sub/real.md")
        let result = try sandbox.run(["import", "docs"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("docs/leak.md") && result.stdout.contains("outside docs"), "\(result)")
        #expect(result.stdout.contains("docs/linked"), "\(result)")
        let dump = try sandbox.dump(sandbox.defaultDatabase)
        #expect(!dump.contains("api-token-123") && !dump.contains("private-notes-456"))
        #expect(dump.contains("Real outage"))
    }
}
