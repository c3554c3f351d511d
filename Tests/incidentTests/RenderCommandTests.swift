import Foundation
import Testing

// End-to-end tests of the commands that render documents: `render`, `export`, `lesson add`,
// `templates export`, and that none of them creates files when there is no database.
// The checklist update comment (`update`) is in UpdateCommandTests.swift.

// MARK: - A small Markdown reader, independent of the code under test

/// One `- [ ]` / `- [x]` line of a task list.
struct TaskLine: Equatable, CustomStringConvertible {
    var checked: Bool
    /// The line without its indentation, list marker and box.
    var text: String

    var description: String { "[\(checked ? "x" : " ")] \(text)" }
}

/// Reads a Markdown document line by line, knowing only what these tests need: fenced code blocks
/// (``` or ~~~, any indentation, closed by a run of the same character at least as long) and
/// task-list lines outside them.
enum MarkdownLines {
    struct Fence {
        var info: String
        var lines: [String]
    }

    /// Task-list items outside fenced code blocks, in document order.
    static func tasks(in markdown: String) -> [TaskLine] {
        scan(markdown).tasks
    }

    /// The fenced code blocks, with their info strings and contents.
    static func fences(in markdown: String) -> [Fence] {
        scan(markdown).fences
    }

    /// Lines outside fenced code blocks (where headings and list items live).
    static func prose(in markdown: String) -> [String] {
        scan(markdown).prose
    }

    private static func scan(_ markdown: String) -> (tasks: [TaskLine], fences: [Fence], prose: [String]) {
        var tasks: [TaskLine] = [], fences: [Fence] = [], prose: [String] = []
        var open: (character: Character, length: Int)?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if let fence = open {
                let run = trimmed.prefix { $0 == fence.character }
                if run.count >= fence.length, trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace) {
                    open = nil
                } else {
                    fences[fences.count - 1].lines.append(line)
                }
                continue
            }
            if let first = trimmed.first, first == "`" || first == "~" {
                let run = trimmed.prefix { $0 == first }
                if run.count >= 3 {
                    open = (first, run.count)
                    fences.append(Fence(info: trimmed.dropFirst(run.count).trimmingCharacters(in: .whitespaces), lines: []))
                    continue
                }
            }
            prose.append(line)
            // "- [ ] text", "* [x] text", "+ [X] text" (any indentation: nested items count too).
            if let marker = trimmed.first, "-*+".contains(marker) {
                let rest = trimmed.dropFirst()
                if rest.hasPrefix(" [ ] ") || rest.hasPrefix(" [x] ") || rest.hasPrefix(" [X] ") {
                    tasks.append(TaskLine(checked: rest.dropFirst(2).first != " ", text: String(rest.dropFirst(5))))
                }
            }
        }
        return (tasks, fences, prose)
    }
}

/// The lines after the first line equal to `heading` up to the next heading of the same or a higher level.
func lines(under heading: String, in markdown: String) -> [String]? {
    let prose = MarkdownLines.prose(in: markdown)
    guard let start = prose.firstIndex(of: heading) else { return nil }
    let level = heading.prefix { $0 == "#" }.count
    let body = prose[(start + 1)...].prefix { line in
        let hashes = line.prefix { $0 == "#" }.count
        return !(hashes > 0 && hashes <= level && line.dropFirst(hashes).first == " ")
    }
    return Array(body)
}

/// The repository's `Templates/` folder, found from this file.
let repositoryTemplates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates")

let templateFiles = ["checklist.mustache", "cstate-issue.md.mustache", "follow-up.md.mustache", "issue.md.mustache", "postmortem.html.mustache",
                     "postmortem.md.mustache", "statuspage-feed.xml.mustache", "statuspage-incident.html.mustache",
                     "statuspage-index.html.mustache", "statuspage-style.mustache", "statuspage-updates.mustache",
                     "task-item.mustache", "update.md.mustache"]

