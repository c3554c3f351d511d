import Foundation
import GRDB

/// The only way into the incident database: every read and write goes through here.
public final class IncidentStore: Sendable {
    let writer: any DatabaseWriter
    /// Who the change log names for writes made through this store.
    public let actor: String
    /// Where the database lives, or nil for an in-memory store.
    public let path: String?
    let clock: @Sendable () -> Date
    /// The migrations this database has applied; empty for a file that is not yet written.
    let appliedMigrations: Set<String>
    /// The device and inode of the file opened at `path`: a write first checks that `path` still names it.
    let file: (device: UInt64, inode: UInt64)?

    /// Opens the database at `path`; a missing file is created only when `readOnly` is false.
    ///
    /// A file written by an older release is migrated when opened for writing. Opened for reading, it is
    /// left as it is and read through a migrated copy in memory, unless `asStored` (backups copy the file) or
    /// all it lacks is indexes (`indexOnlyMigrations`).
    public convenience init(path: String, readOnly: Bool, actor: String, asStored: Bool = false,
                            clock: @escaping @Sendable () -> Date = Date.init) throws(IncidentError) {
        let actor = try Self.actorName(actor)
        let created = FileManager.default.fileExists(atPath: path) ? nil : Self.missingFolders(for: path)
        do {
            let writer = try Self.openFile(at: path, readOnly: readOnly)
            try self.init(writer: writer, path: path, readOnly: readOnly, asStored: asStored, actor: actor, clock: clock)
        } catch {
            // A first write that failed (a full disk, say) leaves no empty database behind.
            if let created { Self.removeCreated(path, folders: created) }
            throw error
        }
    }

    /// A fresh store that lives in memory, for tests and dry runs.
    public static func inMemory(actor: String = "tester",
                                clock: @escaping @Sendable () -> Date = Date.init) throws(IncidentError) -> IncidentStore {
        let actor = try actorName(actor)
        do {
            let queue = try DatabaseQueue(configuration: Self.configuration(readOnly: false))
            return try IncidentStore(writer: queue, path: nil, readOnly: false, asStored: false, actor: actor, clock: clock)
        } catch let error as IncidentError {
            throw error
        } catch {
            throw .storageFailure(String(describing: error))
        }
    }

    private init(writer: any DatabaseWriter, path: String?, readOnly: Bool, asStored: Bool, actor: String,
                 clock: @escaping @Sendable () -> Date) throws(IncidentError) {
        var schema = try Self.prepareSchema(of: writer, at: path, readOnly: readOnly, asStored: asStored)
        var writer = writer
        if readOnly, !asStored, !schema.applied.isEmpty,
           !Set(Self.migrator.migrations).subtracting(schema.applied).isSubset(of: Self.indexOnlyMigrations) {
            writer = try Self.migratedCopy(of: writer, path: path)
            schema.applied = Set(Self.migrator.migrations)
        }
        self.writer = writer
        self.path = path
        self.actor = actor
        self.clock = clock
        appliedMigrations = schema.applied
        file = path.flatMap(Self.identity(ofFileAt:))
        // WAL lets several terminals read and write at once; it is set only once the file is known to be ours.
        if !readOnly, path != nil, schema.journalMode != "wal" { try enableWriteAheadLog() }
    }

    /// A copy in memory of an older database, brought up to date, so that reads see one schema.
    private static func migratedCopy(of source: any DatabaseWriter, path: String?) throws(IncidentError) -> DatabaseQueue {
        do {
            let copy = try DatabaseQueue(configuration: configuration(readOnly: false))
            try source.backup(to: copy)
            try migrator.migrate(copy)
            return copy
        } catch {
            throw mapError(error, path: path)
        }
    }

    /// Runs `body` in one immediate transaction, so concurrent writers queue instead of failing.
    func write<T>(_ body: (Database) throws -> T) throws(IncidentError) -> T {
        try transaction(.immediate, commit: true, body)
    }

    /// Runs `body` in a transaction of `kind` that is committed, or rolled back when `commit` is false.
    /// A writing transaction first checks, holding the lock, that the file is still there: a command that created the
    /// database and failed removes it again (`removeCreated`), and what a command wrote after that would be lost unseen.
    func transaction<T>(_ kind: Database.TransactionKind, commit: Bool, _ body: (Database) throws -> T) throws(IncidentError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(kind) {
                    if kind != .deferred, let file, let path, Self.identity(ofFileAt: path).map({ $0 != file }) ?? true {
                        throw IncidentError.databaseReplaced(path: path)
                    }
                    result = try body(db)
                    return commit ? .commit : .rollback
                }
                return result!
            }
        } catch {
            throw mapError(error)
        }
    }

    /// The device and inode of the file at `path`, or nil when there is none.
    static func identity(ofFileAt path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Runs `body` on a consistent snapshot of the database.
    func read<T>(_ body: (Database) throws -> T) throws(IncidentError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw mapError(error)
        }
    }

    /// True once the database has tables; a new, empty file has none and reads find nothing.
    var hasSchema: Bool { !appliedMigrations.isEmpty }

    /// Turns GRDB and SQLite failures into the sentences users see.
    func mapError(_ error: any Error) -> IncidentError {
        Self.mapError(error, path: path)
    }

    /// Less than 64 KiB free where the database lives.
    static func diskIsFull(at path: String) -> Bool {
        var stats = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        // A filesystem with no blocks at all (/proc, /sys) is not full: it just can't hold a database.
        guard statvfs(folder.isEmpty ? "." : folder, &stats) == 0, stats.f_blocks > 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 64 * 1024
    }

    static func mapError(_ error: any Error, path: String?) -> IncidentError {
        if let error = error as? IncidentError { return error }
        if error is RowDecodingError { return .unreadableStoredValue(describeDecodingError(error)) }
        guard let error = error as? DatabaseError else { return .storageFailure(String(describing: error)) }
        let location = path ?? ":memory:"
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: location)
        case .SQLITE_FULL:
            return .unwritableLocation(path: location, reason: "the disk is full")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_IOERR:
            // SQLite reports a full disk as an I/O error when it can't even make the -shm file.
            if let path, diskIsFull(at: path) { return .unwritableLocation(path: location, reason: "the disk is full") }
            return .unwritableLocation(path: location, reason: error.message ?? "permission denied")
        case .SQLITE_CORRUPT:
            return .damagedDatabase(path: location, detail: error.message ?? "corrupt")
        default: return .storageFailure(error.message ?? "\(error.resultCode)")
        }
    }
}
