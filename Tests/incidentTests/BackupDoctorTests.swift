import Foundation
import Testing

/// `incident backup`: an online copy that opens and passes integrity_check, even taken while others write,
/// that never overwrites without --force and leaves nothing behind when it fails.
@Suite struct BackupTests {
    @Test func aBackupHasEveryRecordAndPassesIntegrityCheck() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let result = try sandbox.ok(["backup", "copy.sqlite"])
        #expect(result.stdout.hasPrefix("Backed up ") && result.stdout.contains("to copy.sqlite: 1 incident,"), "\(result)")
        #expect(try sandbox.dump("copy.sqlite") == sandbox.dump(sandbox.defaultDatabase))
        #expect(try Faults.integrityProblems(sandbox, "copy.sqlite") == [])
        #expect(try sandbox.ok(["show", "--json", "--db", "copy.sqlite"]).stdout == sandbox.ok(["show", "--json"]).stdout)
        #expect(sandbox.listing() == ["copy.sqlite", "incidents", "incidents/incidents.sqlite"], "nothing else is left behind")
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        let existing = Data("precious notes\n".utf8)
        try existing.write(to: sandbox.dir.appendingPathComponent("notes.txt"))
        expectFailure(try sandbox.run(["backup", "notes.txt"]), status: 64, mentioning: "notes.txt already exists", "--force")
        #expect(try sandbox.contents("notes.txt") == existing)

