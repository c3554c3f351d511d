import Foundation
import Testing

/// Many writers on one incident, and writers killed mid-command: every write that reported success is there,
/// nothing fails with "database is locked", the change log matches the records, and the file stays healthy.
/// `bench/faults.sh` runs the same tests longer (FAULTS_WRITERS, FAULTS_WRITES, FAULTS_KILLS).
@Suite struct ReliabilityTests {
    @Test func concurrentWritersOnOneIncidentLoseNoAcknowledgedWriteAndNeverSeeALock() throws {
        let writers = Faults.setting("WRITERS", default: 8), writes = Faults.setting("WRITES", default: 12)
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        for number in 1...(2 * writers) { try sandbox.ok(["action", "add", "INC-1", "Action \(number)"]) }
        let database = sandbox.defaultDatabase
        let logBefore = try Int(Faults.scalar(sandbox, database, "SELECT MAX(id) FROM changeLog;")) ?? 0

        let started = Date()
        let outcomes = Shared<[Int: [(command: LoadCommand, result: CLIResult)]]>([:])
        let runner = sandbox.runner
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let mine = (0..<writes).map { index in
                let command = LoadCommand(writer: writer, index: index)
                return (command, runner.run(command.arguments))
            }
            outcomes.update { $0[writer] = mine }
        }
        let elapsed = Date().timeIntervalSince(started)
        let all = outcomes.current.values.flatMap { $0 }
        #expect(all.count == writers * writes)

