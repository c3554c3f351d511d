import Foundation
import Testing
@testable import IncidentKit

/// An archive's documents are read on other threads while the importing thread stores the group before: what is
/// stored, and each document's outcome, must be what reading them one by one gives.
@Suite struct ArchiveImportTests {
    static let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    /// The real corpus, twice over under different names, so groups hold documents of every shape and size.
    static func sources() throws -> [ArchiveImport.Source] {
        try (1...2).flatMap { copy in
            try RealPostmortemTests.documents.map { name in
                let text = try String(contentsOf: RealPostmortemTests.folder.appendingPathComponent(name), encoding: .utf8)
                return ArchiveImport.Source(key: "/archive/\(copy)/\(name)", name: name, text: text, fileName: name)
            }
        }
    }

    /// What a reader compares: every field the importer fills, for each stored incident in number order.
    static func stored(_ store: IncidentStore) throws -> [String] {
        try store.incidents(includeEnded: true).sorted { $0.number < $1.number }.map { incident in
            var fields = [incident.title, "\(incident.severity)", "\(incident.status)"] + incident.labels
            fields += incident.timeline.map { "\($0.at.timeIntervalSince1970) \($0.kind) \($0.text)" }
            fields += incident.actions.map { "\($0.number) \($0.horizon) \($0.group ?? "") \($0.text) \($0.isDone)" }
            fields += incident.criteria.map(\.text) + incident.sections.map { "\($0.title) \($0.markdown)" }
            return fields.joined(separator: "\n")
        }
    }

    @Test func readingAheadStoresWhatReadingOneByOneStores() throws {
        let sources = try Self.sources()
        let ahead = try IncidentStore.inMemory()
        var archive = ArchiveImport(store: ahead, importer: Self.importer, dryRun: false)
        var outcomes: [String] = []
        archive.run(sources, groupSize: 5) { _, outcome in
            if case .created(let incident, _, _) = outcome { outcomes.append(incident.id) } else { outcomes.append("\(outcome)") }
        }
        #expect(outcomes == (1...sources.count).map { IncidentReference.format($0) })
        let oneByOne = try IncidentStore.inMemory()
        var single = ArchiveImport(store: oneByOne, importer: Self.importer, dryRun: false)
        for source in sources { _ = single.run(source) }
        #expect(try Self.stored(ahead) == Self.stored(oneByOne))
    }

    /// A source named again in a later group is compared with what the earlier group stored, though it was read
    /// before that group was stored: changed, it updates; the same, it is unchanged.
    @Test func aSourceNamedAgainIsComparedWithWhatWasStoredBeforeIt() throws {
        let first = ArchiveImport.Source(key: "/a.md", name: "a.md", text: "# Disk full\n\n## Timeline\n\n- 2024-01-02 10:00 UTC alert\n")
        var changed = first
        changed.text += "- 2024-01-02 11:00 UTC resolved\n"
        var unreadable = ArchiveImport.Source(key: "/c.md", name: "c.md", text: "")
        unreadable.failure = .unreadableFile(path: "c.md", reason: "it is not text")
        let others = (1...4).map { ArchiveImport.Source(key: "/b\($0).md", name: "b\($0).md", text: "# Other \($0)\n") }
        var archive = ArchiveImport(store: try IncidentStore.inMemory(), importer: Self.importer, dryRun: false)
        var outcomes: [String] = []
        archive.run([first] + others + [unreadable, changed, first, first], groupSize: 3) { _, outcome in
            switch outcome {
            case .created(let incident, _, _): outcomes.append("new \(incident.number)")
            case .updated(let incident, let changes, _): outcomes.append("updated \(incident.number) \(changes)")
            case .unchanged(let number): outcomes.append("unchanged \(number)")
            case .failed(let reason): outcomes.append("failed \(reason)")
            }
        }
        #expect(outcomes == ["new 1", "new 2", "new 3", "new 4", "new 5", "failed Can't read c.md: it is not text.",
                             "updated 1 [\"timeline entries 1 → 2\"]", "updated 1 [\"timeline entries 2 → 1\"]", "unchanged 1"])
    }
}