/// The issue body with the render time in its header comment (`rendered 2025-…Z`) blanked, to compare two renders.
func withoutRenderTime(_ body: String) -> String {
    body.replacing(#/rendered \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/#, with: "rendered <time>")
}

/// The hidden marker that ends a task line: `<!-- incident:action:3 -->`, or `… 3 done -->` for a ticked item.
func marker(_ kind: String, _ number: Int, done: Bool = false) -> String {
    "<!-- incident:\(kind):\(number)\(done ? " done" : "") -->"
}

// MARK: - render

@Suite struct RenderCommandTests {
    @Test func theExampleHasTheCountsTheseTestsRelyOn() {
        #expect(Example.actions.count == 11)
        #expect(Example.criteria.count == 8)
        #expect(Example.timeline.count == 3)
    }

    @Test func theIssueBodyHasOneTaskItemPerActionAndCriterionInOrderWithItsMarker() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let tasks = MarkdownLines.tasks(in: try sandbox.ok(["render"]).stdout)
        #expect(tasks.count == Example.actions.count + Example.criteria.count, "\(tasks)")
        #expect(tasks.allSatisfy { !$0.checked }, "nothing is checked yet: \(tasks)")
        let markers = (1...Example.actions.count).map { marker("action", $0) }
            + (1...Example.criteria.count).map { marker("criterion", $0) }
        let texts = Example.actions.map(\.0) + Example.criteria.map(\.0)
        for (index, task) in tasks.enumerated() where index < markers.count {
            #expect(task.text.hasSuffix(" " + markers[index]), "task \(index + 1) should end with \(markers[index]): \(task)")
            #expect(task.text.hasPrefix(texts[index]), "task \(index + 1) should read \(texts[index].debugDescription): \(task)")
        }
    }

    @Test func checkedActionsAndMetCriteriaAreTickedInTheIssueBody() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1", "2"])
        try sandbox.ok(["criterion", "check", "1"])
        let tasks = MarkdownLines.tasks(in: try sandbox.ok(["render"]).stdout)
        #expect(tasks.count == Example.actions.count + Example.criteria.count)
        let ticked = tasks.enumerated().filter(\.element.checked).map(\.offset)
        // Actions 1 and 2, and criterion 1, which comes right after the 11 actions.
        #expect(ticked == [0, 1, Example.actions.count], "\(tasks)")
        // Each marker names its item and, since the items can be read back, the state it was rendered with.
        let expected = (1...Example.actions.count).map { marker("action", $0, done: $0 <= 2) }
            + (1...Example.criteria.count).map { marker("criterion", $0, done: $0 == 1) }
        for (task, marker) in zip(tasks, expected) {
            #expect(task.text.hasSuffix(" " + marker), "\(task) should end with \(marker)")
        }

        try sandbox.ok(["action", "uncheck", "2"])
        let after = MarkdownLines.tasks(in: try sandbox.ok(["render"]).stdout)
        #expect(after.enumerated().filter(\.element.checked).map(\.offset) == [0, Example.actions.count])
    }

    @Test func actionDetailsStayInsideTheirCodeFenceAndAddNoTaskItems() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["action", "add", "Check the fence", "--details", "```\n- [ ] not a task\n```"])
        let body = try sandbox.ok(["render"]).stdout
        #expect(MarkdownLines.tasks(in: body).count == Example.actions.count + 1 + Example.criteria.count)
        let fences = MarkdownLines.fences(in: body)
        #expect(fences.contains { $0.info == "bash" && $0.lines.contains { $0.contains("vpc-access connectors create api-connector") } })
        #expect(fences.contains { $0.lines.contains { $0.contains("- [ ] not a task") } })
    }

    @Test func titleOnlyPrintsExactlyTheTitle() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let result = try sandbox.ok(["render", "--title-only"])
        #expect(result.stdout == Example.title + "\n")
        #expect(result.stderr.isEmpty)
        try sandbox.ok(["new", "--p3", "A second incident"])
        #expect(try sandbox.ok(["render", "--title-only"]).stdout == "A second incident\n")
        #expect(try sandbox.ok(["render", "INC-1", "--title-only"]).stdout == Example.title + "\n")
    }

    @Test func labelsOnlyPrintsExactlyTheLabelsCommaSeparated() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let result = try sandbox.ok(["render", "--labels-only"])
        #expect(result.stdout == "api,database\n")
        #expect(result.stderr.isEmpty)
        try sandbox.ok(["set", "--add-label", "customer-facing"])
        #expect(try sandbox.ok(["render", "--labels-only"]).stdout == "api,database,customer-facing\n")
    }

    @Test func outputFileGetsTheBodyAndNothingIsPrinted() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let printed = withoutRenderTime(try sandbox.ok(["render"]).stdout)
        #expect(printed.contains("rendered <time>"))
        let written = try sandbox.ok(["render", "-o", "issue.md"])
        #expect(written.stdout.isEmpty && written.stderr.isEmpty, "\(written)")
        let file = withoutRenderTime(String(decoding: try sandbox.contents("issue.md"), as: UTF8.self))
        #expect(!file.isEmpty)
        // The file holds the document; stdout is the same document ending in exactly one newline.
        #expect(file.trimmingCharacters(in: .newlines) == printed.trimmingCharacters(in: .newlines))
        let long = try sandbox.ok(["render", "--output", "long.md"])
        #expect(long.stdout.isEmpty)
        #expect(withoutRenderTime(String(decoding: try sandbox.contents("long.md"), as: UTF8.self)) == file)
    }

    @Test func aMermaidTimelineHasAnEntryPerTimelineEntry() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let timeline = try #require(try sandbox.json()["timeline"] as? [Any])
        #expect(timeline.count == Example.timeline.count + 1) // and the declaration
        let mermaid = MarkdownLines.fences(in: try sandbox.ok(["render"]).stdout).filter { $0.info == "mermaid" }
        #expect(mermaid.count == 1)
        let entries = mermaid.first?.lines.filter { $0.contains(" : ") } ?? []
        #expect(entries.count == timeline.count, "\(mermaid)")
        #expect(entries.count >= 2)
        #expect(mermaid.first?.lines.first == "timeline")
    }

    @Test func aSingleTimelineEntryHasNoMermaidBlockAndASecondAddsOne() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p3", "Typo on the status page"])
        let alone = try sandbox.ok(["render"]).stdout
        #expect(MarkdownLines.fences(in: alone).filter { $0.info == "mermaid" }.isEmpty)
        #expect(!alone.contains("mermaid"))
        try sandbox.ok(["timeline", "add", "Reported by a customer", "--kind", "detected"])
        let two = MarkdownLines.fences(in: try sandbox.ok(["render"]).stdout).filter { $0.info == "mermaid" }
        #expect(two.count == 1)
        #expect(two.first?.lines.filter { $0.contains(" : ") }.count == 2)
    }

    @Test func userTextCantAddTaskItemsOrRawHTMLToTheBody() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "--", "- [ ] <script>alert(1)</script>"])
        try sandbox.ok(["action", "add", "[x] looks done <!-- incident:action:9 done -->"])
        try sandbox.ok(["timeline", "add", "--", "- [x] not a task"])
        let body = try sandbox.ok(["render"]).stdout
        let tasks = MarkdownLines.tasks(in: body)
        #expect(tasks.count == 1, "\(tasks)")
        #expect(tasks.first?.checked == false)
        #expect(tasks.first?.text.hasSuffix(" <!-- incident:action:1 -->") == true)
        #expect(!body.contains("<script"))
        #expect(body.components(separatedBy: "<!-- incident:action:").count - 1 == 1)
    }
}