        var locked = 0, failed = 0
        for (command, result) in all {
            let output = (result.stdout + result.stderr).lowercased()
            if output.contains("locked") || output.contains("busy") { locked += 1 }
            if result.status != 0 { failed += 1 }
            #expect(result.status == 0 && result.stderr.isEmpty, "\(command.arguments): \(result)")
            if let verb = command.toggleVerb { #expect(result.stdout.hasPrefix("\(verb) action \(command.action):"), "\(result)") }
        }
        #expect(locked == 0)
        let acknowledged = all.filter { $0.result.status == 0 }.map(\.command)

        // The records: every acknowledged timeline entry and why once, the why chain unbroken, checks as last left.
        let json = try sandbox.json(["INC-1"])
        let timeline = (json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        let whys = try #require(json["whys"] as? [[String: Any]])
        let whyTexts = whys.compactMap { $0["text"] as? String }
        var lost = 0
        for command in acknowledged where command.marker != nil {
            let found = (command.kind == .timeline ? timeline : whyTexts).filter { $0 == command.marker }.count
            if found != 1 { lost += 1 }
            #expect(found == 1, "\(command.arguments) is recorded \(found) times")
        }
        #expect(whys.compactMap { $0["number"] as? Int } == Array(stride(from: 1, through: whys.count, by: 1)))
        #expect(whys.dropFirst().enumerated().allSatisfy { $1["parent"] as? Int == $0 + 1 }, "each why answers the one before")
        var expectedDone: [Int: Bool] = [:]
        for command in acknowledged { if let done = command.setsDone { expectedDone[command.action] = done } }
        let actions = try #require(json["actions"] as? [[String: Any]])
        for action in actions {
            guard let number = action["number"] as? Int, let expected = expectedDone[number] else { continue }
            #expect(action["done"] as? Bool == expected, "action \(number)")
        }

        // The change log: exactly one line per acknowledged command, naming what it did.
        let changes = try sandbox.sqlite3(database, "SELECT change FROM changeLog WHERE id > \(logBefore) ORDER BY id;").lines
        #expect(changes.count == acknowledged.count, "\(changes.count) log lines for \(acknowledged.count) acknowledged commands")
        var missingFromLog = 0
        for command in acknowledged {
            let matches = changes.filter(command.logLineMatches).count
            if let marker = command.marker, matches != 1 {
                missingFromLog += 1
                Issue.record("the log has \(matches) lines for \(marker)")
            }
        }
        for action in 1...(2 * writers) {
            let checks = acknowledged.filter { $0.action == action && $0.setsDone == true }.count
            let unchecks = acknowledged.filter { $0.action == action && $0.setsDone == false }.count
            #expect(changes.filter { $0.hasPrefix("checked action \(action) ") }.count == checks, "action \(action)")
            #expect(changes.filter { $0.hasPrefix("unchecked action \(action) ") }.count == unchecks, "action \(action)")
        }
        #expect(try Faults.integrityProblems(sandbox, database) == [])
        Faults.report(["writers": writers, "writes": writes, "commands": all.count, "acknowledged": acknowledged.count,
                       "failed": failed, "locked": locked, "lost": lost, "missingFromLog": missingFromLog,
                       "seconds": String(format: "%.1f", elapsed)], test: "concurrency")
    }

    @Test func killingWritersAtRandomMomentsLosesNothingAcknowledgedAndLeavesAWorkingStore() throws {
        let kills = Faults.setting("KILLS", default: 40)
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Writers get killed"])
        // A section of 64 KB spans many pages, so some kills land mid-write or mid-checkpoint.
        try Data(String(repeating: "Lorem ipsum dolor sit amet. ", count: 2400).utf8).write(to: sandbox.dir.appendingPathComponent("big.md"))
        let database = sandbox.defaultDatabase

        var acknowledged: [KillWrite] = [], interrupted: [KillWrite] = []
        var landed = 0, finishedFirst = 0, rounds = 0, integrityChecks = 0
        // Half the kills come at a uniformly random moment of a writer's life; the other half near its end, where
        // the commit and the checkpoint are, steered by whether the last such kill came too early or too late.
        var lifetime = 0.05, nearEnd = 0.05
        var generator = SystemRandomNumberGenerator()
        while landed < kills, rounds < kills * 4 {
            defer { rounds += 1 }
            let victim = KillWrite(rounds, marker: "victim-\(rounds)"), bystander = KillWrite(rounds + 2, marker: "bystander-\(rounds)")
            let started = Date()
            let victimRun = try sandbox.launch(victim.arguments)
            let bystanderRun = try sandbox.launch(bystander.arguments)
            let aimsAtTheEnd = rounds % 2 == 1
            let delay = aimsAtTheEnd ? nearEnd * Double.random(in: 0.85...1.15, using: &generator)
                : Double.random(in: 0...(lifetime * 1.2), using: &generator)
            usleep(UInt32(delay * 1_000_000))
            if victimRun.process.isRunning { kill(victimRun.process.processIdentifier, SIGKILL) }
            let victimResult = victimRun.finish(), bystanderResult = bystanderRun.finish()
            if victimRun.process.terminationReason == .uncaughtSignal {
                landed += 1
                interrupted.append(victim)
                if aimsAtTheEnd { nearEnd *= 1.1 }
            } else {
                finishedFirst += 1
                lifetime = 0.8 * lifetime + 0.2 * Date().timeIntervalSince(started)
                if aimsAtTheEnd { nearEnd *= 0.9 }
                #expect(victimResult.status == 0, "\(victim.arguments): \(victimResult)")
                if victimResult.status == 0 { acknowledged.append(victim) }
            }
            #expect(bystanderResult.status == 0, "a writer beside a killed one must succeed: \(bystanderResult)")
            if bystanderResult.status == 0 { acknowledged.append(bystander) }
            if rounds % 10 == 9 {
                integrityChecks += 1
                #expect(try Faults.integrityProblems(sandbox, database) == [], "after round \(rounds)")
            }
        }
        #expect(landed >= kills, "only \(landed) of \(rounds) kills landed while the writer was running")
        integrityChecks += 1
        #expect(try Faults.integrityProblems(sandbox, database) == [])
        let next = try sandbox.ok(["timeline", "add", "INC-1", "after the kills"])
        #expect(next.status == 0)

        let texts = try sandbox.sqlite3(database, """
            SELECT text FROM timelineEntry UNION ALL SELECT text FROM why UNION ALL SELECT text FROM actionItem
            UNION ALL SELECT text FROM criterion UNION ALL SELECT title FROM section;
            """).lines
        let changes = try sandbox.sqlite3(database, "SELECT change FROM changeLog;").lines
        func counts(_ write: KillWrite) -> (records: Int, log: Int) {
            (texts.filter { $0 == write.marker }.count, changes.filter { $0.hasSuffix("\"\(write.marker)\"") }.count)
        }
        var lost = 0, partial = 0, committedBeforeKill = 0
        for write in acknowledged {
            let (records, log) = counts(write)
            if records != 1 || log != 1 { lost += 1 }
            #expect(records == 1 && log == 1, "\(write.arguments): \(records) records, \(log) log lines")
        }
        for write in interrupted {
            let (records, log) = counts(write)
            if records != log || records > 1 { partial += 1 }
            if records == 1 { committedBeforeKill += 1 }
            #expect(records == log && records <= 1, "killed \(write.arguments) left \(records) records and \(log) log lines")
        }
        Faults.report(["kills": landed, "rounds": rounds, "finishedBeforeKill": finishedFirst, "committedThenKilled": committedBeforeKill,
                       "acknowledged": acknowledged.count, "lost": lost, "partial": partial, "integrityChecks": integrityChecks,
                       "writerLifetimeMs": Int(lifetime * 1000)], test: "kill -9")
    }
}

/// One command of the load test: writer `w` owns actions 2w+1 and 2w+2 and cycles through check, timeline
/// add, why add and uncheck, so the final state of each action is known from its own commands.
struct LoadCommand {
    enum Kind { case check, timeline, why, uncheck }
    let kind: Kind
    let action: Int
    let marker: String?

