import Foundation
import Testing
@testable import IncidentKit

@Suite struct IssueRenderingTests {
    @Test func theExampleBodyHasItsNineteenTaskItemsWithTheirState() throws {
        let (store, number) = try RenderingFixtures.example()
        let body = try RenderingFixtures.renderer().issueBody(try store.incident(number))
        let tasks = MarkdownDocument(parsing: body).root.descendants.filter { $0.task != nil }
        #expect(tasks.count == 19)
        let done = tasks.enumerated().filter { $0.element.task == .done }.map(\.offset)
        // Actions 1, 2, 4 and criterion 1 (the 12th task) are done.
        #expect(done == [0, 1, 3, 11])
        #expect(tasks[0].children.first?.markdown == "[x] **VPC Connector Diagnosis:** <!-- incident:action:1 done -->")
        #expect(tasks[11].children.first?.markdown == "[x] Health endpoints return HTTP 200 <!-- incident:criterion:1 done -->")
    }

    @Test func actionDetailsAreNestedUnderTheirItem() throws {
        let (store, number) = try RenderingFixtures.example()
        let body = try RenderingFixtures.renderer().issueBody(try store.incident(number))
        let first = try #require(MarkdownDocument(parsing: body).root.descendants.first { $0.task != nil })
        let code = first.children.first { if case .codeBlock = $0.kind { true } else { false } }
        #expect(code?.kind == .codeBlock(info: "bash"))
        #expect(code?.text.contains("vpc-access connectors describe staging-connector") == true)
    }

    @Test func theBodyCarriesTheExamplesSections() throws {
        let (store, number) = try RenderingFixtures.example()
        let body = try RenderingFixtures.renderer().issueBody(try store.incident(number))
        let headings = MarkdownDocument(parsing: body).root.descendants.compactMap { block -> String? in
            if case .heading = block.kind { return block.text } else { return nil }
        }
        for expected in ["Issue Description", "Executive Summary", "Five Whys Analysis", "Required Actions (3/11 done)",
                         "IMMEDIATE (2/3)", "MEDIUM-TERM (1/4)", "LONG-TERM (0/4)", "Success Criteria (1/8 met)",
                         "Immediate Success (1/4)", "Short-term Success (0/4)", "Affected Services", "Timeline", "Risk Assessment"] {
            #expect(headings.contains(expected), "missing heading \(expected)")
        }
        #expect(body.contains("**Labels:** P0, emergency, infrastructure, vpc-connector, production-impact, staging"))
        #expect(body.contains("**Assignees:** Infrastructure team, Platform engineering"))
        #expect(body.contains("```mermaid\ntimeline"))
        #expect(body.contains("- **Why #5:** **ROOT CAUSE:** VPC Connector `staging-connector` connectivity failure"))
    }

    @Test func hostileTextLeavesTheStructureIntact() throws {
        let incident = try RenderingFixtures.hostile()
        let body = try RenderingFixtures.renderer().issueBody(incident)
        let document = MarkdownDocument(parsing: body)
        let tasks = document.root.descendants.filter { $0.task != nil }
        #expect(tasks.count == 3)
        #expect(tasks.allSatisfy { $0.task == .open })
        let headings = document.root.descendants.filter { if case .heading = $0.kind { true } else { false } }
        // Title, description, summary, whys, actions + 2 horizons, criteria + 1 phase, services, timeline, one section.
        #expect(headings.count == 12)
        // The only HTML blocks are the tool's own comments: the header and the field markers.
        let htmlBlocks = document.root.descendants.filter { $0.kind == .html }.map { $0.text.trimmingCharacters(in: .newlines) }
        #expect(htmlBlocks.first?.hasPrefix("<!-- incident:INC-") == true)
        #expect(Array(htmlBlocks.dropFirst()) == ["<!-- incident:impact -->", "<!-- /incident:impact -->",
                                                   "<!-- incident:summary -->", "<!-- /incident:summary -->"])
        #expect(!body.contains("<script>"))
        #expect(!body.contains("<!-- comment"))
        let markers = body.components(separatedBy: "<!-- incident:").count - 1
        #expect(markers == 6) // the header comment, one per task item, and the impact and summary markers
        // The unclosed fence in the impact is closed before the next section.
        #expect(headings.contains { $0.text == "Executive Summary" })
    }

    @Test func titleAndLabelsForGitHub() throws {
        let (store, number) = try RenderingFixtures.example()
        let incident = try store.incident(number)
        #expect(try RenderingFixtures.renderer().labelsLine(incident) == "P0,emergency,infrastructure,vpc-connector,production-impact,staging")
    }
}