// MARK: - export

@Suite struct ExportCommandTests {
    static let markdownHeadings = ["## Summary", "## Impact", "## Timeline", "## Response", "## Root cause", "### Five whys",
                                   "## Resolution", "## Lessons learned", "### What went well", "### What went wrong",
                                   "### Where we got lucky", "## Action items", "## Success criteria"]
    static let htmlHeadings = ["<h2>Summary</h2>", "<h2>Impact</h2>", "<h2>Timeline</h2>", "<h2>Response</h2>",
                               "<h2>Root cause</h2>", "<h3>Five whys</h3>", "<h2>Resolution</h2>", "<h2>Lessons learned</h2>",
                               "<h3>What went well</h3>", "<h3>What went wrong</h3>", "<h3>Where we got lucky</h3>",
                               "<h2>Action items</h2>", "<h2>Success criteria</h2>"]

    @Test func theMarkdownPostmortemHasEverySectionInOrder() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let markdown = try sandbox.ok(["export", "--format", "md"]).stdout
        let headings = MarkdownLines.prose(in: markdown).filter { $0.hasPrefix("#") }
        #expect(headings.first == "# Postmortem: INC-1 — \(Example.title)")
        let found = Self.markdownHeadings.compactMap { headings.firstIndex(of: $0) }
        #expect(found.count == Self.markdownHeadings.count, "missing: \(Self.markdownHeadings.filter { !headings.contains($0) })")
        #expect(found == found.sorted(), "headings out of order: \(headings)")
        // The default format is Markdown.
        #expect(MarkdownLines.prose(in: try sandbox.ok(["export"]).stdout).filter { $0.hasPrefix("#") } == headings)
        // Every action and criterion is in the postmortem.
        #expect(lines(under: "## Action items", in: markdown)?.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }.count
            == Example.actions.count)
        #expect(MarkdownLines.tasks(in: markdown).count == Example.criteria.count)
    }

    @Test func theHTMLPostmortemHasEverySectionInOrder() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        let positions = Self.htmlHeadings.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing: \(zip(Self.htmlHeadings, positions).filter { $0.1 == nil }.map(\.0))")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
        #expect(try sandbox.ok(["export", "--format", "HTML"]).stdout.contains("<h2>Summary</h2>"))
    }

    @Test func fiveWhysAppearOnlyWhenThereAreWhys() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow"])
        let markdown = try sandbox.ok(["export"]).stdout
        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        #expect(!MarkdownLines.prose(in: markdown).contains("### Five whys"))
        #expect(!html.contains("Five whys"))
        for heading in Self.markdownHeadings where heading != "### Five whys" {
            #expect(MarkdownLines.prose(in: markdown).contains(heading), "a sparse postmortem still has \(heading)")
        }
        try sandbox.ok(["why", "add", "The index was dropped"])
        #expect(lines(under: "### Five whys", in: try sandbox.ok(["export"]).stdout)?.contains("1. The index was dropped") == true)
        #expect(try sandbox.ok(["export", "--format", "html"]).stdout.contains("<h3>Five whys</h3>"))
    }

    @Test func responseTimesSayNotRecordedUntilTheirMilestonesExist() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout fails", "--at", "2025-09-15 19:20 PST"])
        let before = lines(under: "## Response", in: try sandbox.ok(["export"]).stdout) ?? []
        #expect(before.filter { $0.hasSuffix("| not recorded |") }.count == 4, "\(before)")

        try sandbox.ok(["timeline", "add", "Errors start", "--kind", "impact-started", "--at", "2025-09-15 19:05 PST"])
        try sandbox.ok(["timeline", "add", "Alert fires", "--kind", "detected", "--at", "2025-09-15 19:17 PST"])
        try sandbox.ok(["timeline", "add", "Rolled back", "--kind", "mitigated", "--at", "2025-09-15 21:10 PST"])
        let rows = lines(under: "## Response", in: try sandbox.ok(["export"]).stdout) ?? []
        #expect(rows.contains("| Time to detect | impact started → detected | 12m |"), "\(rows)")
        #expect(rows.contains("| Time to acknowledge | detected → acknowledged | not recorded |"), "\(rows)")
        #expect(rows.contains("| Time to mitigate | impact started → mitigated | 2h 05m |"), "\(rows)")
        #expect(rows.contains("| Time to resolve | impact started → resolved | not recorded |"), "\(rows)")

        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        #expect(html.contains("<tr><td>Time to mitigate</td><td>impact started → mitigated</td><td>2h 05m</td></tr>"))
        #expect(html.contains("<tr><td>Time to acknowledge</td><td>detected → acknowledged</td><td>not recorded</td></tr>"))

        // A status change records its milestone too.
        try sandbox.ok(["status", "resolved", "--at", "2025-09-15 22:10 PST"])
        let resolved = lines(under: "## Response", in: try sandbox.ok(["export"]).stdout) ?? []
        #expect(resolved.contains("| Time to resolve | impact started → resolved | 3h 05m |"), "\(resolved)")
    }

    /// The README promises "`|` is escaped in tables". The People and Labels cells of the header table
    /// once used the one-line escaping, so a `|` in a name split the row into extra cells.
    @Test func aPipeInANameOrLabelStaysInsideItsTableCell() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow", "--label", "search|ranking", "--assignee", "ops | infra"])
        try sandbox.ok(["action", "add", "Rebuild the index", "--owner", "search|team"])
        let markdown = try sandbox.ok(["export"]).stdout
        let rows = MarkdownLines.prose(in: markdown).filter { $0.hasPrefix("|") }
        #expect(!rows.isEmpty)
        for row in rows {
            // Unescaped pipes: a two-column row has 3, a six-column row 7, and so on for every row of a table.
            let bars = zip(row, [" "] + Array(row)).filter { $0.0 == "|" && $0.1 != "\\" }.count
            let expected = row.hasPrefix("| **") || row == "| | |" || row == "|---|---|" ? 3 : nil
            if let expected { #expect(bars == expected, "row splits into extra cells: \(row)") }
        }
        #expect(rows.contains { $0.hasPrefix("| **People** |") && $0.contains("ops \\| infra") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("| **Labels** |") && $0.contains("search\\|ranking") }, "\(rows)")
        #expect(rows.contains { $0.contains("| search\\|team |") }, "\(rows)")
    }

    @Test func theHTMLPostmortemIsOneSelfContainedPageWithAMilestoneStrip() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
        let lowered = html.lowercased()
        #expect(!lowered.contains("<link"))
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("@import"))
        #expect(!lowered.contains(" src="))
        #expect(lowered.components(separatedBy: "<style>").count - 1 == 1)
        #expect(lowered.components(separatedBy: "<svg").count - 1 == 1)
        // One mark per milestone: the declaration and the three typed entries (none is a note).
        #expect(html.components(separatedBy: "<circle").count - 1 == Example.timeline.count + 1)
    }

    @Test func scriptInATitleOrLessonNeverReachesTheHTMLAsATag() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "<script>alert(1)</script> checkout"])
        try sandbox.ok(["lesson", "add", "--went-wrong", "<script>alert(1)</script>"])
        try sandbox.ok(["timeline", "add", "<img src=x onerror=alert(1)>"])
        try sandbox.ok(["section", "add", "Notes", "--markdown", "<script>alert(2)</script>\n\n<b onclick=\"x()\">bold</b>"])
        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        let lowered = html.lowercased()
        #expect(!lowered.contains("<script"), "\(html)")
        #expect(!lowered.contains("<img"))
        #expect(!lowered.contains("onclick="))
        // Shown as text, not dropped: the title and lesson still say what was typed.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; checkout"))
        let lessons = html.components(separatedBy: "<h3>What went wrong</h3>").dropFirst().first ?? ""
        #expect(lessons.prefix(200).contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"), "\(lessons.prefix(200))")
        let markdown = try sandbox.ok(["export"]).stdout
        #expect(!markdown.contains("<script"))
    }

    @Test func anUnknownFormatFailsWithUsageAndWritesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let before = sandbox.listing()
        expectFailure(try sandbox.run(["export", "--format", "pdf"]), status: 64, mentioning: "--format")
        expectFailure(try sandbox.run(["export", "--format", "pdf", "-o", "postmortem.pdf"]), status: 64, mentioning: "--format")
        #expect(sandbox.listing() == before)
    }

    /// The message once ended "Pass --db with a writable path.", pointing at the database option
    /// instead of the output file.
    @Test(arguments: [["export"], ["render"], ["update"], ["update", "--dry-run"]])
    func anUnwritableOutputFileFailsOnOneLineNamingTheFileAndChangesNothing(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let listing = sandbox.listing()
        let result = try sandbox.run(command + ["-o", "no-such-folder/out.md"])
        expectFailure(result, status: 74, mentioning: "no-such-folder/out.md")
        #expect(!result.stderr.contains("--db"), "the hint should be about the output file: \(result.stderr)")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before, "no update recorded when it could not be written")
        #expect(sandbox.listing() == listing)
    }

    @Test func outputFileGetsThePostmortemAndNothingIsPrinted() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let result = try sandbox.ok(["export", "--format", "html", "-o", "postmortem.html"])
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(String(decoding: try sandbox.contents("postmortem.html"), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
    }
}