    init(writer: Int, index: Int) {
        kind = [Kind.check, .timeline, .why, .uncheck][index % 4]
        action = 2 * writer + 1 + (index / 4) % 2
        marker = kind == .timeline || kind == .why ? "writer \(writer) write \(index)" : nil
    }

    var arguments: [String] {
        switch kind {
        case .check: ["check", "INC-1", "\(action)"]
        case .uncheck: ["action", "uncheck", "INC-1", "\(action)"]
        case .timeline: ["timeline", "add", "INC-1", marker ?? ""]
        case .why: ["why", "add", "INC-1", marker ?? ""]
        }
    }

    var setsDone: Bool? { kind == .check ? true : kind == .uncheck ? false : nil }
    var toggleVerb: String? { kind == .check ? "Checked" : kind == .uncheck ? "Unchecked" : nil }

    func logLineMatches(_ line: String) -> Bool {
        guard let marker else { return false }
        return line.hasSuffix("\"\(marker)\"") && line.hasPrefix(kind == .timeline ? "added timeline note at " : "added why ")
    }
}

/// A write for the kill test, named by a unique marker so it can be found (or not) afterwards.
struct KillWrite {
    let arguments: [String]
    let marker: String

    init(_ index: Int, marker: String) {
        self.marker = marker
        switch index % 5 {
        case 0: arguments = ["timeline", "add", "INC-1", marker]
        case 1: arguments = ["why", "add", "INC-1", marker]
        case 2: arguments = ["action", "add", "INC-1", marker, "--details", "- run `make fix`\n- check the dashboard"]
        case 3: arguments = ["criterion", "add", "INC-1", marker]
        default: arguments = ["section", "add", "INC-1", marker, "--file", "big.md"]
        }
    }
}

/// A store made unusable (read-only, removed, garbage, truncated, from a newer version, on a full disk):
/// every command fails in one clean line, or reads what it can, and the file is left byte for byte.
@Suite struct UnusableStoreTests {
    static let writes: [[String]] = [
        ["why", "add", "Because"], ["timeline", "add", "Pager fired"], ["check", "1"], ["new", "--p2", "Another"],
        ["set", "--title", "Renamed"], ["doctor", "--reindex"],
    ]
    static let reads: [[String]] = [["list"], ["show"], ["log"], ["doctor"]]

    /// INC-1 with a label, an assignee, an action, a why and a timeline entry.
    private func sandboxWithRecords() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow", "--label", "api", "--assignee", "alice"])
        try sandbox.ok(["action", "add", "Scale the pool"])
        try sandbox.ok(["why", "add", "The pool is too small"])
        try sandbox.ok(["timeline", "add", "Pager fired", "--kind", "detected"])
        return sandbox
    }

