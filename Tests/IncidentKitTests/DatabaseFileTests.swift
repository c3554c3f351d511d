import Foundation
import Testing
import GRDB
@testable import IncidentKit

@Suite struct DatabaseFileTests {
    @Test func readingNeverCreatesTheFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents/incidents.sqlite").path
        #expect(throws: IncidentError.noDatabase(path: path)) {
            try IncidentStore(path: path, readOnly: true, actor: "t")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("incidents").path))
    }

    @Test func aFileThatIsNotSQLiteIsRefusedUntouched() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: IncidentError.notADatabase(path: path)) { try IncidentStore(path: path, readOnly: false, actor: "t") }
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func aForeignSQLiteDatabaseIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE things (x)") }
        #expect(throws: IncidentError.notAnIncidentDatabase(path: path)) { try IncidentStore(path: path, readOnly: false, actor: "t") }
    }

    @Test func aDatabaseFromANewerBinaryIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents.sqlite").path
        let store = try IncidentStore(path: path, readOnly: false, actor: "t")
        _ = try Fixtures.declare(store)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        #expect(throws: IncidentError.newerSchema(path: path, unknownMigrations: ["v99-future"])) {
            try IncidentStore(path: path, readOnly: true, actor: "t")
        }
    }

    @Test func theChangeLogIsAppendOnly() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents.sqlite").path
        _ = try Fixtures.declare(try IncidentStore(path: path, readOnly: false, actor: "t"))
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM changeLog") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE changeLog SET actor = 'mallory'") } }
    }
}