// MARK: - lesson add

@Suite struct LessonCommandTests {
    @Test(arguments: [
        ["lesson", "add", "Paging worked"],
        ["lesson", "add", "--went-well", "--lucky", "Paging worked"],
        ["lesson", "add", "--went-well", "--went-wrong", "Paging worked"],
        ["lesson", "add", "--went-wrong", "--lucky", "--went-well", "Paging worked"],
    ])
    func aLessonNeedsExactlyOneKind(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let before = try sandbox.dump(sandbox.defaultDatabase)
        expectFailure(try sandbox.run(command), status: 64)
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }

    @Test func lessonsAppearInThePostmortemUnderTheirKind() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["new", "--p3", "Another incident"])
        #expect(try sandbox.ok(["lesson", "add", "INC-1", "--went-well", "Paging reached on-call within a minute"]).stdout
            == "Added lesson 1 (went well) to INC-1: Paging reached on-call within a minute\n")
        #expect(try sandbox.ok(["lesson", "add", "--went-wrong", "INC-1", "The runbook was out of date"]).stdout
            == "Added lesson 2 (went wrong) to INC-1: The runbook was out of date\n")
        try sandbox.ok(["lesson", "add", "INC-1", "--lucky", "It happened in staging"])
        try sandbox.ok(["lesson", "add", "--lucky", "A lesson of the other incident"])

        let markdown = try sandbox.ok(["export", "INC-1"]).stdout
        #expect(lines(under: "### What went well", in: markdown)?.filter { !$0.isEmpty } == ["- Paging reached on-call within a minute"])
        #expect(lines(under: "### What went wrong", in: markdown)?.filter { !$0.isEmpty } == ["- The runbook was out of date"])
        #expect(lines(under: "### Where we got lucky", in: markdown)?.filter { !$0.isEmpty } == ["- It happened in staging"])

        let html = try sandbox.ok(["export", "INC-1", "--format", "html"]).stdout
        #expect(html.contains("<h3>What went well</h3>\n<ul>\n<li>Paging reached on-call within a minute</li>\n</ul>"))
        #expect(html.contains("<h3>What went wrong</h3>\n<ul>\n<li>The runbook was out of date</li>\n</ul>"))
        #expect(html.contains("<h3>Where we got lucky</h3>\n<ul>\n<li>It happened in staging</li>\n</ul>"))

        let other = try sandbox.ok(["export", "INC-2"]).stdout
        #expect(lines(under: "### Where we got lucky", in: other)?.filter { !$0.isEmpty } == ["- A lesson of the other incident"])
        #expect(lines(under: "### What went well", in: other)?.filter { !$0.isEmpty } == ["_None recorded._"])
    }
}

