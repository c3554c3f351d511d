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

    /// A command that created the database and failed removes it again; a command that had opened it meanwhile must
    /// not write into the removed file and report success.
    @Test func aWriteAfterTheFileWasRemovedOrReplacedIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents.sqlite").path
        let store = try IncidentStore(path: path, readOnly: false, actor: "t")
        let declared = try store.declare(IncidentDraft(title: "Checkout fails", severity: .p1, declaredAt: Date()))
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        #expect(throws: IncidentError.databaseReplaced(path: path)) { try store.addAction(declared.number, text: "Roll back") }
        #expect(!FileManager.default.fileExists(atPath: path))

        let replacing = try IncidentStore(path: path, readOnly: false, actor: "t")
        _ = try replacing.declare(IncidentDraft(title: "Another", severity: .p2, declaredAt: Date()))
        #expect(throws: IncidentError.databaseReplaced(path: path)) { try store.addAction(declared.number, text: "Roll back") }
        #expect(try replacing.incident(1).title == "Another" && replacing.incident(1).actions.isEmpty)
    }

    /// What a failed first command created goes again, but only while nobody recorded anything in it, and folders only
    /// when empty.
    @Test func aCreatedDatabaseIsRemovedOnlyWhileNothingIsRecordedInIt() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = folder.appendingPathComponent("new/incidents")
        let path = made.appendingPathComponent("incidents.sqlite").path
        let folders = IncidentStore.missingFolders(for: path)
        #expect(folders == [folder.appendingPathComponent("new").path, made.path])

        _ = try IncidentStore(path: path, readOnly: false, actor: "t")
        IncidentStore.removeCreated(path, folders: folders)
        #expect(!FileManager.default.fileExists(atPath: folders[0]), "the empty database and its folders are gone")

        let other = try IncidentStore(path: path, readOnly: false, actor: "t")
        _ = try other.declare(IncidentDraft(title: "Declared from another terminal", severity: .p1, declaredAt: Date()))
        IncidentStore.removeCreated(path, folders: folders)
        #expect(try other.incident(1).title == "Declared from another terminal")
        #expect(try IncidentStore(path: path, readOnly: true, actor: "t").incident(1).title == "Declared from another terminal")
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
