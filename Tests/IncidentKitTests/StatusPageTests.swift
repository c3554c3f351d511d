import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import IncidentKit

/// The public status page: what it shows of public incidents, and that nothing else of any record reaches it.
@Suite struct StatusPageTests {
    /// A word put in every internal field; it must appear nowhere in the site.
    static let marker = "zebrafinch"

    /// Three incidents: an open P0 with two public updates, a resolved P1, and one that is internal only.
    static func threeIncidents() throws -> (IncidentStore, TestClock) {
        let clock = TestClock()
        let store = try Fixtures.store(clock: clock, actor: "\(marker)-actor")
        let start = clock.now.addingTimeInterval(-3_600)
        var draft = IncidentDraft(title: "Database meltdown \(marker)", severity: .p0, declaredAt: start)
        draft.isPublic = true
        draft.publicTitle = "API errors"
        draft.services = [AffectedService(name: "API", url: "https://\(marker).internal", note: "\(marker) note"),
                          AffectedService(name: "Website")]
        draft.labels = ["\(marker)-label"]
        draft.assignees = ["@\(marker)"]
        draft.impact = "\(marker) impact"
        draft.summary = "\(marker) summary"
        let p0 = try store.declare(draft).number
        _ = try store.addWhy(p0, text: "\(marker) why", isRootCause: true)
        _ = try store.addAction(p0, text: "\(marker) action", owner: "\(marker)-owner")
        _ = try store.addCriterion(p0, text: "\(marker) criterion")
        try store.addSection(p0, FreeSection(title: "\(marker) section", markdown: "\(marker) text"))
        _ = try store.addTimelineEntry(p0, text: "\(marker) note", at: start.addingTimeInterval(60))
        _ = try store.setRole(p0, role: "commander", who: "\(marker)-commander", at: start)
        _ = try store.addLesson(p0, kind: .wentWell, text: "\(marker) lesson")
        try store.update(p0, with: { var c = IncidentChanges(); c.rootCause = "\(marker) cause"; return c }())
        _ = try store.recordPublicUpdate(p0, text: "We are investigating errors on the API.", at: start.addingTimeInterval(300)) { _, _, _ in "" }
        _ = try store.changeStatus(p0, to: .identified, at: start.addingTimeInterval(600))
        _ = try store.recordPublicUpdate(p0, text: "The cause is identified; a fix is rolling out.", at: start.addingTimeInterval(900)) { _, _, _ in "" }

        var resolved = IncidentDraft(title: "Search cluster \(marker)", severity: .p1, declaredAt: start.addingTimeInterval(-86_400 * 3))
        resolved.isPublic = true
        resolved.publicTitle = "Slow search"
        resolved.services = [AffectedService(name: "Search")]
        let p1 = try store.declare(resolved).number
        _ = try store.recordPublicUpdate(p1, text: "Search is slow; we are on it.", at: resolved.declaredAt.addingTimeInterval(120)) { _, _, _ in "" }
        _ = try store.changeStatus(p1, to: .resolved, at: resolved.declaredAt.addingTimeInterval(7_200))

        var hidden = IncidentDraft(title: "Internal \(marker)", severity: .p0, declaredAt: start)
        hidden.services = [AffectedService(name: "\(marker)-service")]
        _ = try store.declare(hidden)
        return (store, clock)
    }

    static func site(_ store: IncidentStore, at now: Date) throws -> [String: String] {
        try StatusPage(config: StatusPageConfig(), templates: TemplateSet()).site(for: store.publicIncidents(), at: now)
    }

