import Foundation
import GRDB

// What `incident backup` and `incident doctor` do: an online copy, a diagnosis, and the repairs it names.

extension IncidentStore {
    /// Copies the database to `destination` with SQLite's online backup: one consistent snapshot, taken while
    /// other commands keep writing. The copy is made beside `destination`, must pass `quick_check`, and is then
    /// renamed into place, so a failed backup leaves nothing behind.
    public func backup(to destination: String, overwrite: Bool) throws(IncidentError) -> BackupResult {
        try checkBackupDestination(destination, overwrite: overwrite)
        let folder = Self.folder(of: destination)
        let name = (destination as NSString).lastPathComponent
        let partial = (folder as NSString).appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).partial")
        // After the rename there is nothing left to remove; after a failure, this removes the partial copy.
        defer { Self.removeDatabaseFiles(at: partial) }
        let incidents: Int
        do {
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            let (problems, count) = try copy.read { db in
                (try Self.integrityProblems(db, pragma: "quick_check"),
                 try db.tableExists("incident") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0 : 0)
            }
            try copy.close()
            guard problems.isEmpty else {
                throw IncidentError.storageFailure("the copy failed quick_check (\(problems[0])), so \(path ?? "the database") is damaged; run `incident doctor`")
            }
            incidents = count
        } catch {
            throw backupError(error, destination: destination)
        }
        // The copy holds the same private text as the database: it gets the database's mode, not the umask's.
        var source = stat()
        if let path, stat(path, &source) == 0 { chmod(partial, source.st_mode & 0o777) }
        guard rename(partial, destination) == 0 else {
            throw .backupFailed(path: destination, reason: String(cString: strerror(errno)))
        }
        Self.synchronize(folder: folder)
        return BackupResult(path: destination, bytes: Self.size(of: destination), incidentCount: incidents)
    }

    /// Diagnoses the database at `path`, also when it is too damaged to open as a store: SQLite's reason then
    /// becomes the finding. Files that are not incident databases, or are from a newer `incident`, are refused.
    public static func diagnose(path: String) throws(IncidentError) -> StoreDiagnosis {
        do {
            return try IncidentStore(path: path, readOnly: true, actor: "doctor", asStored: true).diagnose()
        } catch {
            switch error {
            case .storageFailure, .damagedDatabase: break
            default: throw error
            }
            guard let reason = damage(at: path) else { throw error }
            let finding = StoreFinding(check: "integrity_check", problem: "SQLite can't read the file", details: [reason], repair: .restore)
            return StoreDiagnosis(appliedMigrations: [], knownMigrations: migrator.migrations, incidentCount: 0, changeCount: 0,
                                  searchIndexes: [], findings: [finding], isReadable: false)
        }
    }

    /// Checks integrity, schema version, foreign keys, orphaned rows and any full-text search index. Changes nothing.
    public func diagnose() throws(IncidentError) -> StoreDiagnosis {
        try inspect { db in
            let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            let recorded = tables.contains("grdb_migrations")
                ? try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
            let known = Self.migrator.migrations
            let searchIndexes = (try? Self.searchIndexes(db)) ?? []
            var findings = Self.attempt("integrity_check") { try Self.integrityFindings(db) }
            findings += Self.attempt("schema") { try Self.schemaFindings(applied: recorded, db) }
            findings += Self.attempt("foreign_key_check") { try Self.foreignKeyFindings(db) }
            findings += Self.attempt("orphaned rows") { try Self.settingFindings(tables: tables, db) }
            findings += Self.attempt("search index") { try Self.searchIndexFindings(searchIndexes, db) }
            // Records decode against the current schema only; an older file is read as it is by the commands.
            if recorded == Set(known) { findings += Self.attempt("stored values") { try Self.storedValueFindings(db) } }
            func count(_ table: String) -> Int {
                guard tables.contains(table) else { return 0 }
                return (try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")) ?? 0
            }
            return StoreDiagnosis(appliedMigrations: known.filter(recorded.contains) + recorded.subtracting(known).sorted(),
                                  knownMigrations: known, incidentCount: count("incident"), changeCount: count("changeLog"),
                                  searchIndexes: searchIndexes, findings: findings)
        }
    }

    /// Recreates missing indexes and triggers from the known schema, then rebuilds every index and search index
    /// from the tables. Returns what it did; the change log records it.
    public func rebuildIndexes() throws(IncidentError) -> [String] {
        try write { db in
            var done: [String] = []
            for object in try Self.missingObjects(db) where object.type != "table" {
                try db.execute(sql: object.sql)
                done.append("recreated \(object.type) \(object.name)")
            }
            try db.execute(sql: "REINDEX")
            done.append("rebuilt every index")
            for name in try Self.searchIndexes(db) {
                try db.execute(sql: "INSERT INTO \(name.quotedDatabaseIdentifier)(\(name.quotedDatabaseIdentifier)) VALUES ('rebuild')")
                done.append("rebuilt search index \(name)")
            }
            if try db.tableExists("searchPending") {
                try db.execute(sql: "INSERT OR IGNORE INTO searchPending(incidentNumber) SELECT number FROM incident")
                try Self.refreshSearch(db)
                done.append("re-read every incident's searchable text")
            }
            try log("doctor: \(done.joined(separator: ", "))", for: nil, db)
            return done
        }
    }

    /// Removes rows that belong to no incident (a why that answers a missing why keeps its text and loses the link)
    /// and a current incident that no longer exists. Change-log lines stay: the log is append-only.
    public func pruneOrphans() throws(IncidentError) -> [String] {
        try write { db in
            // Orphans may reference each other; checked once, at commit, when all are gone.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            var done: [String] = []
            for _ in 0..<8 {
                let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                    .map { (table: $0["table"] as String, key: $0["fkid"] as Int) }.filter { $0.table != "changeLog" }
                guard !violations.isEmpty else { break }
                var seen = Set<String>()
                for violation in violations where seen.insert("\(violation.table) \(violation.key)").inserted {
                    done.append(try Self.prune(violation.table, foreignKey: violation.key, db))
                }
            }
            if let current = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'current'"),
               try !Self.incidentExists(current, db) {
                try db.execute(sql: "DELETE FROM setting WHERE key = 'current'")
                done.append("forgot the current incident \(Int(current).map(IncidentReference.format) ?? current), which does not exist")
            }
            if done.isEmpty { return ["nothing to prune"] }
            try log("doctor: \(done.joined(separator: ", "))", for: nil, db)
            return done
        }
    }
}