    @Test(.enabled(if: Faults.canMakeReadOnly, "needs chmod (as a normal user) or chattr +i (as root)"))
    func aReadOnlyDatabaseFileRefusesWritesInOneLineServesReadsAndIsLeftByteForByte() throws {
        let sandbox = try sandboxWithRecords()
        let database = sandbox.defaultDatabase
        let original = try sandbox.contents(database)
        let readOnly = try ReadOnly.make(database).get()
        for command in Self.writes {
            expectFailure(try sandbox.run(command), status: 74, mentioning: "Can't write")
        }
        for command in Self.reads + [["backup", "copy.sqlite"]] {
            #expect(try sandbox.run(command).status == 0, "\(command) should still read a read-only file")
        }
        #expect(try sandbox.contents(database) == original)
        readOnly.undo()
        try sandbox.ok(["why", "add", "Writable again"])
    }

    @Test(.enabled(if: Faults.canMakeReadOnly, "needs chmod (as a normal user) or chattr +i (as root)"))
    func aReadOnlyFolderRefusesEveryCommandInOneLineAndGetsNoNewFile() throws {
        let sandbox = try sandboxWithRecords()
        let database = sandbox.defaultDatabase
        let original = try sandbox.contents(database)
        let before = sandbox.listing()
        let readOnly = try ReadOnly.make(sandbox.dir.appendingPathComponent("incidents").path).get()
        for command in Self.writes {
            expectFailure(try sandbox.run(command), status: 74, mentioning: "Can't write")
        }
        // A WAL database can't be opened without its -shm file beside it, so reads fail too, in one line.
        for command in Self.reads {
            let result = try sandbox.run(command)
            if result.status != 0 { expectFailure(result, status: 74, mentioning: "incidents.sqlite") }
        }
        #expect(try sandbox.contents(database) == original)
        #expect(sandbox.listing() == before)
        readOnly.undo()
        try sandbox.ok(["why", "add", "Writable again"])
    }

    @Test func aRemovedFolderIsReportedMissingByEveryCommandButNew() throws {
        let sandbox = try sandboxWithRecords()
        try FileManager.default.removeItem(at: sandbox.dir.appendingPathComponent("incidents"))
        for command in Self.writes.filter({ $0[0] != "new" }) + Self.reads.filter({ $0 != ["list"] }) + [["backup", "copy.sqlite"]] {
            expectFailure(try sandbox.run(command), status: 66, mentioning: "No incident database at \(sandbox.defaultDatabase)")
        }
        #expect(try sandbox.ok(["list"]).stdout.hasPrefix("No incidents yet."))
        #expect(sandbox.listing().isEmpty, "created \(sandbox.listing())")
        #expect(try sandbox.ok(["new", "--p2", "Declared again"]).lines.first == "INC-1")
    }