// MARK: - templates

@Suite struct TemplateCommandTests {
    @Test func exportingWritesEveryBuiltInTemplateAndRefusesToOverwrite() throws {
        let sandbox = try Sandbox()
        let written = try sandbox.ok(["templates", "export", "tpl"])
        #expect(written.lines.sorted() == templateFiles.map { "tpl/\($0)" })
        let folder = sandbox.dir.appendingPathComponent("tpl")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == templateFiles)
        for file in templateFiles {
            #expect(try Data(contentsOf: folder.appendingPathComponent(file))
                == Data(contentsOf: repositoryTemplates.appendingPathComponent(file)), "\(file) differs from Templates/\(file)")
        }

        let edited = folder.appendingPathComponent("issue.md.mustache")
        try Data("edited\n".utf8).write(to: edited)
        let again = try sandbox.run(["templates", "export", "tpl"])
        #expect(again.status != 0, "\(again)")
        expectFailure(again, status: again.status, mentioning: "already exists", "--force")
        #expect(try Data(contentsOf: edited) == Data("edited\n".utf8), "a refused export must not touch the files")

        let forced = try sandbox.ok(["templates", "export", "tpl", "--force"])
        #expect(forced.lines.count == templateFiles.count)
        #expect(try Data(contentsOf: edited) == Data(contentsOf: repositoryTemplates.appendingPathComponent("issue.md.mustache")))
    }

    /// Like an unwritable `-o FILE`, this once ended "Pass --db with a writable path."
    @Test func exportingOverAFileFailsOnOneLineNamingIt() throws {
        let sandbox = try Sandbox()
        try Data("not a folder\n".utf8).write(to: sandbox.dir.appendingPathComponent("tpl"))
        let result = try sandbox.run(["templates", "export", "tpl"])
        expectFailure(result, status: 74, mentioning: "tpl")
        #expect(!result.stderr.contains("--db"), "the hint should be about the folder: \(result.stderr)")
        #expect(try sandbox.contents("tpl") == Data("not a folder\n".utf8))
    }

    @Test func anEditedTemplateBesideTheDatabaseIsUsedWithoutAnOption() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let standard = withoutRenderTime(try sandbox.ok(["render"]).stdout)
        try sandbox.ok(["templates", "export", "incidents/templates"])
        #expect(withoutRenderTime(try sandbox.ok(["render"]).stdout) == standard, "the exported defaults render the same body")

        let file = sandbox.dir.appendingPathComponent("incidents/templates/issue.md.mustache")
        let original = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let edited = original.replacingOccurrences(of: "## Issue Description", with: "## What is going on ({{actionsDone}}/{{actionsTotal}})")
        #expect(edited != original)
        try Data(edited.utf8).write(to: file)
        let body = try sandbox.ok(["render"]).stdout
        #expect(body.contains("\n## What is going on (0/11)\n"))
        #expect(!body.contains("## Issue Description"))
        // Only that file is replaced: the other templates are still the built-in ones.
        #expect(try sandbox.ok(["update", "--dry-run"]).stdout.hasPrefix("### INC-1 update"))
        // From a subfolder the database, and so its templates, are found the same way.
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let nested = try sandbox.run(["render"], in: "sub")
        #expect(nested.status == 0 && nested.stdout.contains("## What is going on (0/11)"), "\(nested)")
    }

    @Test func templatesBesideAnExplicitDatabaseAreUsedAndNotThoseOfTheWorkingFolder() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow", "--db", "elsewhere/db.sqlite"])
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("elsewhere/templates"), withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: TEXT}}\nELSEWHERE {{id}}: {{title}}\n".utf8)
            .write(to: sandbox.dir.appendingPathComponent("elsewhere/templates/issue.md.mustache"))
        #expect(try sandbox.ok(["render", "--db", "elsewhere/db.sqlite"]).stdout == "ELSEWHERE INC-1: Search is slow\n")
        #expect(try sandbox.ok(["render", "--title-only", "--db", "elsewhere/db.sqlite"]).stdout == "Search is slow\n")
    }

    @Test func anExplicitTemplatesFolderOverridesFileByFile() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: TEXT}}\nMINE {{id}} {{actionsDone}}/{{actionsTotal}}\n".utf8)
            .write(to: sandbox.dir.appendingPathComponent("mine/update.md.mustache"))
        #expect(try sandbox.ok(["update", "--dry-run", "--templates", "mine"]).stdout == "MINE INC-1 0/11\n")
        #expect(MarkdownLines.tasks(in: try sandbox.ok(["render", "--templates", "mine"]).stdout).count == 19)
    }

    @Test(arguments: [["render"], ["export"], ["export", "--format", "html"], ["update"], ["update", "--dry-run"]])
    func aTemplateSyntaxErrorNamesFileLineAndColumnAndChangesNothing(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        try sandbox.ok(["check", "1"])
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("broken"), withIntermediateDirectories: true)
        for file in templateFiles {
            try Data("{{% CONTENT_TYPE: TEXT}}\nline two\nline three {{#open}} never closed\n".utf8)
                .write(to: sandbox.dir.appendingPathComponent("broken/\(file)"))
        }
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let listing = sandbox.listing()
        let result = try sandbox.run(command + ["--templates", "broken", "-o", "out.txt"])
        expectFailure(result, status: 74, mentioning: "template")
        let location = try #require(try Regex(#"^incident: (\S+\.mustache):(\d+):(\d+): "#).firstMatch(in: result.stderr),
                                    "no FILE:LINE:COL in \(result.stderr)")
        #expect(location.output[1].substring?.hasPrefix("broken/") == true)
        #expect((Int(location.output[2].substring ?? "") ?? 0) >= 3, "the error is on line 3 or later: \(result.stderr)")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
        #expect(sandbox.listing() == listing, "nothing written: \(sandbox.listing())")
        // A correct update afterwards still reports action 1 as new: the failed one recorded nothing.
        #expect(try sandbox.ok(["update", "--dry-run"]).stdout.contains("- [x] Recreate the VPC connector (action 1)"))
    }

    @Test func aMissingTemplatesFolderIsAnErrorNotASilentFallback() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        expectFailure(try sandbox.run(["render", "--templates", "nowhere"]), status: 74, mentioning: "nowhere")
    }
}

