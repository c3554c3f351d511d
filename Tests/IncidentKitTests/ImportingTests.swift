import Foundation
import Testing
@testable import IncidentKit

/// The Importing use case: which documents paths name, what it refuses before storing anything, and its count.
@Suite struct ImportingTests {
    static let postmortem = "# Queue backlog\n\n**Severity:** P2\n\n## Summary\n\nThe queue backed up.\n"

    @Test func anUnknownZoneIsRefusedBeforeAnythingIsRead() {
        #expect(throws: IncidentError.unknownTimeZone("Mars/Olympus")) { try Importing(defaultSeverity: .p3, zone: "Mars/Olympus") }
        #expect(throws: Never.self) { try Importing(defaultSeverity: .p3, zone: "Europe/Paris") }
    }

    @Test func aMissingPathOrAFolderWithoutMarkdownFailsTheWholeImport() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nowhere.md").path
        #expect(throws: IncidentError.unreadableFile(path: missing, reason: "no such file or folder")) { try Importing.sources([missing]) }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: IncidentError.unreadableFile(path: folder.path, reason: "has no Markdown files (*.md)")) { try Importing.sources([folder.path]) }
    }

    @Test func aBinaryFileIsThatDocumentsFailureAndTheOthersAreImported() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.postmortem.utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data([0x23, 0x00, 0x41]).write(to: folder.appendingPathComponent("b.md"))
        let sources = try Importing.sources([folder.path])
        #expect(sources.map { ($0.name as NSString).lastPathComponent } == ["a.md", "b.md"])
        #expect(sources[1].failure?.category == .storage)
        let store = try Fixtures.store()
        var failures: [String] = []
        let tally = try Importing(defaultSeverity: .p3).run(sources, into: store, dryRun: false) { source, outcome in
            if case .failed = outcome { failures.append(source.name) }
        }
        #expect(tally == ArchiveImport.Tally(total: 2, new: 1, failed: 1))
        #expect(failures.count == 1 && failures[0].hasSuffix("b.md"))
        #expect(throws: IncidentError.importFailures(failed: 1, total: 2)) { try tally.requireNoFailures() }
        #expect(try store.incidents(includeEnded: true).map(\.title) == ["Queue backlog"])
    }

    @Test func aDryRunStoresNothingAndImportingTwiceSkipsTheUnchanged() throws {
        let store = try Fixtures.store()
        let source = ArchiveImport.Source(key: "/archive/a.md", name: "a.md", text: Self.postmortem, fileName: "a.md")
        let importing = try Importing(defaultSeverity: .p3)
        #expect(importing.run([source], into: store, dryRun: true) { _, _ in }.new == 1)
        #expect(try store.incidents(includeEnded: true).isEmpty)
        #expect(importing.run([source], into: store, dryRun: false) { _, _ in }.new == 1)
        #expect(importing.run([source], into: store, dryRun: false) { _, _ in }.unchanged == 1)
    }

    @Test func aTitleGivenWinsOverTheDocuments() throws {
        let store = try Fixtures.store()
        let source = ArchiveImport.Source(key: "stdin", name: "standard input", text: Self.postmortem)
        _ = try Importing(defaultSeverity: .p3, title: "Renamed").run([source], into: store, dryRun: false) { _, _ in }
        #expect(try store.incidents(includeEnded: true).map(\.title) == ["Renamed"])
    }
}