    @Test func thePageShowsTheOpenIncidentTheResolvedOneInHistoryAndNothingInternal() throws {
        let (store, clock) = try Self.threeIncidents()
        let site = try Self.site(store, at: clock.now)
        #expect(Set(site.keys) == ["index.html", "INC-1.html", "INC-2.html", "status.json", "feed.xml"])
        let index = try #require(site["index.html"])
        #expect(index.contains(#"<p class="banner major-outage">Major outage</p>"#))
        for component in ["API", "Website"] {
            #expect(index.contains(#"<span class="name">\#(component)</span><span class="state major-outage">Major outage</span>"#), "\(component)")
        }
        #expect(index.contains(#"<span class="name">Search</span><span class="state operational">Operational</span>"#))
        let newer = try #require(index.range(of: "The cause is identified; a fix is rolling out."))
        let older = try #require(index.range(of: "We are investigating errors on the API."))
        #expect(newer.lowerBound < older.lowerBound, "updates newest first")
        let past = try #require(index.range(of: "<h2>Past incidents</h2>"))
        #expect(index[past.upperBound...].contains(#"<a href="INC-2.html">Slow search</a>"#))
        #expect(!index[..<past.lowerBound].contains("Slow search"), "the resolved P1 is in history only")
        for (name, text) in site {
            #expect(!text.lowercased().contains(Self.marker), "\(name) shows an internal field")
            #expect(!text.contains("INC-3"), "\(name) names the internal incident")
        }
    }

    @Test func statusJSONAndTheFeedParse() throws {
        let (store, clock) = try Self.threeIncidents()
        let site = try Self.site(store, at: clock.now)
        let statusJSON = try #require(site["status.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any])
        let status = try #require(json["status"] as? [String: Any])
        #expect(status["indicator"] as? String == "critical")
        let components = try #require(json["components"] as? [[String: Any]])
        #expect(components.map { $0["name"] as? String } == ["API", "Search", "Website"])
        #expect(components.map { $0["status"] as? String } == ["major_outage", "operational", "major_outage"])
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        #expect(incidents.map { $0["name"] as? String } == ["API errors", "Slow search"])
        #expect(incidents.map { $0["status"] as? String } == ["identified", "resolved"])
        let updates = try #require(incidents.first?["incident_updates"] as? [[String: Any]])
        #expect(updates.map { $0["status"] as? String } == ["identified", "investigating"])

        let xml = try #require(site["feed.xml"])
        let feed = FeedReader(xml)
        #expect(feed.parsed, "feed.xml is not well-formed XML: \(feed.error ?? "")")
        #expect(feed.root == "feed")
        #expect(feed.entryTitles == ["API errors: Identified", "API errors: Investigating", "Slow search: Investigating"])
    }

    @Test func buildingTwiceGivesTheSameBytesAndNothingIsRewritten() throws {
        let (store, clock) = try Self.threeIncidents()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "<meta name=\"generator\" content=\"incident statuspage\">"
        let first = try SiteFolder.write(Self.site(store, at: clock.now), into: folder.path, marker: marker) { $0.hasPrefix("INC-") }
        clock.advance(60)
        let second = try SiteFolder.write(Self.site(store, at: clock.now), into: folder.path, marker: marker) { $0.hasPrefix("INC-") }
        #expect(first.written.count == 5)
        #expect(second.written.isEmpty && second.unchanged.count == 5 && second.removed.isEmpty)
    }

    @Test func anIncidentTakenOffThePageLosesItsFile() throws {
        let (store, clock) = try Self.threeIncidents()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "<meta name=\"generator\" content=\"incident statuspage\">"
        try "a page of someone else's".write(to: folder.appendingPathComponent("INC-9.html"), atomically: true, encoding: .utf8)
        _ = try SiteFolder.write(Self.site(store, at: clock.now), into: folder.path, marker: marker) { $0.hasPrefix("INC-") }
        try store.update(2, with: { var c = IncidentChanges(); c.isPublic = false; return c }())
        let outcome = try SiteFolder.write(Self.site(store, at: clock.now), into: folder.path, marker: marker) { $0.hasPrefix("INC-") }
        #expect(outcome.removed == ["INC-2.html"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("INC-2.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("INC-9.html").path), "a file this tool didn't write stays")
    }