// MARK: - read-only

@Suite struct RenderReadOnlyTests {
    @Test(arguments: [
        ["render"], ["render", "--title-only"], ["render", "--labels-only"], ["render", "-o", "issue.md"],
        ["export"], ["export", "--format", "html", "-o", "postmortem.html"], ["update", "--dry-run"], ["update"],
        ["update", "--dry-run", "-o", "update.md"], ["lesson", "add", "--lucky", "Nobody noticed"],
    ])
    func renderingWithoutADatabaseFailsAndCreatesNothing(_ command: [String]) throws {
        let sandbox = try Sandbox()
        expectFailure(try sandbox.run(command), status: 66, mentioning: "No incident database at \(sandbox.defaultDatabase)")
        expectFailure(try sandbox.run(command + ["--db", "elsewhere/db.sqlite"]), status: 66,
                      mentioning: "No incident database at elsewhere/db.sqlite")
        #expect(sandbox.listing().isEmpty, "\(command) created \(sandbox.listing())")
    }

    @Test(arguments: [["render"], ["render", "--labels-only"], ["export"], ["export", "--format", "html"], ["update", "--dry-run"]])
    func renderingAnExistingDatabaseLeavesItAndTheFolderUnchanged(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let listing = sandbox.listing()
        try sandbox.ok(command)
        #expect(sandbox.listing() == listing)
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }
}