        try sandbox.ok(["backup", "copy.sqlite"])
        try sandbox.ok(["why", "add", "Written after the first backup"])
        expectFailure(try sandbox.run(["backup", "copy.sqlite"]), status: 64, mentioning: "already exists")
        #expect(try !sandbox.dump("copy.sqlite").contains("Written after the first backup"))
        try sandbox.ok(["backup", "copy.sqlite", "--force"])
        #expect(try sandbox.dump("copy.sqlite") == sandbox.dump(sandbox.defaultDatabase))
    }

    @Test(arguments: ["incidents/incidents.sqlite", "./incidents/../incidents/incidents.sqlite", "link.sqlite"])
    func theDatabaseItselfIsNeverTheTarget(_ target: String) throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        try FileManager.default.createSymbolicLink(atPath: sandbox.dir.appendingPathComponent("link.sqlite").path,
                                                   withDestinationPath: sandbox.defaultDatabase)
        let before = try sandbox.contents(sandbox.defaultDatabase)
        expectFailure(try sandbox.run(["backup", target, "--force"]), status: 64, mentioning: "is the database being backed up")
        #expect(try sandbox.contents(sandbox.defaultDatabase) == before)
    }

    @Test func aMissingFolderOrAFolderAsTargetFailsInOneLineAndCreatesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        let before = sandbox.listing()
        expectFailure(try sandbox.run(["backup", "backups/copy.sqlite"]), status: 74, mentioning: "the folder backups does not exist")
        expectFailure(try sandbox.run(["backup", "incidents"]), status: 74, mentioning: "it is a folder")
        #expect(sandbox.listing() == before)
    }

    @Test func aTargetWithAJournalBesideItIsNotReplaced() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        try sandbox.ok(["new", "--p2", "Other", "--db", "other.sqlite"])
        let held = try HeldOpen("other.sqlite", in: sandbox.dir)
        try sandbox.sqlite3("other.sqlite", "PRAGMA wal_autocheckpoint = 0; INSERT INTO setting VALUES ('x', 'y');")
        let before = try sandbox.contents("other.sqlite")
        let result = try sandbox.run(["backup", "other.sqlite", "--force"])
        expectFailure(result, status: 74, mentioning: "other.sqlite-wal beside it")
        #expect(try sandbox.contents("other.sqlite") == before)
        held.release()
        #expect(try sandbox.sqlite3("other.sqlite", "SELECT value FROM setting WHERE key = 'x';").stdout == "y\n")
    }

    @Test(.enabled(if: Faults.canMakeReadOnly, "needs chmod (as a normal user) or chattr +i (as root)"))
    func aReadOnlyTargetFolderFailsInOneLineAndLeavesNoPartialFile() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("backups"), withIntermediateDirectories: false)
        let readOnly = try ReadOnly.make(sandbox.dir.appendingPathComponent("backups").path).get()
        expectFailure(try sandbox.run(["backup", "backups/copy.sqlite"]), status: 74, mentioning: "its folder can't be written")
        readOnly.undo()
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.dir.appendingPathComponent("backups").path) == [])
    }

    @Test(.enabled(if: Faults.canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func aBackupOntoAFullDiskFailsInOneLineAndLeavesNoPartialFile() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        for index in 1...40 { try sandbox.ok(["timeline", "add", "Entry \(index) " + String(repeating: "x", count: 2000)]) }
        let disk = try SmallDisk.mount(at: sandbox.dir.appendingPathComponent("disk"), kilobytes: 128).get()
        defer { disk.unmount() }
        expectFailure(try sandbox.run(["backup", "disk/copy.sqlite"]), status: 74, mentioning: "the disk is full")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.folder.path) == [])
    }

    @Test func aBackupTakenWhileOthersWriteOpensPassesIntegrityCheckAndIsOneConsistentMoment() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        let writers = 4, writes = Faults.setting("BACKUP_WRITES", default: 8)
        let runner = sandbox.runner
        let failures = Shared<[CLIResult]>([])
        let group = DispatchGroup()
        for writer in 0..<writers {
            DispatchQueue.global().async(group: group) {
                for index in 0..<writes {
                    let result = runner.run(["timeline", "add", "INC-1", "writer \(writer) entry \(index)"])
                    if result.status != 0 { failures.update { $0.append(result) } }
                }
            }
        }
        // Backups one after another for as long as the writers write.
        var backups: [String] = []
        while group.wait(timeout: .now() + .milliseconds(30)) == .timedOut {
            let result = try sandbox.run(["backup", "during-\(backups.count).sqlite"])
            #expect(result.status == 0, "\(result)")
            if result.status == 0 { backups.append("during-\(backups.count).sqlite") }
        }
        #expect(failures.current.isEmpty, "\(failures.current)")

        var counts: [Int] = []
        for backup in backups {
            #expect(try Faults.integrityProblems(sandbox, backup) == [], "\(backup)")
            #expect(try sandbox.run(["doctor", "--db", backup]).status == 0, "\(backup)")
            // One moment: every entry the copy has, its change-log line has too, and no more.
            let entries = try Int(Faults.scalar(sandbox, backup, "SELECT COUNT(*) FROM timelineEntry WHERE text LIKE 'writer %';")) ?? -1
            let logged = try Int(Faults.scalar(sandbox, backup, "SELECT COUNT(*) FROM changeLog WHERE change LIKE 'added timeline note%';")) ?? -2
            #expect(entries == logged, "\(backup): \(entries) entries, \(logged) log lines")
            counts.append(entries)
        }
        #expect(counts == counts.sorted(), "later backups have at least as much")
        #expect(counts.contains { $0 > 0 && $0 < writers * writes }, "no backup was taken mid-way: \(counts)")
        Faults.report(["writers": writers, "writes": writes, "backups": backups.count, "entriesInBackups": counts.map(String.init).joined(separator: " ")],
                      test: "backup during writes")
    }
}

