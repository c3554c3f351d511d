import Foundation
import Testing
@testable import IncidentKit

/// Incident documents written in other common styles; every expected count below was made by hand from the fixture.
@Suite struct ImportStylesTests {
    static let importer = IncidentImporter(defaultSeverity: .p3, zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    static func read(_ name: String) throws -> ImportedDocument {
        try importer.read(try MarkdownDocumentTests.fixture(name))
    }

    // MARK: GitLab incident issue

    @Test func gitLabIncidentIssueImportsEveryTaskWithItsState() throws {
        let document = try Self.read("gitlab-incident.md")
        // 9 under "Tasks" (5 of them nested), 3 ordered "Corrective actions", 2 under "Verification".
        #expect(document.tasks.count == 14)
        #expect(document.tasks.map(\.checked) == [true, true, true, true, true, false, true, false, false,
                                                  false, false, true,
                                                  true, false])
        #expect(document.tasks.map(\.kind) == Array(repeating: .action, count: 12) + [.criterion, .criterion])
        let incident = document.incident
        #expect(incident.actions.map(\.isDone) == [true, true, true, true, true, false, true, false, false, false, false, true])
        #expect(incident.actions.map(\.number) == Array(1...12))
        #expect(incident.actions[3].text == "Canary pod first, watch `redis_errors_total` for 5 minutes")
        #expect(incident.actions[9].text == "Make the Redis client reconnect on `READONLY` replies (checkout-api#1422)")
        #expect(incident.criteria.map(\.text) == ["Error rate under 0.1% for 30 minutes", "A forced failover in staging recovers without a restart"])
        #expect(incident.criteria.map(\.isMet) == [true, false])
    }

    @Test func gitLabIncidentIssueKeepsItsTimelineTableAndSections() throws {
        let incident = try Self.read("gitlab-incident.md").incident
        #expect(incident.title == "Incident: checkout-api 5xx spike after Redis primary failover")
        #expect(incident.timeline.map { TimeFormat.utc($0.at) } == [
            "2025-10-02T14:02:00Z", "2025-10-02T14:05:00Z", "2025-10-02T14:09:00Z",
            "2025-10-02T14:22:00Z", "2025-10-02T14:40:00Z", "2025-10-02T14:55:00Z",
        ])
        #expect(incident.declaredAt == incident.timeline[0].at)
        #expect(incident.sections.map(\.title) == ["Notes", "Summary", "Impact", "Root cause analysis"])
        let analysis = try #require(incident.sections.last)
        #expect(analysis.markdown.hasSuffix("/label ~incident ~\"severity::2\" ~\"Service::Checkout\" ~\"incident::mitigated\"\n/assign @dana.k @omar.h"))
    }

    /// `/label ~"severity::2"` is a command to GitLab, not a statement in the document: it is kept as text and
    /// the severity falls back to the default, and the import says so (it would be S2 → P1 if it were read).
    @Test func gitLabSeverityQuickActionIsNotReadSoTheDefaultSeverityApplies() throws {
        let document = try Self.read("gitlab-incident.md")
        #expect(document.incident.severity == .p3)
        #expect(document.notes.contains("severity P3: the document names none (--severity sets it)"))
        #expect(document.incident.labels.isEmpty)
    }

    // MARK: Google-SRE-style postmortem

    @Test func sreStylePostmortemReadsOnlyTheVerificationChecklistAsItems() throws {
        let document = try Self.read("sre-postmortem.md")
        // The Action Items table has no checkboxes: no action comes from it. Verification: 5 items, 1 nested.
        #expect(document.tasks.count == 5)
        #expect(document.tasks.map(\.checked) == [true, true, false, false, false])
        #expect(document.tasks.map(\.kind) == Array(repeating: .criterion, count: 5))
        let incident = document.incident
        #expect(incident.actions.isEmpty)
        #expect(incident.criteria.map(\.isMet) == [true, true, false, false, false])
        #expect(incident.criteria[3].text == "Including one night with a catalog import of over 100,000 variants")
    }

    @Test func sreStylePostmortemSev2IsP1AndItsTimelineTableIsRead() throws {
        let document = try Self.read("sre-postmortem.md")
        let incident = document.incident
        #expect(incident.title == "Postmortem: Catalog search served stale results after an index rebuild filled its disk")
        #expect(incident.severity == .p1)
        #expect(document.notes.contains("severity P1 (from **Severity:** SEV2)"))
        #expect(incident.timeline.map { TimeFormat.utc($0.at) } == [
            "2025-08-21T09:12:00Z", "2025-08-21T09:58:00Z", "2025-08-21T11:08:00Z", "2025-08-21T11:20:00Z",
            "2025-08-21T11:41:00Z", "2025-08-21T12:15:00Z", "2025-08-21T12:38:00Z",
        ])
        #expect(incident.impact?.hasPrefix("Roughly 1.2 million searches") == true)
        #expect(incident.sections.map(\.title) == ["Notes", "Action Items", "Lessons Learned", "Supporting information"])
        let lessons = try #require(incident.sections.first { $0.title == "Lessons Learned" })
        for heading in ["### What went well", "### What went wrong", "### Where we got lucky"] {
            #expect(lessons.markdown.contains(heading))
        }
        let actionTable = try #require(incident.sections.first { $0.title == "Action Items" })
        #expect(actionTable.markdown.split(separator: "\n").count == 7, "header, rule and five rows, verbatim")
    }

    // MARK: Mixed heading levels

    /// Issue bodies often mix `#` and `##` for their sections: a `#` after the first `##` starts a free section of its
    /// own, as the README says, instead of its text being dropped.
    @Test func aLevelOneHeadingAfterTheFirstSectionKeepsItsTextAsASection() throws {
        let document = try Self.importer.read("""
            # Checkout errors after the Redis failover

            ## Summary

            Carts failed to save for 50 minutes.

            # Follow-up

            Ask the Redis vendor how maintenance notices reach us.

            - [ ] Subscribe #oncall to the vendor's maintenance feed
            """)
        #expect(document.incident.title == "Checkout errors after the Redis failover")
        #expect(document.incident.sections == [
            FreeSection(title: "Summary", markdown: "Carts failed to save for 50 minutes."),
            FreeSection(title: "Follow-up", markdown: "Ask the Redis vendor how maintenance notices reach us."),
        ])
        #expect(document.tasks.map(\.text) == ["Subscribe #oncall to the vendor's maintenance feed"])
    }

    // MARK: Live GitHub issue: CRLF, emoji, nested tasks, tasks in a quote, task-like code

    @Test func liveGitHubIssueWithCRLFReadsNestedAndQuotedTasksButNoneInCode() throws {
        let source = try MarkdownDocumentTests.fixture("github-live-crlf.md")
        #expect(source.utf8.count(where: { $0 == UInt8(ascii: "\r") }) == source.utf8.count(where: { $0 == UInt8(ascii: "\n") }),
                "the fixture must keep its CRLF line endings")
        let document = try Self.importer.read(source)
        // Checklist: 9 (5 nested, one 3 deep); the quote: 2; Verification: 3.
        #expect(document.tasks.count == 14)
        #expect(document.tasks.map(\.checked) == [true, true, true, true, false, true, false, false, false,
                                                  true, false,
                                                  true, false, false])
        #expect(document.tasks.map(\.kind) == Array(repeating: .action, count: 11) + Array(repeating: .criterion, count: 3))
        #expect(!document.tasks.contains { $0.text.contains("not a task") || $0.text.contains("nor this") })
        #expect(!document.tasks.contains { $0.text.contains("\r") })
        let incident = document.incident
        #expect(incident.actions.first?.text == "Declare the incident and open #inc-sso-eu 🎫")
        #expect(incident.actions[4].text == "Fix the metadata refresh 🛠️")
        #expect(incident.actions[4].details == nil, "its nested tasks are items of their own")
        #expect(incident.actions[9].text == "Confirm no assertion was accepted with the old certificate")
        #expect(incident.criteria.map(\.isMet) == [true, false, false])
    }

    @Test func liveGitHubIssueWithCRLFKeepsHeaderTimelineAndEmojiSections() throws {
        let document = try Self.read("github-live-crlf.md")
        let incident = document.incident
        #expect(incident.title == "🚨 Login failures for SSO users in eu-west")
        #expect(incident.labels == ["incident", "sev2", "auth", "eu-west"])
        #expect(incident.assignees == ["mkowalski", "jtan"])
        #expect(incident.severity == .p1)
        #expect(document.notes.contains("severity P1 (from label SEV2)"))
        #expect(incident.timeline.map { TimeFormat.utc($0.at) }
            == ["2025-11-04T10:31:00Z", "2025-11-04T10:44:00Z", "2025-11-04T11:20:00Z", "2025-11-04T11:48:00Z"])
        #expect(incident.timeline.map(\.kind) == [.note, .declared, .rootCauseIdentified, .mitigated])
        #expect(incident.sections.map(\.title) == ["Notes", "🔥 Current status", "✅ Checklist", "📎 Links"])
        #expect(!incident.sections.contains { $0.markdown.contains("\r") })
        let checklist = try #require(incident.sections.first { $0.title == "✅ Checklist" })
        #expect(checklist.markdown.contains("```bash\n# count the failing assertions\n"))
        #expect(checklist.markdown.contains("    - [ ] an indented code block, not a task either"))
        #expect(checklist.markdown.contains("> **From the security review (copied from #sec-review):**"))
        #expect(!checklist.markdown.contains("Rotate the SP signing key"), "quoted tasks became items")
    }

    @Test func theSameIssueWithLFLineEndingsImportsTheSameRecord() throws {
        let crlf = try MarkdownDocumentTests.fixture("github-live-crlf.md")
        let lf = crlf.replacingOccurrences(of: "\r\n", with: "\n")
        let cr = crlf.replacingOccurrences(of: "\r\n", with: "\r")
        let expected = CarriedFields(try Self.importer.read(lf).incident)
        #expect(CarriedFields(try Self.importer.read(crlf).incident) == expected)
        #expect(CarriedFields(try Self.importer.read(cr).incident) == expected)
    }
}