    @Test func aFileWithAnSQLiteHeaderAndGarbageAfterIsRefusedByEveryCommandAndLeftUntouched() throws {
        let sandbox = try Sandbox()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data("SQLite format 3\0".utf8) + Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: sandbox.dir.appendingPathComponent("garbage.sqlite"))
        for command in Self.writes + Self.reads + [["backup", "copy.sqlite"]] {
            let result = try sandbox.run(command + ["--db", "garbage.sqlite"])
            expectFailure(result, status: 74)
            #expect(try sandbox.contents("garbage.sqlite") == garbage, "\(command) changed the file")
        }
        #expect(sandbox.listing() == ["garbage.sqlite"])
    }

    @Test(arguments: ["100 bytes", "one page", "half", "one page short"])
    func aTruncatedDatabaseIsRefusedInOneLineLeftUntouchedAndDiagnosed(_ cut: String) throws {
        let sandbox = try sandboxWithRecords()
        for index in 1...30 { try sandbox.ok(["timeline", "add", "Entry \(index) " + String(repeating: "x", count: 300)]) }
        let full = try sandbox.contents(sandbox.defaultDatabase)
        let size = ["100 bytes": 100, "one page": 4096, "half": full.count / 2, "one page short": full.count - 4096][cut] ?? 0
        let truncated = full.prefix(size)
        try truncated.write(to: sandbox.dir.appendingPathComponent("truncated.sqlite"))
        for command in Self.writes + Self.reads.filter({ $0 != ["doctor"] }) + [["backup", "copy.sqlite"]] {
            let result = try sandbox.run(command + ["--db", "truncated.sqlite"])
            expectFailure(result, status: 74)
            #expect(result.stderr.contains("restore it from a backup"), "\(command): \(result.stderr)")
            #expect(try sandbox.contents("truncated.sqlite") == truncated, "\(command) changed the file")
        }
        let doctor = try sandbox.run(["doctor", "--db", "truncated.sqlite"])
        #expect(doctor.status == 74 && doctor.stdout.contains("repair: restore a backup"), "\(doctor)")
        #expect(try sandbox.contents("truncated.sqlite") == truncated)
        #expect(sandbox.listing().filter { $0.hasPrefix("truncated") } == ["truncated.sqlite"])
    }

    @Test func aDatabaseFromANewerVersionIsRefusedByDoctorAndBackupAndLeftUntouched() throws {
        let sandbox = try sandboxWithRecords()
        let database = sandbox.defaultDatabase
        #expect(try sandbox.sqlite3(database, "INSERT INTO grdb_migrations VALUES ('v99-future');").status == 0)
        let original = try sandbox.contents(database)
        for command in [["doctor"], ["doctor", "--reindex"], ["doctor", "--prune"], ["backup", "copy.sqlite"], ["why", "add", "More"]] {
            expectFailure(try sandbox.run(command), status: 74, mentioning: "written by a newer incident (schema v99-future)")
            #expect(try sandbox.contents(database) == original, "\(command) changed the file")
        }
        #expect(!sandbox.exists("copy.sqlite"))
    }

    @Test(.enabled(if: Faults.canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func aFullDiskFailsEveryWriteInOneLineLosesNothingAndRecoversWhenSpaceIsFreed() throws {
        let sandbox = try Sandbox()
        let disk = try SmallDisk.mount(at: sandbox.dir.appendingPathComponent("disk"), kilobytes: 640).get()
        defer { disk.unmount() }
        let database = "disk/incidents.sqlite"
        try sandbox.ok(["new", "--p1", "Checkout is slow", "--label", "api", "--db", database])
        try sandbox.ok(["action", "add", "Scale the pool", "--db", database])
        for index in 1...5 { try sandbox.ok(["why", "add", "Why \(index)", "--db", database]) }
        let original = try sandbox.contents(database)
        let filler = try disk.fill()
        for command in Self.writes + [["section", "add", "Notes", "--markdown", String(repeating: "text ", count: 20_000)]] {
            let result = try sandbox.run(command + ["--db", database])
            expectFailure(result, status: 74)
            #expect(result.stderr.contains("disk is full"), "\(command.prefix(3)): \(result.stderr)")
            #expect(try sandbox.contents(database) == original, "\(command) changed the file")
        }
        let elsewhere = try sandbox.run(["new", "--p2", "Another", "--db", "disk/other/incidents.sqlite"])
        expectFailure(elsewhere, status: 74)
        try FileManager.default.removeItem(at: filler)

        // With another connection holding the database open, the -shm file exists and the write itself hits the full disk.
        let holder = try HeldOpen(database, in: sandbox.dir)
        let heldOriginal = try sandbox.contents(database)
        _ = try disk.fill()
        for command in Self.writes.filter({ $0[0] != "doctor" }) {
            let result = try sandbox.run(command + ["--db", database])
            expectFailure(result, status: 74, mentioning: "the disk is full")
            #expect(try sandbox.contents(database) == heldOriginal, "\(command) changed the file")
        }
        holder.release()

        try FileManager.default.removeItem(at: filler)
        try sandbox.ok(["why", "add", "Space is back", "--db", database])
        #expect(try Faults.integrityProblems(sandbox, sandbox.dir.appendingPathComponent(database).path) == [])
        let whys = try sandbox.ok(["why", "list", "--db", database]).stdout
        #expect((1...5).allSatisfy { whys.contains("Why \($0)") } && whys.contains("Space is back"), "\(whys)")
    }
}
