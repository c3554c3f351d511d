import Foundation
import Testing

/// `incident import` on a whole archive: many files and folders, one line per document, a summary, idempotent
/// re-imports, and gh's JSON.
@Suite struct ImportArchiveTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IncidentKitTests/Fixtures/real")

    /// The real postmortems of the corpus, copied into `docs/` in the sandbox (and one nested folder).
    func archive(_ sandbox: Sandbox) throws -> [String] {
        let docs = sandbox.dir.appendingPathComponent("docs/2019"), names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".md") && $0 != "SOURCES.md" }.sorted()
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for (index, name) in names.enumerated() {
            let folder = index % 3 == 0 ? docs : docs.deletingLastPathComponent()
            try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return names
    }

    @Test func aFolderOfRealPostmortemsImportsInOneCommandAndTheSecondRunChangesNothing() throws {
        let sandbox = try Sandbox()
        let names = try archive(sandbox)
        #expect(names.count >= 20)
        let first = try sandbox.ok(["import", "docs"])
        #expect(first.lines.count == names.count + 1)
        #expect(first.lines.last == "\(names.count) documents: \(names.count) new, 0 updated, 0 unchanged, 0 failed.")
        #expect(first.stdout.contains("docs/2019/01-mybinder-jupyterlab-announcement.md — 2018-02-20, JupyterLab Announcement swamps Binder (0 tasks"))
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let second = try sandbox.ok(["import", "docs"])
        #expect(second.lines.last == "\(names.count) documents: 0 new, 0 updated, \(names.count) unchanged, 0 failed.")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }

    @Test func aChangedFileUpdatesItsIncidentAndADryRunSaysSoFirst() throws {
        let sandbox = try Sandbox()
        let names = try archive(sandbox)
        try sandbox.ok(["import", "docs"])
        let file = sandbox.dir.appendingPathComponent("docs/24-cds-snc-incident-issue-template.md")
        let number = try sandbox.ok(["import", file.path]).lines.first
        try (String(contentsOf: file, encoding: .utf8) + "- [x] Tell the vendor\n").write(to: file, atomically: true, encoding: .utf8)
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let preview = try sandbox.ok(["import", "docs", "--dry-run"])
        #expect(preview.stdout.contains("would update: tasks 9 → 10, ticked 0 → 1"))
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
        let update = try sandbox.ok(["import", "docs"])
        #expect(update.lines.last?.hasSuffix("0 new, 1 updated, \(names.count - 1) unchanged, 0 failed.") == true)
        let json = try sandbox.json([try #require(number)])
        #expect((json["actions"] as? [[String: Any]])?.count == 10)
        #expect(try sandbox.sqlite3(sandbox.defaultDatabase, "SELECT COUNT(*) FROM incident").stdout == "\(names.count)\n")
    }

    @Test func oneBadDocumentNeverStopsTheRest() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("# Good one\n\n- [ ] do it\n".utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data("bad\0bytes".utf8).write(to: folder.appendingPathComponent("b.md"))
        try Data("## Timeline\n\n- 10:00 paged\n".utf8).write(to: folder.appendingPathComponent("2024-03-01-queue-backlog.md"))
        let result = try sandbox.run(["import", "docs"])
        #expect(result.status == 1)
        #expect(result.stderr == "incident: 1 of 3 documents could not be imported (each is named above with the reason); the others were.\n")
        #expect(result.stdout.contains("failed   docs/b.md — Can't read docs/b.md: it contains NUL bytes"))
        #expect(result.stdout.contains("docs/2024-03-01-queue-backlog.md — queue backlog (0 tasks, 0 sections, 1 timeline entry)"))
        #expect(try sandbox.sqlite3(sandbox.defaultDatabase, "SELECT COUNT(*) FROM incident").stdout == "2\n")
    }

    @Test func ghJsonTakesTitleLabelsAndAssigneesFromTheIssue() throws {
        let sandbox = try Sandbox()
        let one = ###"{"number":7,"url":"https://github.com/acme/ops/issues/7","title":"Queue backlog","body":"## Tasks\n\n- [x] Drain the queue\n","labels":[{"name":"P1"},{"name":"queue"}],"assignees":[{"login":"alice"}]}"###
        let created = try sandbox.ok(["import", "--gh-json", "-"], stdin: one)
        #expect(created.lines.first == "INC-1")
        let json = try sandbox.json(["INC-1"])
        #expect(json["title"] as? String == "Queue backlog" && json["severity"] as? String == "P1")
        #expect(json["labels"] as? [String] == ["P1", "queue"] && json["assignees"] as? [String] == ["@alice"])
        let list = "[\(one), {\"number\":8,\"url\":\"https://github.com/acme/ops/issues/8\",\"title\":\"DNS\",\"body\":\"\",\"labels\":[],\"assignees\":[]}]"
        let both = try sandbox.ok(["import", "--gh-json", "-"], stdin: list)
        #expect(both.lines.last == "2 documents: 1 new, 0 updated, 1 unchanged, 0 failed.")
    }

    @Test func reportSaysWhatWasReadFromEachDocument() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Two entries, two tasks (one ticked); Action items becomes items, Notes and the zone line (Timeline) stay as text.
        try Data("""
            # Queue backlog

            ## Timeline

            All times in UTC

            - 2024-03-01 10:00 paged
            - 10:05 mitigated by draining

            ## Action items

            - [x] Drain the queue
            - [ ] Alert on lag

            ## Notes

            Kept as text.

            """.utf8).write(to: folder.appendingPathComponent("a.md"))
        // Nothing typed: one entry-less, task-less document whose two sections are kept.
        try Data("# Quiet one\n\n## Summary\n\nNothing.\n\n## Impact\n\nNone.\n".utf8).write(to: folder.appendingPathComponent("b.md"))
        let first = try sandbox.ok(["import", "docs", "--report"])
        #expect(first.lines.count == 5, "\(first.stdout)")
        #expect(first.lines[1] == "         read: title from heading · 2 timeline entries · 2 task items (1 ticked) · 2 sections · 0 timed lines kept as text · 0 groups", "\(first.stdout)")
        #expect(first.lines[3] == "         read: title from heading · 0 timeline entries · 0 task items · 2 sections · 0 timed lines kept as text · 0 groups", "\(first.stdout)")
        // Unchanged documents are not read again, so there is nothing to report on them; without the flag, no report.
        let again = try sandbox.ok(["import", "docs", "--report"])
        #expect(again.lines.count == 3 && !again.stdout.contains("read:"))
        let plain = try sandbox.ok(["import", "docs", "--dry-run"])
        #expect(!plain.stdout.contains("read:"))
        let single = try sandbox.ok(["import", folder.appendingPathComponent("b.md").path, "--report", "--dry-run", "--db", "other.sqlite"])
        #expect(single.lines.last == "read: title from heading · 0 timeline entries · 0 task items · 2 sections · 0 timed lines kept as text · 0 groups", "\(single.stdout)")
    }

    @Test func aFileNamedTwiceInOneImportIsStoredOnce() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("# Queue backlog\n\n- [ ] Drain the queue\n".utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data("# DNS outage\n".utf8).write(to: folder.appendingPathComponent("b.md"))
        // The folder and the file in it: documents go in groups, and the second naming must see the first stored.
        let result = try sandbox.ok(["import", "docs", "docs/a.md"])
        #expect(result.lines.last == "3 documents: 2 new, 0 updated, 1 unchanged, 0 failed.", "\(result.stdout)")
        #expect(result.lines.contains("INC-1    docs/a.md — unchanged, skipped"), "\(result.stdout)")
        #expect(try sandbox.sqlite3(sandbox.defaultDatabase, "SELECT COUNT(*) FROM incident").stdout == "2\n")
    }

    @Test func aTitleForManyDocumentsIsRefused() throws {
        let sandbox = try Sandbox()
        _ = try archive(sandbox)
        expectFailure(try sandbox.run(["import", "docs", "--title", "One"]), status: 64, mentioning: "--title names one document's title")
        expectFailure(try sandbox.run(["import", "docs", "--zone", "Mars/Olympus"]), status: 64, mentioning: "Unknown zone 'Mars/Olympus'")
        #expect(!sandbox.exists("incidents/incidents.sqlite"))
    }
}
