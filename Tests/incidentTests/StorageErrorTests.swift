import Foundation
import Testing

/// Files that are not (or not yet) incident databases: exit 74, one line, and the file left byte for byte.
@Suite struct StorageErrorTests {
    static let readCommands = [["list"], ["show"], ["log"]]
    static let writeCommands = [["new", "--p1", "Another incident"], ["why", "add", "Because"], ["check", "1"]]

    @Test func aFileOfRandomBytesIsNotADatabaseAndIsLeftUntouched() throws {
        let sandbox = try Sandbox()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data("GARBAGE!".utf8) + Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: sandbox.dir.appendingPathComponent("garbage.txt"))
        for command in Self.readCommands + Self.writeCommands {
            let result = try sandbox.run(command + ["--db", "garbage.txt"])
            expectFailure(result, status: 74, mentioning: "garbage.txt is not an SQLite database")
            #expect(try sandbox.contents("garbage.txt") == garbage, "\(command) changed the file")
        }
        #expect(sandbox.listing() == ["garbage.txt"])
    }

    @Test func readingASQLiteDatabaseThatIsNotAnIncidentDatabaseFailsAndLeavesItUntouched() throws {
        let sandbox = try Sandbox()
        try sandbox.sqlite3("other.sqlite", "CREATE TABLE t(x); INSERT INTO t VALUES (42);")
        let original = try sandbox.contents("other.sqlite")
        for command in Self.readCommands {
            let result = try sandbox.run(command, environment: ["INCIDENT_DB": "other.sqlite"])
            expectFailure(result, status: 74, mentioning: "other.sqlite is an SQLite database, but not an incident database")
            #expect(try sandbox.contents("other.sqlite") == original, "\(command) changed the file")
        }
        #expect(sandbox.listing() == ["other.sqlite"])
    }

    /// Write commands look at the tables before they switch a file to WAL (header bytes 18–19), so a
    /// foreign SQLite file is left byte for byte as it was.
    @Test func writingToASQLiteDatabaseThatIsNotAnIncidentDatabaseFailsAndLeavesItByteForByte() throws {
        let sandbox = try Sandbox()
        for command in Self.writeCommands {
            try? FileManager.default.removeItem(at: sandbox.dir.appendingPathComponent("other.sqlite"))
            try sandbox.sqlite3("other.sqlite", "CREATE TABLE t(x); INSERT INTO t VALUES (42);")
            let original = try sandbox.contents("other.sqlite")
            let dump = try sandbox.dump("other.sqlite")
            let result = try sandbox.run(command + ["--db", "other.sqlite"])
            expectFailure(result, status: 74, mentioning: "other.sqlite is an SQLite database, but not an incident database")
            #expect(try sandbox.dump("other.sqlite") == dump, "\(command) changed the contents")
            #expect(try sandbox.contents("other.sqlite") == original, "\(command) changed the file's bytes")
            #expect(try sandbox.sqlite3("other.sqlite", "PRAGMA journal_mode;").stdout == "delete\n", "after \(command)")
            #expect(sandbox.listing() == ["other.sqlite"])
        }
    }

    @Test func aDatabaseFromANewerSchemaIsRefusedByEveryCommandAndLeftUntouched() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        try sandbox.ok(["action", "add", "Scale the pool"])
        let database = sandbox.defaultDatabase
        let inserted = try sandbox.sqlite3(database, "INSERT INTO grdb_migrations VALUES ('v99-future');")
        #expect(inserted.status == 0, "\(inserted)")
        let original = try sandbox.contents(database)
        let dump = try sandbox.dump(database)
        for command in Self.readCommands + Self.writeCommands + [["status", "identified"], ["close", "--force"]] {
            let result = try sandbox.run(command)
            expectFailure(result, status: 74, mentioning: "written by a newer incident (schema v99-future)")
            #expect(try sandbox.contents(database) == original, "\(command) changed the file's bytes")
        }
        #expect(try sandbox.dump(database) == dump)
    }

    @Test func aDatabasePathUnderARegularFileIsUnwritableAndCreatesNothing() throws {
        let sandbox = try Sandbox()
        let original = Data("just a file\n".utf8)
        try original.write(to: sandbox.dir.appendingPathComponent("file.txt"))
        let viaFlag = try sandbox.run(["new", "--p1", "Checkout is slow", "--db", "file.txt/sub/db.sqlite"])
        expectFailure(viaFlag, status: 74, mentioning: "Can't write file.txt/sub/db.sqlite")
        let viaEnvironment = try sandbox.run(["new", "--p1", "Checkout is slow"],
                                             environment: ["INCIDENT_DB": "file.txt/db.sqlite"])
        expectFailure(viaEnvironment, status: 74, mentioning: "Can't write file.txt/db.sqlite")
        #expect(try sandbox.contents("file.txt") == original)
        #expect(sandbox.listing() == ["file.txt"])
    }
}
