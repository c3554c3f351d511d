import Foundation
import Testing
@testable import IncidentKit

/// Timeline rows that give a date and no time of day (issue 18): each is an entry at the start of that day in the
/// document's zone, a note (never a response milestone), and nothing of it is left out of the record.
@Suite struct DateOnlyRowTests {
    static func read(_ source: String) throws -> ImportedDocument {
        try IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now).read(source)
    }

    /// Midnight of `day` in Los Angeles (the documents say "All times in PST"), as the store writes it.
    static func pacificMidnight(_ day: String) throws -> String { TimeFormat.utc(try TimeExpression.parse(day + "T00:00:00-08:00")) }

    static let everyShape = """
        # Outage of the ingest queue

        All times in PST.

        ## Timeline

        ### 2025-09-14 22:10 - Alerts fire

        ### 2025-09-15: Rollback complete

        **Sep 16, 2025:** Disclosure sent

        2025-09-17 - Status page updated
        2025-09-17 10:00 - Dashboard fixed

        ### 2025-09-18

        Customers told by mail

        <table><tr><th>When</th><th>What</th></tr>
        <tr><td>2025-09-19</td><td>Vendor ticket opened</td></tr>
        <tr><td>2025-09-19 11:00</td><td>Vendor answered</td></tr>
        </table>

        | When | What |
        | --- | --- |
        | 2025-09-20 | Capacity added |
        | Sep 21, 2025 | Alert tuned |
        | 21.09.2025 | Runbook written |

        - **2025-09-22**: Postmortem held
        - Sep 23, 2025 - Follow-ups filed
        """

    @Test func everyDateOnlyShapeIsAnEntryAtTheStartOfItsDayInTheDocumentsZone() throws {
        let incident = try Self.read(Self.everyShape).incident
        let dated = ["Rollback complete": "2025-09-15", "Disclosure sent": "2025-09-16", "Status page updated": "2025-09-17",
                     "Customers told by mail": "2025-09-18", "Vendor ticket opened": "2025-09-19", "Capacity added": "2025-09-20",
                     "Alert tuned": "2025-09-21", "Runbook written": "2025-09-21", "Postmortem held": "2025-09-22",
                     "Follow-ups filed": "2025-09-23"]
        for (text, day) in dated {
            let entry = try #require(incident.timeline.first { $0.text == text }, "\(text) is lost")
            #expect(TimeFormat.utc(entry.at) == (try Self.pacificMidnight(day)), "\(text)")
        }
        // The timed rows beside them keep their times.
        #expect(incident.timeline.map(\.text).contains("Dashboard fixed") && incident.timeline.map(\.text).contains("Vendor answered"))
        #expect(incident.timeline.count == dated.count + 3)
    }

    @Test func nothingOfATimelineWithDateOnlyRowsIsLeftOut() throws {
        let document = try Self.read(Self.everyShape)
        let kept = document.incident.sections.map(\.markdown).joined(separator: "\n")
        for text in ["Rollback complete", "Vendor ticket opened", "Runbook written", "Follow-ups filed", "Customers told by mail"] {
            #expect(document.incident.timeline.contains { $0.text == text } || kept.contains(text), "\(text)")
        }
        #expect(document.timedLinesKeptAsText == 0)
    }

    @Test func aDateOnlyRowIsNeverAResponseMilestone() throws {
        let incident = try Self.read("""
            # Cache outage

            ## Timeline

            - 2021-12-10 09:00 UTC: Impact started, error rate up
            - 2021-12-11: Resolved
            """).incident
        let resolved = try #require(incident.timeline.first { $0.text == "Resolved" })
        #expect(resolved.kind == .note)
        #expect(incident.timeline.first?.kind == .impactStarted)
    }

    @Test func aRowThatIsOnlyAPlaceholderStaysAsText() throws {
        let document = try Self.read("""
            # Network outage

            ## Timeline

            | Time | Event |
            | --- | --- |
            | 2019-11-29 12:00 | Pods stop starting |
            | ... | More pods fail |
            """)
        #expect(document.incident.timeline.map(\.text) == ["Pods stop starting"])
        #expect(document.incident.sections.contains { $0.markdown.contains("More pods fail") })
    }

    @Test func aMonthAndDayTakeTheDocumentsYear() {
        #expect(WrittenTime.dateOnly("11/25", year: 2021).map { [$0.0, $0.1, $0.2] } == [2021, 11, 25])
        #expect(WrittenTime.dateOnly("11/25") == nil)
        #expect(WrittenTime.dateOnly("1/2/3", year: 2021) == nil)
    }
}
