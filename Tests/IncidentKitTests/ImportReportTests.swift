import Foundation
import Testing
@testable import IncidentKit

/// `import --report`: what the importer read from a document, counted from the document it returned.
@Suite struct ImportReportTests {
    @Test func theReportCountsWhatTheImporterRead() throws {
        let document = try IncidentImporter(now: Date(timeIntervalSince1970: 0)).read("""
            # Disk full on the build server

            All times in UTC.

            ## Timeline

            ### 2019-07-02 10:34 - Problem starts

            Builds fail.

            ### 10:50 - Resolved

            Disk cleaned.

            ## Action items

            - [x] Clean the disk
            - [ ] Alert at 80%
            - [ ] Rotate the logs

            ## Success criteria

            - [x] Builds pass

            ## Lessons

            Watch the disk.
            """)
        // Sections kept: the zone line (Notes), the paragraphs under headings that have text of their own (Timeline),
        // and Lessons; Action items and Success criteria became items.
        let report = ImportReport(document)
        #expect(report == ImportReport(timelineEntries: 2, taskItems: 4, tickedTaskItems: 2, sections: 3, titleSource: "heading",
                                       timedLinesKeptAsText: 0, groups: 0))
        #expect(report.timelineEntries == document.incident.timeline.count)
        #expect(report.taskItems == document.incident.actions.count + document.incident.criteria.count)
        #expect(IncidentText.importReport(report)
                == "title from heading · 2 timeline entries · 4 task items (2 ticked) · 3 sections · 0 timed lines kept as text · 0 groups")
    }

    @Test func theImportersOwnAccountIsShownWhenItGivesOne() {
        let report = ImportReport(timelineEntries: 1, taskItems: 0, tickedTaskItems: 0, sections: 3, titleSource: "file name",
                                  timedLinesKeptAsText: 2, groups: 1)
        #expect(IncidentText.importReport(report)
                == "title from file name · 1 timeline entry · 0 task items · 3 sections · 2 timed lines kept as text · 1 group")
    }
}
