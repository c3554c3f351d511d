import Foundation
import Testing
@testable import IncidentKit

/// Real public postmortems and incident templates nobody here wrote (`Fixtures/real`, sources in its SOURCES.md),
/// each with what a reader sees in it (`*.expect.json`, written by reading the document): every one imports with
/// all its task items and ticks, every `##` section, at least 90% of its timed timeline lines at the right
/// instant, and render → import → render is a fixed point.
@Suite struct RealPostmortemTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/real")
    static let documents: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".md") && $0 != "SOURCES.md" }.sorted()

    struct Expectation: Decodable {
        struct Entry: Decodable { var time: String; var iso: String?; var text: String }
        var title: String?
        var titleSource: String
        var tasks: Int
        var checkedTasks: Int
        var h2Sections: [String]
        var timeline: [Entry]
        /// The named groups the task items sit in, when the document splits its checklist under its own headings.
        var groups: [String]?
        /// The reader's zone (`TZ`) for a document that states none and whose times are local to its team.
        var importZone: String?
    }

    static func importer(for name: String, zone: String? = nil) -> IncidentImporter {
        var importer = IncidentImporter(zone: TimeZone(identifier: zone ?? "UTC")!, now: RenderingFixtures.now)
        importer.fileName = name
        return importer
    }

    static func isoDate(_ text: String) -> Date? {
        // "2019-02-05T08:47-08:00" (minutes, with the offset the document implies)
        try? TimeExpression.parse(text.count == 22 ? String(text.prefix(16)) + ":00" + String(text.suffix(6)) : text)
    }

    @Test func theCorpusHasItsDocuments() {
        #expect(Self.documents.count >= 20)
    }

    @Test(arguments: documents)
    func aRealDocumentImportsWhole(_ name: String) throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expectation.self, from: Data(contentsOf: Self.folder.appendingPathComponent(
            name.replacingOccurrences(of: ".md", with: ".expect.json"))))
        let document = try Self.importer(for: name, zone: expected.importZone).read(source)
        let incident = document.incident
        // Every task item and tick.
        #expect(incident.actions.count + incident.criteria.count == expected.tasks, "\(name): tasks")
        #expect(incident.actions.filter(\.isDone).count + incident.criteria.filter(\.isMet).count == expected.checkedTasks, "\(name): ticks")
        // Every ## section: kept as a free section, or read into the fields it is about.
        let kept = Set((incident.sections.map(\.title) + document.absorbedSections).map { $0.lowercased() })
        for section in expected.h2Sections {
            let title = section.trimmingCharacters(in: .whitespaces).lowercased()
            let typed = (title.contains("timeline") && !incident.timeline.isEmpty)
                || (["action", "follow", "task", "todo", "checklist"].contains { title.contains($0) } && !incident.actions.isEmpty)
                || (title.contains("why") && !incident.whys.isEmpty)
            #expect(kept.contains(title) || typed || incident.title.lowercased() == title, "\(name): section \"\(section)\" is lost")
        }
        // At least 90% of the timed lines, each at its instant.
        let timed = expected.timeline.compactMap { $0.iso.flatMap(Self.isoDate) }
        let found = timed.filter { instant in incident.timeline.contains { abs($0.at.timeIntervalSince(instant)) < 60 } }
        #expect(Double(found.count) >= 0.9 * Double(timed.count), "\(name): \(found.count) of \(timed.count) timed lines")
        if ["heading", "front matter", "file name"].contains(expected.titleSource), let title = expected.title {
            #expect(incident.title == title || incident.title == title.replacingOccurrences(of: "-", with: " "), "\(name): title \(incident.title)")
            #expect(document.titleSource.rawValue == expected.titleSource, "\(name): title from \(document.titleSource)")
        }
        // The import report's figures agree with the record.
        #expect(document.taskItems == expected.tasks && document.timelineEntriesRead == incident.timeline.count, "\(name): report")
        if let groups = expected.groups {
            #expect(document.groups == groups, "\(name): groups \(document.groups)")
            #expect(Set(incident.actions.compactMap(\.group)) == Set(groups), "\(name): every group has its items")
        }
        // Render → import → render is a fixed point.
        let renderer = try RenderingFixtures.renderer()
        let first = try renderer.issueBody(incident, at: RenderingFixtures.now)
        let again = try Self.importer(for: name, zone: expected.importZone).read(first).incident
        #expect(try renderer.issueBody(again, at: RenderingFixtures.now) == first, "\(name): not a fixed point")
        #expect(again.actions.map(\.group) == incident.actions.map(\.group), "\(name): groups lost in render → import")
        print("corpus \(name): \(incident.actions.count + incident.criteria.count) tasks (\(expected.tasks) expected), "
              + "\(incident.sections.count) free sections, \(incident.timeline.count) timeline entries, "
              + "\(found.count)/\(timed.count) timed lines at the right instant, \(document.timedLinesKeptAsText) timed lines kept as text, "
              + "groups \(document.groups); title \"\(incident.title)\"")
    }
}
