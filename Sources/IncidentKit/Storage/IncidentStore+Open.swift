import Foundation
import GRDB

extension IncidentStore {
    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        // Several responders' terminals write at once: wait for the lock instead of failing.
        configuration.busyMode = .timeout(30)
        configuration.label = "incident"
        // Functions with side effects and virtual tables can't be reached from the file's own schema (views,
        // triggers, CHECK and DEFAULT expressions): a handed-over file runs only what the tool's own SQL asks for.
        // Savepoints and statements inside a larger transaction keep the pages they change in a journal of their own,
        // a temporary file by default: an archive import, a savepoint per document, wrote it with a system call per
        // page. Kept in memory, it is freed with the transaction.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA trusted_schema = OFF") }
        return configuration
    }

    /// Opens the file without letting SQLite create or touch anything it shouldn't.
    static func openFile(at path: String, readOnly: Bool) throws(IncidentError) -> DatabaseQueue {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = files.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .unwritableLocation(path: path, reason: "it is a folder") }
        if exists {
            try checkHeader(of: path)
        } else if readOnly {
            throw .noDatabase(path: path)
        } else {
            try createFolder(for: path)
        }
        do {
            // Readers of an existing file open it read-write too (and only read), because a read-only
            // connection can't remove the -wal and -shm files it makes beside a WAL database.
            return try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly && !exists))
        } catch {
            throw mapError(error, path: path)
        }
    }

    /// An SQLite file starts with a fixed 16-byte header; an empty file is a database not yet written.
    /// WAL lets readers and writers in several terminals work at once; set only once the file is known to be ours.
    func enableWriteAheadLog() throws(IncidentError) {
        do {
            try writer.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
        } catch {
            throw mapError(error)
        }
    }

    private static func checkHeader(of path: String) throws(IncidentError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG { throw .notADatabase(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied; check its owner and mode")
        }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 16) ?? Data()
        } catch {
            throw .unreadableFile(path: path, reason: "it can't be read as a file (\(String(cString: strerror(errno))))")
        }
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) { throw .notADatabase(path: path) }
    }

    /// Runs `body` with the store at `path` opened for writing, created if missing. When `body` fails, a database
    /// created here is removed again: for work that stores nothing when it fails, so a refusal leaves no empty file.
    public static func withStore<T>(creatingAt path: String, actor: String, _ body: (IncidentStore) throws -> T) throws -> T {
        let created = FileManager.default.fileExists(atPath: path) ? nil : missingFolders(for: path)
        do {
            return try body(IncidentStore(path: path, readOnly: false, actor: actor))
        } catch {
            if let created { removeCreated(path, folders: created) }
            throw error
        }
    }

    /// Removes what a failed first write created: the database file, its -wal/-shm files and the folders made for it.
    /// Another terminal may have started on the same new database meanwhile, so the file goes only under an exclusive
    /// lock and only while nothing is recorded in it, and a folder only when it is empty. A command that had the file
    /// open finds it gone at its next write (`databaseReplaced`) instead of writing into a removed file.
    static func removeCreated(_ path: String, folders: [String]) {
        if FileManager.default.fileExists(atPath: path) {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
                try queue.writeWithoutTransaction { db in
                    try db.inTransaction(.exclusive) {
                        if try !holdsNothing(db) { return .rollback }
                        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
                        return .rollback
                    }
                }
            } catch {
                // Unsure what the file holds: it stays.
            }
        }
        for folder in folders.reversed() { rmdir(folder) }
    }

    /// Whether `db` is empty or an incident database with no incident and no change-log line.
    private static func holdsNothing(_ db: Database) throws -> Bool {
        let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        if tables.isEmpty { return true }
        guard tables.contains("incident"), tables.contains("changeLog") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM incident) AND NOT EXISTS (SELECT 1 FROM changeLog)") ?? false
    }

    /// The folders `createFolder` would make for `path`, outermost first.
    static func missingFolders(for path: String) -> [String] {
        var folders: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            folders.insert(folder, at: 0)
            folder = (folder as NSString).deletingLastPathComponent
        }
        return folders
    }

    private static func createFolder(for path: String) throws(IncidentError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unwritableLocation(path: path, reason: "the folder \(folder) can't be created")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw .unwritableLocation(path: path, reason: "the folder \(folder) is not writable")
        }
    }
}