/// `incident doctor`: ok for a healthy store, and for a damaged one what is wrong and the repair, which works.
@Suite struct DoctorTests {
    @Test func aHealthyStoreIsOkAndTheDoctorChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let before = try sandbox.contents(sandbox.defaultDatabase)
        let listing = sandbox.listing()
        let result = try sandbox.ok(["doctor"])
        #expect(result.lines.last?.hasPrefix("ok: \(sandbox.defaultDatabase) has 1 incident and ") == true, "\(result)")
        for check in ["integrity_check", "schema", "foreign_key_check", "orphaned rows", "search index", "stored values"] {
            #expect(result.lines.contains { $0.hasPrefix(check) }, "\(check) is not reported: \(result)")
        }
        #expect(result.stdout.contains("16 of 16 migrations"))
        #expect(try sandbox.contents(sandbox.defaultDatabase) == before)
        #expect(sandbox.listing() == listing)
    }

    @Test func aDamagedIndexIsFoundAndReindexRepairsItWithoutLosingARecord() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        for index in 1...30 { try sandbox.ok(["timeline", "add", "Note \(index)"]) }
        let database = sandbox.defaultDatabase
        let records = try sandbox.sqlite3(database, "SELECT * FROM timelineEntry ORDER BY id; SELECT * FROM changeLog ORDER BY id;").stdout
        try Self.damageIndex("changeLogByIncident", of: database, in: sandbox)
        #expect(try Faults.integrityProblems(sandbox, database) != [], "the damage did not take")

        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74 && diagnosis.stdout.contains("index changeLogByIncident"), "\(diagnosis)")
        #expect(diagnosis.stdout.contains("repair: incident doctor --reindex"), "\(diagnosis)")
        #expect(diagnosis.stderr.hasPrefix("incident: ") && diagnosis.stderr.contains("1 problem"), "\(diagnosis)")

        let repair = try sandbox.run(["doctor", "--reindex"])
        #expect(repair.status == 0 && repair.stdout.contains("repaired: rebuilt every index") && repair.lines.last?.hasPrefix("ok: ") == true,
                "\(repair)")
        #expect(try Faults.integrityProblems(sandbox, database) == [])
        let after = try sandbox.sqlite3(database, "SELECT * FROM timelineEntry ORDER BY id; SELECT * FROM changeLog ORDER BY id;").stdout
        #expect(after.hasPrefix(String(records.dropLast(1))), "a record changed")
        #expect(try sandbox.ok(["log", "--all"]).lines.last?.contains("doctor: rebuilt every index") == true)
    }

    @Test func orphanedRowsAndAMissingCurrentIncidentArePrunedAndRealRecordsKept() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let database = sandbox.defaultDatabase
        let kept = try sandbox.dump(database)
        let orphans = try sandbox.sqlite3(database, """
            PRAGMA foreign_keys = OFF;
            INSERT INTO why VALUES (9, 1, 'Orphaned why', NULL, 0, NULL), (9, 2, 'Its child', 1, 0, NULL);
            INSERT INTO label VALUES (9, 1, 'orphan');
            INSERT INTO actionItem (incidentNumber, number, horizon, text) VALUES (9, 1, 'immediate', 'Orphaned action');
            INSERT INTO why VALUES (1, 99, 'Answers a why that is gone', 42, 0, NULL);
            INSERT OR REPLACE INTO setting VALUES ('current', '7');
            """)
        #expect(orphans.status == 0, "\(orphans)")

        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74, "\(diagnosis)")
        for phrase in ["2 rows of why point to an incident that doesn't exist", "1 row of label", "1 row of actionItem",
                       "1 row of why points to a why that doesn't exist", "the current incident is INC-7, which doesn't exist",
                       "repair: incident doctor --prune"] {
            #expect(diagnosis.stdout.contains(phrase), "missing \(phrase.debugDescription): \(diagnosis.stdout)")
        }
        let repair = try sandbox.run(["doctor", "--prune"])
        #expect(repair.status == 0 && repair.lines.last?.hasPrefix("ok: ") == true, "\(repair)")
        #expect(try sandbox.sqlite3(database, "SELECT text, parentNumber IS NULL FROM why WHERE number = 99;").stdout == "Answers a why that is gone|1\n",
                "a why whose parent is gone keeps its text")
        try sandbox.sqlite3(database, "PRAGMA foreign_keys = OFF; DELETE FROM why WHERE number = 99;")
        let pruned = try sandbox.dump(database)
        // The search index's own storage (incidentSearch_*, and searchPending, its list of incidents to re-read) changes with any delete.
        let withoutLog = { (dump: String) in dump.split(separator: "\n").filter { !$0.contains("INTO changeLog") && !$0.contains("INTO setting")
            && !$0.contains("sqlite_sequence") && !$0.contains("incidentSearch") && !$0.contains("searchPending") } }
        #expect(withoutLog(pruned) == withoutLog(kept), "prune touched a real record")
        #expect(try sandbox.run(["show"]).stderr.contains("No current incident"), "the dangling current incident is forgotten")
    }

    @Test func aMissingIndexAndTriggerAreRecreatedByReindex() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        let database = sandbox.defaultDatabase
        try sandbox.sqlite3(database, "DROP INDEX timelineEntryByIncident; DROP TRIGGER changeLogIsAppendOnlyOnDelete;")
        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74 && diagnosis.stdout.contains("the index timelineEntryByIncident is missing")
                && diagnosis.stdout.contains("the trigger changeLogIsAppendOnlyOnDelete is missing"), "\(diagnosis)")
        try sandbox.ok(["doctor", "--reindex"])
        let deletion = try sandbox.sqlite3(database, "DELETE FROM changeLog;")
        #expect(deletion.status != 0 && deletion.stderr.contains("append-only"), "the trigger is back: \(deletion)")
    }

    @Test func aSearchIndexOutOfStepWithItsTableIsFoundAndRebuilt() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        let database = sandbox.defaultDatabase
        let created = try sandbox.sqlite3(database, """
            CREATE VIRTUAL TABLE timelineSearch USING fts5(text, content='timelineEntry', content_rowid='id');
            INSERT INTO timelineSearch(timelineSearch) VALUES ('rebuild');
            """)
        #expect(created.status == 0, "\(created)")
        // The doctor names the table as not the tool's own, and still checks it as a search index.
        let first = try sandbox.run(["doctor"])
        #expect(first.stdout.contains("search index       ok (incidentSearch, timelineSearch)"), "\(first)")
        #expect(first.stdout.contains("the table timelineSearch was not created by incident") && !first.stdout.contains("timelineSearch_"), "\(first)")
        // Nothing keeps this index up to date, so the next entry puts it out of step.
        try sandbox.ok(["timeline", "add", "Not in the search index"])
        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74 && diagnosis.stdout.contains("the search index timelineSearch doesn't match its table"), "\(diagnosis)")
        let repair = try sandbox.run(["doctor", "--reindex"])
        #expect(repair.stdout.contains("repaired: ") && repair.stdout.contains("rebuilt search index timelineSearch"), "\(repair)")
        #expect(try sandbox.sqlite3(database, "SELECT COUNT(*) FROM timelineSearch WHERE timelineSearch MATCH 'search';").stdout == "1\n")
    }

    @Test func aFileTooDamagedToOpenIsDiagnosedWithTheWayToSalvageIt() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let full = try sandbox.contents(sandbox.defaultDatabase)
        try full.prefix(full.count / 2).write(to: sandbox.dir.appendingPathComponent("half.sqlite"))
        let result = try sandbox.run(["doctor", "--db", "half.sqlite"])
        #expect(result.status == 74, "\(result)")
        #expect(result.stdout.contains("SQLite can't read the file") && result.stdout.contains(".recover"), "\(result)")
        #expect(result.stdout.contains("schema             not checked"), "\(result)")
        #expect(result.stderr.hasPrefix("incident: half.sqlite has 1 problem") && result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func filesThatAreNotIncidentDatabasesAreRefusedNotDiagnosed() throws {
        let sandbox = try Sandbox()
        try Data("not a database at all".utf8).write(to: sandbox.dir.appendingPathComponent("notes.txt"))
        expectFailure(try sandbox.run(["doctor", "--db", "notes.txt"]), status: 74, mentioning: "is not an SQLite database")
        try sandbox.sqlite3("other.sqlite", "CREATE TABLE t(x);")
        expectFailure(try sandbox.run(["doctor", "--db", "other.sqlite"]), status: 74, mentioning: "not an incident database")
        expectFailure(try sandbox.run(["doctor"]), status: 66, mentioning: "No incident database")
    }

    /// Changes the rowid in the last entry of an index's root page, as a bad sector or a stray write would.
    static func damageIndex(_ name: String, of database: String, in sandbox: Sandbox) throws {
        let root = try #require(Int(Faults.scalar(sandbox, database, "SELECT rootpage FROM sqlite_master WHERE name = '\(name)';")))
        var bytes = try sandbox.contents(database)
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let page = (root - 1) * pageSize
        try #require(bytes[page] == 0x0A, "expected a leaf index page, found type \(bytes[page])")
        let cells = Int(bytes[page + 3]) << 8 | Int(bytes[page + 4])
        let pointer = page + 8 + 2 * (cells - 1)
        let cell = page + (Int(bytes[pointer]) << 8 | Int(bytes[pointer + 1]))
        let payload = Int(bytes[cell])
        try #require(payload < 0x80, "a one-byte payload size")
        bytes[cell + payload] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: database))
    }
}
