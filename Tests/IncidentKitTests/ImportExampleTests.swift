import Foundation
import Testing
@testable import IncidentKit

@Suite struct ImportExampleTests {
    static func example() throws -> ImportedDocument {
        try IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)
            .read(try MarkdownDocumentTests.fixture("vpc-connector-p0.md"))
    }

    @Test func theExampleImportsWithEverythingTheIssueAsksFor() throws {
        let incident = try Self.example().incident
        #expect(incident.title.hasSuffix(" EMERGENCY P0: VPC Connector Connectivity Failure - Infrastructure Critical"))
        #expect(incident.severity == .p0)
        #expect(incident.labels == ["P0", "emergency", "infrastructure", "vpc-connector", "production-impact", "staging"])
        #expect(incident.assignees == ["Infrastructure team", "Platform engineering"])
        #expect(incident.whys.count == 5)
        #expect(incident.whys.map(\.isRootCause) == [false, false, false, false, true])
        // The example's emoji and arrows arrive as UTF-8 read as Mac Roman (`üö®`, `‚Üí`): import puts them back and says so.
        #expect(incident.title.hasPrefix("🚨 EMERGENCY"))
        #expect(incident.whys.first?.text == "Health checks timeout → Container starts but application fails to initialize")
        #expect(try Self.example().notes.contains { $0.hasPrefix("repaired ") && $0.contains("Mac Roman") })
        var keeping = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)
        keeping.repairsEncoding = false
        #expect(try keeping.read(MarkdownDocumentTests.fixture("vpc-connector-p0.md")).incident.whys.first?.text
            == "Health checks timeout ‚Üí Container starts but application fails to initialize")
        // 19:17, 19:49, 20:00 and 20:15 PST (UTC−8).
        #expect(incident.timeline.map { TimeFormat.utc($0.at) }
            == ["2025-09-16T03:17:00Z", "2025-09-16T03:49:00Z", "2025-09-16T04:00:00Z", "2025-09-16T04:15:00Z"])
        #expect(incident.timeline.map(\.kind) == [.detected, .rootCauseIdentified, .note, .fixDeployed])
        #expect(incident.actions.count == 11)
        #expect(Horizon.allCases.map { horizon in incident.actions.filter { $0.horizon == horizon }.count } == [3, 4, 4])
        #expect(incident.actions[0].details == """
            ```bash
            gcloud compute networks vpc-access connectors describe staging-connector --region=us-central1 --project=netra-staging
            ```
            """)
        #expect(incident.actions[2].details?.hasPrefix("- Validate VPC connector subnet configuration") == true)
        #expect(incident.actions[4].text == "**Remove Emergency Bypass:** Set `EMERGENCY_ALLOW_NO_DATABASE=false`")
        #expect(incident.criteria.count == 8)
        #expect(Phase.allCases.map { phase in incident.criteria.filter { $0.phase == phase }.count } == [4, 4])
        #expect(incident.services.map(\.name) == ["Backend API", "Auth Service", "Database", "Cache"])
        #expect(incident.impact == "$500K+ ARR - Complete Golden Path failure")
        #expect(incident.rootCause?.hasPrefix("VPC Connector `staging-connector` connectivity failure") == true)
        #expect(incident.sections.map(\.title) == [
            "Issue Description", "Executive Summary", "Emergency Fix Implementation", "Infrastructure Analysis",
            "Validation Steps", "Risk Assessment", "Business Impact Assessment", "Related Documentation", "Technical Details",
        ])
    }

    @Test func otherSectionsAreKeptVerbatim() throws {
        let sections = try Self.example().incident.sections
        let risk = try #require(sections.first { $0.title == "Risk Assessment" })
        #expect(risk.markdown == """
            ### Emergency Fix Risks (LOW)
            - **Data Safety:** No data manipulation, read-only degradation
            - **Security:** Emergency mode maintains authentication bypass safety
            - **Performance:** Minimal impact, removes database timeout delays
            - **Rollback:** Can disable via environment variable immediately
            """)
        let technical = try #require(sections.first { $0.title == "Technical Details" })
        #expect(technical.markdown.contains("#### VPC Connector Diagnosis\n```bash\n# Check connector status"))
        #expect(technical.markdown.contains("- **Build ID:** 20cf419d-c6a7-4946-870c-d90b879570ec"))
        #expect(!technical.markdown.contains("Issue Detected"), "dated timeline items became entries")
    }

    @Test func importAddsNothingOfItsOwn() throws {
        let document = try Self.example()
        #expect(document.incident.timeline.count == 4)
        #expect(!document.incident.timeline.contains { $0.kind == .declared })
        #expect(document.incident.declaredAt == document.incident.timeline[0].at)
        #expect(document.notes.contains { $0.contains("first time in its timeline") })
        #expect(document.notes.contains("severity P0 (from **Priority:** P0)"))
    }

    @Test func aDocumentWithoutSeverityUsesTheDefaultAndSaysSo() throws {
        let document = try IncidentImporter(defaultSeverity: .p2).read("# Queue backlog\n\n- [ ] drain it\n")
        #expect(document.incident.severity == .p2)
        #expect(document.notes.first?.contains("names none") == true)
        let sev = try IncidentImporter().read("# Outage\n\n**Severity:** SEV2\n")
        #expect(sev.incident.severity == .p1)
        #expect(sev.notes.first == "severity P1 (from **Severity:** SEV2)")
    }

    /// Only an empty document is refused; one without a title takes the file name's, else its first line.
    @Test func onlyAnEmptyDocumentIsRefused() throws {
        #expect(throws: IncidentError.self) { try IncidentImporter().read("") }
        #expect(try IncidentImporter().read("- [ ] just a task\n").incident.title == "just a task")
        var importer = IncidentImporter()
        importer.fileName = "archive/2019-07-02-disk-full.md"
        let named = try importer.read("## Summary\n\nThe disk filled up.\n\n## Timeline\n\n- 10:34 alert fires\n- 09:10 disk at 100%\n")
        #expect(named.incident.title == "disk full")
        // The date comes from the file name; 09:10 after 10:34 on the same date is the next day.
        #expect(named.incident.timeline.map { TimeFormat.utc($0.at) }.count == 2)
    }
}