// MARK: - output to a closed pipe (`incident … | head`)

@Suite struct ClosedPipeTests {
    /// With SIGPIPE ignored (inherited from a parent that ignores it, as here through `trap '' PIPE`),
    /// `FileHandle.write` traps on EPIPE ("Fatal error: 'try!' expression unexpectedly raised an error …
    /// Broken pipe"); commands once died of SIGILL (exit 132 in a shell) with a backtrace on stderr,
    /// after their change was committed.
    @Test(arguments: [["render"], ["export", "--format", "html"], ["update", "--dry-run"], ["new", "--p3", "Second"]])
    func writingToAClosedPipeEndsQuietlyAndKeepsTheRecord(_ command: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let errors = sandbox.scratch.appendingPathComponent("closed-pipe.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // An ignored signal stays ignored across exec.
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", CLI.binary.path] + command
        process.currentDirectoryURL = sandbox.dir
        process.environment = CLI.baseEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe.fileHandleForWriting
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        // Acceptable: exit 0, death by SIGPIPE as other Unix tools, or one `incident:` line and an exit code.
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        #expect(signal == nil || signal == SIGPIPE, "died of signal \(signal ?? 0): \(stderr.prefix(300))")
        #expect(!stderr.contains("Fatal error") && !stderr.contains("crashed"), "\(stderr.prefix(300))")
        #expect(stderr.isEmpty || (stderr.hasPrefix("incident: ") && stderr.filter { $0 == "\n" }.count == 1), "\(stderr.prefix(300))")
        if command.first == "new" {
            #expect(try sandbox.ok(["render", "INC-2", "--title-only"]).stdout == "Second\n", "the declaration was committed")
        }
    }
}

// MARK: - the example script, which bench/run.sh and scripts/setup.sh run

@Suite struct ExampleScriptTests {
    /// The script once took the reference with `incident new … | head -n 1` under `set -o pipefail`:
    /// when `new` wrote its second line after `head` had exited, it died of SIGPIPE, the pipeline failed
    /// and the script stopped after the declaration (exit 141) — on a busy machine, most runs. A stand-in
    /// binary that pauses between the lines `new` prints makes that timing certain.
    @Test func theExampleScriptTypesInTheWholeExampleWhateverTheOutputTiming() throws {
        let sandbox = try Sandbox()
        let script = repositoryTemplates.deletingLastPathComponent().appendingPathComponent("scripts/example-incident.sh")
        let slow = sandbox.root.appendingPathComponent("slow-incident")
        try Data("""
            #!/bin/bash
            # incident, but `new` prints its lines 0.3 s apart, as a loaded machine may schedule it.
            out=$("\(CLI.binary.path)" "$@"); status=$?
            first=1
            while IFS= read -r line; do
                [[ $first == 1 || $1 != new ]] || sleep 0.3
                printf '%s\\n' "$line"
                first=0
            done <<<"$out"
            exit $status

            """.utf8).write(to: slow)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: slow.path)
        let result = try CLI.launch([script.path, slow.path, "--db", "example.sqlite"], in: sandbox.dir, scratch: sandbox.scratch,
                                    executable: URL(fileURLWithPath: "/bin/bash")).finish()
        #expect(result.status == 0 && result.stdout == "INC-1\n", "\(result)")
        #expect(try sandbox.sqlite3("example.sqlite", "SELECT COUNT(*) FROM actionItem").stdout == "11\n",
                "the script stopped before typing in the actions")
    }
}