// Backup helpers.
private extension IncidentStore {
    func checkBackupDestination(_ destination: String, overwrite: Bool) throws(IncidentError) {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = files.fileExists(atPath: destination, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .backupFailed(path: destination, reason: "it is a folder; name a file inside it, e.g. \(destination)/incidents.sqlite") }
        if exists, let path, Self.isSameFile(path, destination) { throw .backupOntoItself(path: destination) }
        if exists, !overwrite { throw .fileExists(path: destination) }
        let folder = Self.folder(of: destination)
        guard files.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .backupFailed(path: destination, reason: "the folder \(folder) does not exist; create it first")
        }
        // A journal beside the file would be replayed into the new copy: the old file is open or was not closed cleanly.
        for suffix in ["-wal", "-journal"] where exists && Self.size(of: destination + suffix) > 0 {
            throw .backupFailed(path: destination, reason: "\(destination)\(suffix) beside it says something has it open; close that, or choose another path")
        }
    }

    func backupError(_ error: any Error, destination: String) -> IncidentError {
        if let error = error as? IncidentError { return error }
        guard let error = error as? DatabaseError else { return .backupFailed(path: destination, reason: String(describing: error)) }
        switch error.resultCode {
        case .SQLITE_FULL: return .backupFailed(path: destination, reason: "the disk is full; free some space, or back up to another disk")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .backupFailed(path: destination, reason: "its folder can't be written (\(error.message ?? "permission denied")); choose another folder")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return mapError(error)
        default: return .backupFailed(path: destination, reason: error.message ?? "\(error.resultCode)")
        }
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        return stat(first, &a) == 0 && stat(second, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func removeDatabaseFiles(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Makes the rename durable: the folder entry is on disk once this returns.
    static func synchronize(folder: String) {
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        closeDescriptor(descriptor)
    }
}

// Diagnosis helpers; each runs inside `inspect`'s transaction, which is rolled back.
private extension IncidentStore {
    /// Runs `body` in a transaction that is always rolled back: search-index checks are INSERT statements.
    func inspect<T>(_ body: (Database) throws -> T) throws(IncidentError) -> T {
        try transaction(.deferred, commit: false, body)
    }

    /// SQLite's reason when the file at `path` is damaged too badly to open; nil for any other failure.
    static func damage(at path: String) -> String? {
        do {
            // Read-write, as the store opens an existing file, so that no -wal or -shm file is left behind.
            let probe = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
            _ = try probe.read { db in try Row.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
            return nil
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return error.message ?? "database disk image is malformed"
        } catch {
            return nil
        }
    }

    /// A check SQLite could not finish is itself a finding.
    static func attempt(_ check: String, _ body: () throws -> [StoreFinding]) -> [StoreFinding] {
        do {
            return try body()
        } catch {
            let reason = (error as? DatabaseError)?.message ?? String(describing: error)
            return [StoreFinding(check: check, problem: "SQLite could not finish this check", details: [reason], repair: .restore)]
        }
    }

    static func integrityFindings(_ db: Database) throws -> [StoreFinding] {
        let lines = try integrityProblems(db, pragma: "integrity_check(100)")
        guard !lines.isEmpty else { return [] }
        let indexes = try Row.fetchAll(db, sql: "SELECT name, rootpage FROM sqlite_master WHERE type = 'index'")
        let names = indexes.map { $0["name"] as String }
        let roots = Set(indexes.compactMap { $0["rootpage"] as Int? })
        func isAboutAnIndex(_ line: String) -> Bool {
            if names.contains(where: { line.hasSuffix("index \($0)") || line.contains("index \($0) ") }) { return true }
            // B-tree damage names the tree by its root page: "Tree 12 page 14 cell 3: …".
            guard line.hasPrefix("Tree "), let root = Int(line.dropFirst(5).prefix { $0.isNumber }) else { return false }
            return roots.contains(root)
        }
        let aboutIndexes = lines.filter(isAboutAnIndex)
        let aboutTables = lines.filter { !isAboutAnIndex($0) }
        var findings: [StoreFinding] = []
        if !aboutIndexes.isEmpty {
            findings.append(StoreFinding(check: "integrity_check", problem: "indexes don't match their tables (the tables are intact)",
                                         details: aboutIndexes, repair: .reindex))
        }
        if !aboutTables.isEmpty {
            findings.append(StoreFinding(check: "integrity_check", problem: "the file is damaged beyond its indexes",
                                         details: aboutTables, repair: .restore))
        }
        return findings
    }

    /// What `PRAGMA integrity_check` or `quick_check` reports, one problem a line; empty when it says ok.
    ///
    /// SQLite 3.40.0 to 3.41.0 report "NULL value in label.position" for WITHOUT ROWID tables whose primary key
    /// is declared in another order than the columns, when there is no NULL; such a line is kept only if a
    /// NULL is really there. `typeof` is used because SQLite answers `IS NULL` on a NOT NULL column without looking.
    static func integrityProblems(_ db: Database, pragma: String) throws -> [String] {
        let lines = try String.fetchAll(db, sql: "PRAGMA \(pragma)")
            .flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("*** in database") }
        guard lines != ["ok"] else { return [] }
        return try lines.filter { line in
            guard line.hasPrefix("NULL value in ") else { return true }
            let parts = line.dropFirst("NULL value in ".count).split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, try db.tableExists(parts[0]), try db.columns(in: parts[0]).contains(where: { $0.name == parts[1] })
            else { return true }
            let nulls = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(parts[0].quotedDatabaseIdentifier) WHERE typeof(\(parts[1].quotedDatabaseIdentifier)) = 'null'")
            return nulls != 0
        }
    }

    static func schemaFindings(applied: Set<String>, _ db: Database) throws -> [StoreFinding] {
        let known = migrator.migrations
        guard let last = known.last(where: applied.contains) else { return [] }
        var findings: [StoreFinding] = []
        let skipped = known.prefix { $0 != last }.filter { !applied.contains($0) }
        if !skipped.isEmpty {
            findings.append(StoreFinding(check: "schema", problem: "migrations \(skipped.joined(separator: ", ")) were never applied, but \(last) was",
                                         repair: .restore))
        }
        for object in try missingObjects(db) {
            findings.append(StoreFinding(check: "schema", problem: "the \(object.type) \(object.name) is missing",
                                         repair: object.type == "table" ? .restore : .reindex))
        }
        for object in try foreignObjects(db) {
            findings.append(StoreFinding(check: "schema", problem: "the \(object.type) \(object.name) was not created by incident\(object.changed ? " (one of that name was, with other SQL)" : "")",
                                         details: [String(object.sql.prefix(200))], repair: .removeForeign))
        }
        return findings
    }

    /// Tables, indexes, triggers and views in the file that the applied migrations don't create, or create with
    /// other SQL: someone else put them there.
    static func foreignObjects(_ db: Database) throws -> [(type: String, name: String, sql: String, changed: Bool)] {
        guard let reference = try referenceSchema(for: db) else { return [] }
        let expected = Dictionary(reference.map { ("\($0.type) \($0.name)", $0.sql) }, uniquingKeysWith: { first, _ in first })
        // SQLite's own objects (autoindexes, the shadow tables of a full-text index) follow from the ones named.
        let virtualTables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
        return try Row.fetchAll(db, sql: """
            SELECT type, name, ifnull(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid
            """).compactMap { row in
            let type: String = row[0], name: String = row[1], sql: String = row[2]
            if virtualTables.contains(where: { name.hasPrefix($0 + "_") }) { return nil }
            guard let known = expected["\(type) \(name)"] else { return (type, name, sql, false) }
            return known == sql || type == "table" || type == "index" ? nil : (type, name, sql, true)
        }
    }

    /// Tables, indexes and triggers the applied migrations create that the file lacks, with the SQL that makes them.
    static func missingObjects(_ db: Database) throws -> [(type: String, name: String, sql: String)] {
        guard let reference = try referenceSchema(for: db) else { return [] }
        let present = try Set(String.fetchAll(db, sql: "SELECT type || ' ' || name FROM sqlite_master"))
        return reference.filter { !present.contains("\($0.type) \($0.name)") }
    }

    /// What the migrations `db` has applied create (type, name, SQL, in order): a fresh database migrated as far.
    private static func referenceSchema(for db: Database) throws -> [(type: String, name: String, sql: String)]? {
        guard try db.tableExists("grdb_migrations") else { return nil }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        guard let last = migrator.migrations.last(where: applied.contains) else { return nil }
        let reference = try DatabaseQueue()
        try migrator.migrate(reference, upTo: last)
        return try reference.read { reference in
            try Row.fetchAll(reference, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
                .map { (type: $0["type"] as String, name: $0["name"] as String, sql: $0["sql"] as String) }
        }
    }

    static func foreignKeyFindings(_ db: Database) throws -> [StoreFinding] {
        var counts: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            counts[row["table"], default: [:]][row["parent"], default: 0] += 1
        }
        let groups = counts.keys.sorted().flatMap { table in counts[table, default: [:]].sorted { $0.key < $1.key }.map { (table, $0.key, $0.value) } }
        return groups.map { table, parent, count in
            if table == "changeLog" {
                return StoreFinding(check: "foreign_key_check",
                                    problem: "\(count) change-log \(count == 1 ? "line names an incident" : "lines name incidents") that no longer \(count == 1 ? "exists" : "exist") (the log is append-only, so only a backup brings the incidents back)",
                                    repair: .restore)
            }
            return StoreFinding(check: "foreign_key_check",
                                problem: "\(count) \(count == 1 ? "row" : "rows") of \(table) \(count == 1 ? "points" : "point") to \(parent == "incident" ? "an incident" : "a \(parent)") that doesn't exist",
                                repair: .prune)
        }
    }

    static func settingFindings(tables: Set<String>, _ db: Database) throws -> [StoreFinding] {
        guard tables.contains("setting"), tables.contains("incident"),
              let current = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'current'"),
              try !incidentExists(current, db)
        else { return [] }
        let name = Int(current).map(IncidentReference.format) ?? "\"\(current)\""
        return [StoreFinding(check: "orphaned rows", problem: "the current incident is \(name), which doesn't exist", repair: .prune)]
    }

    static func incidentExists(_ value: String, _ db: Database) throws -> Bool {
        guard let number = Int(value) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE number = ?", arguments: [number]) == true
    }

    /// Full-text search tables (FTS3/4/5), if the schema has any.
    static func searchIndexes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND sql LIKE '%USING fts%' ORDER BY name
            """)
    }

    static func searchIndexFindings(_ names: [String], _ db: Database) throws -> [StoreFinding] {
        try names.compactMap { name in
            let table = name.quotedDatabaseIdentifier
            let isFTS5 = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [name])?
                .lowercased().contains("fts5") == true
            do {
                // rank 1 also compares an external-content index with its table (FTS5 only).
                try db.execute(sql: isFTS5 ? "INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1)"
                                           : "INSERT INTO \(table)(\(table)) VALUES ('integrity-check')")
                return nil
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                // FTS5 checks itself with an INSERT command, which a read-only file refuses: not checked, not damaged.
                return nil
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                return StoreFinding(check: "search index", problem: "the search index \(name) doesn't match its table",
                                    details: [error.message ?? "corrupt"], repair: .reindex)
            }
        }
    }

    /// Deletes the rows of `table` whose foreign key number `key` points nowhere, or clears the link when it can be empty.
    static func prune(_ table: String, foreignKey key: Int, _ db: Database) throws -> String {
        let links = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))").filter { ($0["id"] as Int) == key }
        guard let link = links.first else { return "nothing to prune in \(table)" }
        let parent: String = link["table"]
        let parentKey = try Row.fetchAll(db, sql: "PRAGMA table_info(\(parent.quotedDatabaseIdentifier))")
            .filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
        let pairs = links.sorted { ($0["seq"] as Int) < ($1["seq"] as Int) }.enumerated().map { index, link in
            (child: link["from"] as String, parent: (link["to"] as String?) ?? parentKey[index])
        }
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))")
        let clearable = pairs.map(\.child).filter { name in
            columns.contains { ($0["name"] as String) == name && ($0["notnull"] as Int) == 0 && ($0["pk"] as Int) == 0 }
        }
        let child = table.quotedDatabaseIdentifier
        let dangling = pairs.map { "\(child).\($0.child.quotedDatabaseIdentifier) IS NOT NULL" }.joined(separator: " AND ")
            + " AND NOT EXISTS (SELECT 1 FROM \(parent.quotedDatabaseIdentifier) AS p WHERE "
            + pairs.map { "p.\($0.parent.quotedDatabaseIdentifier) = \(child).\($0.child.quotedDatabaseIdentifier)" }.joined(separator: " AND ")
            + ")"
        if clearable.isEmpty {
            try db.execute(sql: "DELETE FROM \(child) WHERE \(dangling)")
            return "removed \(db.changesCount) \(table) \(db.changesCount == 1 ? "row" : "rows") of no \(parent)"
        }
        try db.execute(sql: "UPDATE \(child) SET \(clearable.map { "\($0.quotedDatabaseIdentifier) = NULL" }.joined(separator: ", ")) WHERE \(dangling)")
        return "cleared \(clearable.joined(separator: ", ")) in \(db.changesCount) \(table) \(db.changesCount == 1 ? "row" : "rows") that pointed to no \(parent)"
    }
}

/// `close(2)`, out of reach inside `IncidentStore`, whose `close(_:at:resolution:force:)` hides it.
private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
