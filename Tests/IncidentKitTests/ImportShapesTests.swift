import Foundation
import Testing
@testable import IncidentKit

/// Shapes real timelines take that no corpus document here shows whole (issue 18): each document is written
/// for the test, in the form the shape has in the wild.
@Suite struct ImportShapesTests {
    static func read(_ source: String, fileName: String? = nil) throws -> ImportedDocument {
        var importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)
        importer.fileName = fileName
        return try importer.read(source)
    }

    static func instants(_ document: ImportedDocument) -> [String] {
        document.incident.timeline.map { TimeFormat.utc($0.at) }
    }

    static func utc(_ text: String) throws -> String { TimeFormat.utc(try TimeExpression.parse(text)) }

    @Test func aJapaneseTimelineReadsKanjiTimesApproximateAndNextDayMarks() throws {
        let document = try Self.read("""
            # 2024年5月23日 メール配送障害

            時刻はJSTで統一する。

            ## タイムライン

            - 23時15分 アラート発報
            - 23:40頃 原因特定
            - 翌 00:10 切り戻し
            - 翌 00:30〜00:45 監視
            """)
        #expect(Self.instants(document) == [try Self.utc("2024-05-23T23:15:00+09:00"), try Self.utc("2024-05-23T23:40:00+09:00"),
                                            try Self.utc("2024-05-24T00:10:00+09:00"), try Self.utc("2024-05-24T00:30:00+09:00")])
        #expect(document.incident.timeline.map(\.text) == ["アラート発報", "原因特定", "切り戻し", "監視"])
        #expect(document.timedLinesKeptAsText == 0)
    }

    @Test func aFrenchChronologieReadsDayMonthYearAndHourMarks() throws {
        let document = try Self.read("""
            # Panne du service de paiement

            Toutes les heures sont en UTC.

            ## Chronologie

            - 17 décembre 2021 à 14h30 : alerte
            - 15h05 : bascule
            """)
        #expect(Self.instants(document) == [try Self.utc("2021-12-17T14:30:00Z"), try Self.utc("2021-12-17T15:05:00Z")])
    }

    /// Timeline headings in other words (TimeVocabulary's list); no real document with them was found (Fixtures/real/SOURCES.md).
    @Test(arguments: ["Chronology", "Sequence of events", "Chronologie", "タイムライン"])
    func aTimelineUnderAnotherHeadingIsRead(heading: String) throws {
        let document = try Self.read("# Outage on 2021-03-04\n\nAll times in UTC.\n\n## \(heading)\n\n- 10:00 API down\n- 11:00 API back\n")
        #expect(Self.instants(document) == [try Self.utc("2021-03-04T10:00:00Z"), try Self.utc("2021-03-04T11:00:00Z")])
        #expect(document.incident.timeline.map(\.text) == ["API down", "API back"])
    }

    @Test func aTimelineUnderALevelOneHeadingIsRead() throws {
        let source = """
            # Outage on 2021-03-04

            The API was down.

            # Timeline

            - 10:00 UTC API down
            - 11:00 UTC API back
            """
        let document = try Self.read(source)
        #expect(Self.instants(document) == [try Self.utc("2021-03-04T10:00:00Z"), try Self.utc("2021-03-04T11:00:00Z")])
        #expect(document.incident.title == "Outage on 2021-03-04")
    }

    @Test func aZoneStatedAsTimestampsAppliesToISOTimesWithoutAnOffset() throws {
        let document = try Self.read("""
            # DNS outage

            All Timestamps in PST

            ## Timeline

            + 2019-08-16T10:09:36 || Start of incident
            + 2019-08-16T10:30:00 || Rollback
            """)
        #expect(Self.instants(document) == [try Self.utc("2019-08-16T18:09:00Z"), try Self.utc("2019-08-16T18:30:00Z")])
        #expect(document.incident.timeline.first?.text == "Start of incident")
    }

    @Test func anHTMLTableTimelineGivesOneEntryPerTimedRow() throws {
        let document = try Self.read("""
            # Outage on 2020-01-02

            ## Timeline

            <table>
              <tr><th>Time (UTC)</th><th>Event</th></tr>
              <tr><td>10:02</td><td>Alert <b>fires</b></td></tr>
              <tr><td>10:15</td><td>Rollback &amp; restart</td></tr>
              <tr><td>2020-01-03</td><td>09:00</td><td>Postmortem</td></tr>
            </table>
            """)
        #expect(Self.instants(document) == [try Self.utc("2020-01-02T10:02:00Z"), try Self.utc("2020-01-02T10:15:00Z"),
                                            try Self.utc("2020-01-03T09:00:00Z")])
        #expect(document.incident.timeline.map(\.text) == ["Alert fires", "Rollback & restart", "Postmortem"])
        #expect(!document.incident.sections.contains { $0.markdown.contains("<table>") })
    }

    @Test func timesWithNoDateToPlaceThemAreKeptAsTextAndCounted() throws {
        let document = try Self.read("""
            # Something broke

            ## Timeline

            - 10:00 alert
            - 10:05 page
            - someone looked
            """)
        #expect(document.timelineEntriesRead == 0)
        #expect(document.timedLinesKeptAsText == 2)
        #expect(document.incident.sections.contains { $0.markdown.contains("10:05 page") })
    }

    @Test func aPostmortemHeadingWithAColonIsTheTitle() throws {
        let document = try Self.read("""
            # Postmortem: Expired TLS certificate on public ingress (2025-06-02)

            ## Summary

            The certificate expired.
            """)
        #expect(document.incident.title == "Postmortem: Expired TLS certificate on public ingress (2025-06-02)")
        #expect(document.titleSource == .heading)
    }

    @Test(arguments: [(nil as String?, nil as String?, "Disk full\n\nno headings", TitleSource.firstLine),
                      ("Given", nil, "# Heading", .option), (nil, "2019-07-02-disk-full.md", "no headings", .fileName),
                      (nil, nil, "---\nname: Incident\ntitle: \"\"\n---\n## Initiate\n- [ ] a", .frontMatter)])
    func theTitleSaysWhereItCameFrom(_ given: String?, _ fileName: String?, _ source: String, _ expected: TitleSource) throws {
        var importer = IncidentImporter(now: RenderingFixtures.now)
        importer.title = given
        importer.fileName = fileName
        #expect(try importer.read(source).titleSource == expected)
    }

    @Test func aLevelOneHeadingBeforeTheFirstSectionSurvivesRenderAndImport() throws {
        let source = """
            # Cache stampede

            Opening notes.

            # Background

            The cache was cold.

            ## Impact

            Slow pages.
            """
        let incident = try Self.read(source).incident
        #expect(incident.sections.map(\.title) == ["Notes", "Background", "Impact"])
        let renderer = try RenderingFixtures.renderer()
        let first = try renderer.issueBody(incident, at: RenderingFixtures.now)
        let again = try Self.read(first).incident
        #expect(try renderer.issueBody(again, at: RenderingFixtures.now) == first)
    }

    @Test func namedGroupsAreStoredAndReadBack() throws {
        let document = try Self.read("""
            # Incident

            ## Initiate

            - [x] Open the issue

            ## Assess

            - [ ] Determine the impact
            """)
        #expect(document.groups == ["Initiate", "Assess"])
        let store = try Fixtures.store()
        let stored = try store.importIncident(document.incident, from: "test.md")
        #expect(try store.incident(stored.number).actions.map(\.group) == ["Initiate", "Assess"])
    }

    @Test func oneHeadingOverEveryTaskIsNoGroup() throws {
        let document = try Self.read("## Action items\n\n### Follow-up\n\n- [ ] one\n- [ ] two\n")
        #expect(document.groups.isEmpty && document.incident.actions.allSatisfy { $0.group == nil })
    }
}

extension ImportShapesTests {
    @Test func aDateClosingTheFileNamePlacesAnUndatedTimeline() throws {
        let document = try Self.read("## Timeline\n\n- [13:26] reported\n- [14:11] found\n", fileName: "prow-flakiness-2019-05-30.md")
        #expect(Self.instants(document) == [try Self.utc("2019-05-30T13:26:00Z"), try Self.utc("2019-05-30T14:11:00Z")])
    }
}

extension ImportShapesTests {
    @Test func aTemplatesNameIsKeptWhenItsIssueTitleIsTheTitle() throws {
        let document = try Self.read("---\nname: Hub incident\ntitle: \"[Incident] {{ TITLE }}\"\n---\n\n- [ ] Discuss\n")
        #expect(document.incident.title == "[Incident] {{ TITLE }}" && document.titleSource == .frontMatter)
        #expect(document.incident.sections.first { $0.title == "Front matter" }?.markdown.contains("name: Hub incident") == true)
    }
}