    @Test func aPublicUpdateOnAnInternalIncidentIsRefusedAndNothingIsRecorded() throws {
        let (store, clock) = try Self.threeIncidents()
        #expect(throws: IncidentError.notPublic(3)) {
            try store.recordPublicUpdate(3, text: "hello", at: clock.now) { _, _, _ in "" }
        }
        #expect(try store.incident(3).publicUpdates.isEmpty)
    }

    @Test func theHistoryCoversNinetyDaysAndDropsWhatEndedBefore() throws {
        let (store, clock) = try Self.threeIncidents()
        let page = StatusPage(config: StatusPageConfig(), templates: try TemplateSet())
        #expect(page.shown(try store.publicIncidents(), at: clock.now).map(\.id) == ["INC-1", "INC-2"])
        let later = clock.now.addingTimeInterval(86_400 * 95)
        #expect(page.shown(try store.publicIncidents(), at: later).map(\.id) == ["INC-1"], "the open one stays, the old resolved one goes")
    }

    @Test func theConfigurationNamesComponentsAndStates() throws {
        let config = try StatusPageConfig(parsing: """
            title: Acme status
            components:
              - Website
              - API
            P2: partial-outage
            """, path: "status-page.yml")
        #expect(config.title == "Acme status")
        #expect(config.components == ["Website", "API"])
        #expect(config.states[.p2] == .partialOutage)
        #expect(throws: IncidentError.invalidStatusPageConfig(path: "x.yml", reason: "p1: use one of operational, degraded-performance, partial-outage, major-outage")) {
            try StatusPageConfig(parsing: "P1: broken", path: "x.yml")
        }
        #expect(throws: IncidentError.invalidStatusPageConfig(path: "x.yml", reason: "unknown key \"colour\" (use title, url, components, P0 … P4)")) {
            try StatusPageConfig(parsing: "colour: red", path: "x.yml")
        }
    }

    @Test func cStateFilesFollowItsFormat() throws {
        let (store, clock) = try Self.threeIncidents()
        let files = try StatusPage(config: StatusPageConfig(), templates: TemplateSet()).cStateIssues(for: store.publicIncidents(), at: clock.now)
        let name = try #require(files.keys.first { $0.hasSuffix("-inc-2.md") })
        #expect(name.hasPrefix("content/issues/2025-09-"))
        let text = try #require(files[name])
        #expect(text.contains("\ntitle: \"Slow search\"\n"))
        #expect(text.contains("\nresolved: true\n") && text.contains("\nresolvedWhen: 2025-09-1"))
        #expect(text.contains("\nseverity: disrupted\n") && text.contains("\naffected:\n  - \"Search\"\n"))
        #expect(text.contains("*Investigating* - Search is slow; we are on it. {{< track \"2025-09-1"))
        #expect(!files.values.joined().lowercased().contains(Self.marker))
    }

    @Test func aPublicPostmortemLeavesOutInternalSectionsAndPeople() throws {
        let (store, _) = try Self.threeIncidents()
        try store.addSection(1, FreeSection(title: "Customer note", markdown: "Shown."))
        try store.addSection(1, FreeSection(title: "Hidden", markdown: "Not shown.", isInternal: true))
        _ = try store.setActions([1], done: true, in: 1)
        let text = try IncidentRenderer(templates: TemplateSet()).postmortem(store.incident(1).publicPostmortem, format: .markdown, at: Date())
        #expect(text.contains("Customer note") && !text.contains("Not shown."))
        for person in ["\(Self.marker)-owner", "@\(Self.marker)", "\(Self.marker)-commander", "\(Self.marker)-actor"] {
            #expect(!text.contains(person), "\(person)")
        }
        #expect(text.contains("API errors"))
    }
}

/// Reads an Atom feed with Foundation's XML parser: whether it is well-formed, its root and its entries' titles.
final class FeedReader: NSObject, XMLParserDelegate {
    private(set) var parsed = false
    private(set) var error: String?
    private(set) var root: String?
    private(set) var entryTitles: [String] = []
    private var path: [String] = []
    private var text = ""

    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        parsed = parser.parse()
        error = parser.parserError.map { "\($0)" }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        path.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if path.suffix(2) == ["entry", "title"] { entryTitles.append(text) }
        path.removeLast()
    }
}
