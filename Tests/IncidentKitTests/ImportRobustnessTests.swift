// Any input gives an import or a clean one-line error, never a crash or a hang.
//
// The fuzz test below mutates the fixtures (and a rendered issue) with 1…12 seeded edits each: bytes and lines
// inserted, deleted, duplicated, swapped or spliced from another document, Markdown and importer syntax
// inserted, line endings changed. It runs 300 cases in `swift test`. The long run:
//
//     FUZZ_CASES=100000 swift test --filter fuzz
//
// Each case is reproducible from its seed: `FUZZ_SEED=12345 swift test --filter fuzz` runs that case alone.
//
// The robustness tests run short in `swift test` (fewer random seeds, the pathological inputs and the large document at
// a fraction of their size: big enough for a quadratic walk to blow the CPU bound); `FAULTS_FULL_SIZE=1` (set by
// bench/faults.sh) runs them at full size.
// During a long run the case being imported is written to $TMPDIR/incident-fuzz-case.md first, so a
// crash leaves its input behind.
import Foundation
import Testing
@testable import IncidentKit

/// What importing one input gave.
enum ImportOutcome: Sendable {
    case imported(ImportedDocument)
    case refused(IncidentError)
}

/// Whether the long tests run at full size (`FAULTS_FULL_SIZE=1`, as bench/faults.sh runs them) or short.
enum FullSize {
    static let enabled = ProcessInfo.processInfo.environment["FAULTS_FULL_SIZE"] == "1"

    /// `count`, or a quarter of it in the short run.
    static func scaled(_ count: Int) -> Int { enabled ? count : count / 4 }
}

/// Checks shared by the robustness and fuzz tests.
enum ImportChecks {
    static let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    /// Imports `source` on a thread with the command line's 8 MiB stack and requires it to take under `seconds` of
    /// CPU time (other work on the machine doesn't count). A hang is reported after six times that in wall time,
    /// with nil, so it fails the test instead of stalling it.
    static func outcome(of source: String, within seconds: Double = 10, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ImportOutcome? {
        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let started = threadCPUTime()
            do throws(IncidentError) {
                result.set(.imported(try importer.read(source)), seconds: threadCPUTime() - started)
            } catch {
                result.set(.refused(error), seconds: threadCPUTime() - started)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds * 6) == .success else {
            Issue.record("\(what): no result after \(seconds * 6) s", sourceLocation: sourceLocation)
            return nil
        }
        let (outcome, cpu) = result.value
        #expect(cpu < seconds, "\(what) took \(cpu) s of CPU time", sourceLocation: sourceLocation)
        return outcome
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A refusal must be the no-title error, on one line; an import must have a usable title and items numbered 1…n.
    static func verify(_ outcome: ImportOutcome?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch outcome {
        case .refused(let error):
            guard case .invalidText(field: "document", _) = error else {
                Issue.record("\(what): unexpected error \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(!error.description.contains("\n"), "\(what): the error is one line", sourceLocation: sourceLocation)
        case .imported(let document):
            let incident = document.incident
            #expect(!incident.title.trimmingSpaces().isEmpty, "\(what): empty title", sourceLocation: sourceLocation)
            #expect(!breaksLines(incident.title), "\(what): title spans lines", sourceLocation: sourceLocation)
            #expect(incident.actions.map(\.number) == Array(0..<incident.actions.count).map { $0 + 1 },
                    "\(what): action numbers", sourceLocation: sourceLocation)
            #expect(incident.criteria.map(\.number) == Array(0..<incident.criteria.count).map { $0 + 1 },
                    "\(what): criterion numbers", sourceLocation: sourceLocation)
            #expect(incident.whys.map(\.number) == Array(0..<incident.whys.count).map { $0 + 1 },
                    "\(what): why numbers", sourceLocation: sourceLocation)
            #expect(document.tasks.count == incident.actions.count + incident.criteria.count,
                    "\(what): every task line is an item", sourceLocation: sourceLocation)
            #expect(!(incident.actions.map(\.text) + incident.criteria.map(\.text)).contains { $0.isEmpty || breaksLines($0) },
                    "\(what): item texts are one non-empty line", sourceLocation: sourceLocation)
        case nil:
            break
        }
    }

    /// A line break as the importer splits lines (other separators are text to it).
    static func breaksLines(_ text: String) -> Bool { text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } }

    /// Imports and verifies; the document, if there is one.
    @discardableResult
    static func check(_ source: String, within seconds: Double = 10, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) -> ImportedDocument? {
        let result = outcome(of: source, within: seconds, what, sourceLocation: sourceLocation)
        verify(result, what, sourceLocation: sourceLocation)
        if case .imported(let document) = result { return document }
        return nil
    }

    /// Seeded random bytes.
    static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var random = RandomIncident(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (ImportOutcome?, Double) = (nil, 0)
    var value: (ImportOutcome?, Double) { lock.withLock { stored } }
    func set(_ outcome: ImportOutcome, seconds: Double) { lock.withLock { stored = (outcome, seconds) } }
}

@Suite struct ImportRobustnessTests {
    // MARK: Empty and not text

    @Test func emptyAndBlankDocumentsAreRefusedAsEmpty() {
        for (source, what) in [("", "empty"), (" \n\t\n   \r\n\u{3000}\n", "whitespace only"), ("\n\n\n", "newlines only")] {
            let outcome = ImportChecks.outcome(of: source, what)
            guard case .refused(let error) = outcome else {
                Issue.record("\(what): imported")
                continue
            }
            #expect(error.description == "The document is empty; there is nothing to import.")
        }
    }

    @Test(arguments: FullSize.enabled ? Array(1...8) : [1, 2, 3] as [UInt64])
    func randomBinaryImportsOrIsRefused(seed: UInt64) {
        let bytes = ImportChecks.bytes(count: 64 * 1024, seed: seed)
        ImportChecks.check(String(decoding: bytes, as: UTF8.self), "64 KiB of random bytes, seed \(seed)")
        // The same bytes behind a title: a document, whatever follows.
        let titled = ImportChecks.check("# Binary\n" + String(decoding: bytes, as: UTF8.self), "titled random bytes, seed \(seed)")
        #expect(titled?.incident.title == "Binary")
        // cmark reads raw bytes too, invalid UTF-8 included.
        let document = MarkdownDocument(parsing: bytes)
        #expect(document.root.kind == .document)
    }

    @Test func invalidUTF8IsReplacedAndTheRestStillImports() throws {
        let sequences: [[UInt8]] = [
            [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0x80, 0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x9A],
        ]
        for (index, invalid) in sequences.enumerated() {
            let bytes = Array("# Caf".utf8) + invalid + Array("\n\n- [x] fi".utf8) + invalid + Array("x it\n- [ ] ".utf8) + invalid
            let document = try #require(ImportChecks.check(String(decoding: bytes, as: UTF8.self), "invalid UTF-8 \(index)"))
            #expect(document.incident.title.hasPrefix("Caf\u{FFFD}"))
            #expect(document.tasks.map(\.checked) == [true, false], "sequence \(index)")
            #expect(document.incident.actions.first?.text.hasPrefix("fi\u{FFFD}") == true)
            // Through cmark directly, unrepaired: every text is valid Swift, the task still found.
            let parsed = MarkdownDocument(parsing: bytes)
            #expect(parsed.root.descendants.filter { $0.task != nil }.count == 2, "sequence \(index)")
        }
    }

    @Test func nulBytesAndControlCharactersDoNotStopTheImport() throws {
        let document = try #require(ImportChecks.check("# Null\0 title\n\n- [x] a\0b\n- [ ] \u{1}\u{7F}\u{85}c\n", "NUL bytes"))
        #expect(document.tasks.map(\.checked) == [true, false])
    }

    // MARK: Line endings

    @Test func loneCarriageReturnLineEndingsReadLikeNewlines() throws {
        let source = "# Old Mac file\r\r**Labels:** sev1, db\r\r- [x] one\r- [ ] two\r  - [x] nested\r\r## Kept\rthis line\r"
        let document = try #require(ImportChecks.check(source, "lone CR"))
        #expect(document.incident.title == "Old Mac file")
        #expect(document.incident.labels == ["sev1", "db"])
        #expect(document.incident.severity == .p0)
        #expect(document.tasks.map(\.checked) == [true, false, true])
        #expect(document.incident.sections == [FreeSection(title: "Kept", markdown: "this line")])
    }

    @Test func mixedLineEndingsImportLikeNewlines() throws {
        let source = "# Mixed\r\n\r**Status:** identified\n\r\n## Tasks\r- [x] one\r\n- [ ] two\n## After\r\ntext\rmore\n"
        let document = try #require(ImportChecks.check(source, "mixed line endings"))
        #expect(document.incident.status == .identified)
        #expect(document.tasks.map(\.text) == ["one", "two"])
        #expect(document.incident.sections == [FreeSection(title: "After", markdown: "text\nmore")])
    }

    // MARK: Size

    @Test func aDocumentOfMegabytesImports() throws {
        let size = FullSize.enabled ? 5_000_000 : 1_500_000
        var source = "# Megabytes\n\n**Severity:** SEV3\n\n"
        var blocks = 0
        while source.utf8.count < size {
            blocks += 1
            source += """
                ## Section \(blocks)

                Some prose about what happened in part \(blocks), with `code`, **bold**, a [link](https://example.com/\(blocks)) and a | pipe.
                More prose on a second line so the paragraph has a continuation, and some filler to make it longer than most.

                - [\(blocks % 2 == 0 ? "x" : " ")] Task \(blocks)
                  - a plain sub-bullet
                - a plain bullet

                ```sh
                - [ ] not a task \(blocks)
                ```

                > a quote

                """
        }
        // The bound catches a walk that grows with the square of the document (minutes at either size), not speed: a
        // debug build needs about 7 s of CPU for 5 MB, and more when another build shares the cores' caches.
        let document = try #require(ImportChecks.check(source, within: 30, "\(size / 1_000_000) MB"))
        #expect(document.tasks.count == blocks)
        #expect(document.incident.actions.filter(\.isDone).count == blocks / 2)
        #expect(document.incident.sections.count == blocks)
        #expect(document.incident.severity == .p2)
    }

    @Test func twentyThousandTasksAreAllReadWithTheirStates() throws {
        let source = "# Many tasks\n\n" + (1...20_000).map { "- [\($0 % 3 == 0 ? "x" : " ")] Task \($0)" }.joined(separator: "\n") + "\n"
        let document = try #require(ImportChecks.check(source, "20,000 tasks"))
        let actions = document.incident.actions
        #expect(actions.count == 20_000)
        #expect(actions.map(\.isDone) == (1...20_000).map { $0 % 3 == 0 })
        #expect(actions.last?.text == "Task 20000")
        #expect(actions.last?.number == 20_000)
    }

    @Test func aOneMegabyteLineImports() throws {
        let long = String(repeating: "word ", count: 200_000)
        let document = try #require(ImportChecks.check("# \(long)\n\n- [x] \(long)\n\n\(long)\n", "1 MB lines"))
        #expect(document.incident.title.utf8.count >= 999_999)
        #expect(document.tasks.map(\.checked) == [true])
        let table = "# Table\n\n## Timeline\n\n" + String(repeating: "| 2025-01-01 00:00 UTC ", count: 50_000) + "|\n"
        ImportChecks.check(table, "a 1 MB table row")
        ImportChecks.check("# Pipes\n\n## Timeline\n\n" + String(repeating: "|", count: 1_000_000) + "\n|\n", "1 MB of pipes")
        ImportChecks.check("**Labels:** " + String(repeating: "a,", count: 500_000) + "\n# T\n", "500,000 labels")
    }

    @Test func aTimelineOfTwentyThousandDatedRowsImports() throws {
        let rows = (0..<20_000).map { "| 2025-09-\(10 + $0 % 10) \(10 + $0 % 12):\(10 + $0 % 50) UTC | event \($0) |" }
        let table = "# Long timeline\n\n## Timeline\n\n| Time | Event |\n|---|---|\n" + rows.joined(separator: "\n") + "\n"
        let document = try #require(ImportChecks.check(table, "20,000 timeline rows"))
        #expect(document.incident.timeline.count == 20_000)
        let list = "# Long timeline\n\n## Timeline\n\n" + (0..<20_000).map { "- 2025-09-15 19:\(10 + $0 % 50) PST event \($0)" }.joined(separator: "\n")
        #expect(ImportChecks.check(list, "20,000 timeline items")?.incident.timeline.count == 20_000)
    }

    // MARK: Depth

    @Test func twoHundredDeepNestedTaskListsAreAllRead() throws {
        let source = "# Deep\n\n" + (0..<200).map { String(repeating: "  ", count: $0) + "- [\($0 % 2 == 0 ? "x" : " ")] level \($0 + 1)" }
            .joined(separator: "\n") + "\n"
        let document = try #require(ImportChecks.check(source, "200-deep task lists"))
        #expect(document.tasks.count == 200)
        #expect(document.tasks.map(\.checked) == (0..<200).map { $0 % 2 == 0 })
        #expect(document.incident.actions.last?.text == "level 200")
    }

    /// Past `MarkdownDocument.maximumDepth` the tree is flattened, but every task is still read, in order, with its state.
    @Test func deeperNestedListsImportEveryTask() throws {
        let indented = (0..<2_000).map { String(repeating: "  ", count: $0) + "- [\($0 % 3 == 0 ? "x" : " ")] level \($0 + 1)" }
        let document = try #require(ImportChecks.check("# Deeper\n\n" + indented.joined(separator: "\n"), "2,000-deep indented task lists"))
        #expect(document.tasks.map(\.checked) == (0..<2_000).map { $0 % 3 == 0 })
        #expect(document.tasks.map(\.text) == (1...2_000).map { "level \($0)" })
        #expect(depth(of: MarkdownDocument(parsing: indented.joined(separator: "\n")).root) <= MarkdownDocument.maximumDepth + 2)
        let oneLine = "# Deeper\n\n" + String(repeating: "- ", count: 10_000) + "[x] innermost\n"
        #expect(ImportChecks.check(oneLine, "10,000 list markers on one line")?.tasks.map(\.text) == ["innermost"])
        let mixed = "# Deeper\n\n" + String(repeating: "> - ", count: 5_000) + "[ ] inside\n"
        #expect(ImportChecks.check(mixed, "5,000 quote+list levels")?.tasks.map(\.text) == ["inside"])
    }

    func depth(of root: MarkdownBlock) -> Int {
        var deepest = 0
        var pending = [(root, 1)]
        while let (block, level) = pending.popLast() {
            deepest = max(deepest, level)
            pending.append(contentsOf: block.children.map { ($0, level + 1) })
        }
        return deepest
    }

    @Test func twoHundredDeepBlockQuotesAndDeeperImport() throws {
        let quotes200 = (1...200).map { String(repeating: "> ", count: $0) + "- [x] quoted \($0)" }.joined(separator: "\n")
        let document = try #require(ImportChecks.check("# Quotes\n\n" + quotes200 + "\n", "200-deep block quotes"))
        #expect(document.tasks.count == 200)
        #expect(document.tasks.allSatisfy { $0.checked })
        let tight = "# Quotes\n\n" + String(repeating: ">", count: 10_000) + " - [ ] very deep\n"
        #expect(ImportChecks.check(tight, "10,000 `>`")?.tasks.count == 1)
        let lines = "# Quotes\n\n" + (0..<200).map { _ in String(repeating: ">", count: 10_000) + " text" }.joined(separator: "\n")
        ImportChecks.check(lines, "200 lines of 10,000 `>`")
        let million = "# Quotes\n\n" + String(repeating: "> ", count: 500_000) + "- [ ] a million characters deep\n"
        #expect(ImportChecks.check(million, "500,000-deep block quote")?.tasks.map(\.text) == ["a million characters deep"])
        #expect(depth(of: MarkdownDocument(parsing: million).root) <= MarkdownDocument.maximumDepth + 2)
    }

    // MARK: Shapes

    /// Headings with nothing under them survive as written (a template's empty sections), and nothing becomes an item.
    @Test func aDocumentOfOnlyHeadingsImportsWithNoItemsAndKeepsEveryHeading() throws {
        var random = RandomIncident(seed: 7)
        let source = (0..<20_000).map { index in
            index == 0 ? "# First" : String(repeating: "#", count: random.int(1...6)) + " Heading \(index)"
        }.joined(separator: "\n")
        let document = try #require(ImportChecks.check(source, "only headings"))
        #expect(document.incident.title == "First")
        #expect(document.tasks.isEmpty)
        let kept = document.incident.sections.reduce(0) { count, section in
            count + (section.title.hasPrefix("Heading ") ? 1 : 0) + section.markdown.components(separatedBy: " Heading ").count - 1
        }
        #expect(kept == 19_999)
        let setext = (0..<5_000).map { "Heading \($0)\n\($0 % 2 == 0 ? "===" : "---")" }.joined(separator: "\n")
        #expect(ImportChecks.check(setext, "only setext headings")?.incident.title == "Heading 0")
    }

    /// Inputs libcmark's own pathological tests use, scaled to about a megabyte (a quarter of that in the short run).
    @Test func pathologicalInlineAndBlockInputsImport() {
        let cases: [(String, String)] = [
            ("nested brackets", String(repeating: "[", count: FullSize.scaled(100_000)) + "a" + String(repeating: "]", count: FullSize.scaled(100_000))),
            ("nested emphasis", String(repeating: "*a **a ", count: FullSize.scaled(60_000)) + "b" + String(repeating: " a** a*", count: FullSize.scaled(60_000))),
            ("unclosed emphasis", String(repeating: "_a ", count: FullSize.scaled(200_000))),
            ("unopened emphasis", String(repeating: "a_ ", count: FullSize.scaled(200_000))),
            ("unclosed links", String(repeating: "[a](<b", count: FullSize.scaled(100_000))),
            ("unclosed link titles", String(repeating: "[a](b \"", count: FullSize.scaled(100_000))),
            ("link openers", String(repeating: "[ (](", count: FullSize.scaled(100_000))),
            ("backtick runs", (1...FullSize.scaled(1_500)).map { "e" + String(repeating: "`", count: $0) }.joined()),
            ("html comments", String(repeating: "a <!-- ", count: FullSize.scaled(100_000))),
            ("entities", String(repeating: "&#", count: FullSize.scaled(200_000))),
            ("references", (0..<FullSize.scaled(50_000)).map { "[\($0)]: https://x.test/\($0)" }.joined(separator: "\n") + "\n\n" + String(repeating: "[1] ", count: FullSize.scaled(50_000))),
            ("task markers", String(repeating: "- [ ] ", count: FullSize.scaled(100_000))),
            ("fences", String(repeating: "```\n", count: FullSize.scaled(100_000))),
            ("tables", String(repeating: "| - [x] | a |\n", count: FullSize.scaled(50_000))),
            ("markers at a boundary", String(repeating: "- [x] <!-- incident:action:1 done -->\n", count: FullSize.scaled(20_000))),
        ]
        for (name, body) in cases {
            ImportChecks.check("# \(name)\n\n## Timeline\n\n" + body + "\n", name)
        }
    }

    @Test(arguments: FullSize.enabled ? [11, 12, 13, 14] : [11, 12] as [UInt64])
    func randomMarkdownishBytesImportOrAreRefused(seed: UInt64) {
        // Bytes drawn from Markdown's metacharacters, so block structure actually forms.
        let alphabet = Array("#>*-+[]x `|<!->\n\n  \t\r1.:_~\\()".utf8) + [0xE2, 0x80, 0xA8, 0xFF, 0x00]
        var random = RandomIncident(seed: seed)
        let bytes = (0..<200_000).map { _ in random.pick(alphabet) }
        ImportChecks.check(String(decoding: bytes, as: UTF8.self), "Markdown-ish bytes, seed \(seed)")
        ImportChecks.check("# T\n" + String(decoding: bytes, as: UTF8.self), "titled Markdown-ish bytes, seed \(seed)")
    }
}

/// Seeded mutation fuzzing of the whole import (libcmark and the importer) from the fixtures.
@Suite struct ImportFuzzTests {
    static let fixtures = ["vpc-connector-p0.md", "gitlab-incident.md", "sre-postmortem.md", "github-live-crlf.md"]

    /// The fixtures, and the example as `incident render` writes it (markers, marked fields, owner and due).
    static func sources() throws -> [[UInt8]] {
        let (store, number) = try RenderingFixtures.example()
        let rendered = try RenderingFixtures.renderer().issueBody(try store.incident(number), at: RenderingFixtures.now)
        return try fixtures.map { Array(try MarkdownDocumentTests.fixture($0).utf8) } + [Array(rendered.utf8)]
    }

    /// Text that means something to Markdown or to the importer.
    static let tokens: [[UInt8]] = ([
        "#", "## ", "### Verification\n", "## Timeline\n", ">", "> ", "*", "**", "-", "- ", "+ ", "1. ", "- [ ] ", "- [x] ", "[", "]",
        "[ ]", "[x]", "[X] ", "`", "```", "```mermaid\n", "~~~", "|", "| ", "|---|---|\n", "<!--", "-->", "<details>", "</details>",
        "<!-- incident:action:3 done -->", "<!-- incident:criterion:1 -->", "<!-- incident:summary -->", "<!-- /incident:summary -->",
        "<!-- incident:INC-4 rendered 2025-09-16T12:00:00Z by incident; -->", "**Labels:** ", "**Priority:** P", "**Status:** closed",
        "**Declared:** 2025-09-15 19:17 PST", "**Issue Title:** ", "Title: ", "2025-09-15 19:17 PST", "2025-13-45 25:61 XYZ",
        " _(owner: x, due: 2025-01-01 00:00 UTC)_", "**Why #2:** ", " (answers #9)", "**ROOT CAUSE:** ", "===", "---", "\\", "&#0;",
        "\n", "\n\n", "\r", "\r\n", "    ", "\t", "\u{0}", "\u{FEFF}", "\u{2028}", "🚨", "e\u{301}",
    ] as [String]).map { Array($0.utf8) } + [[0xFF], [0xE2, 0x82], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

    /// One fuzz case: a fixture changed by 1…12 random edits of bytes and lines.
    static func mutated(_ sources: [[UInt8]], seed: UInt64) -> [UInt8] {
        var random = RandomIncident(seed: seed)
        var bytes = random.pick(sources)
        for _ in 0..<random.int(1...12) {
            let position = random.int(0...bytes.count)
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let line = random.int(0...(lines.count - 1))
            switch random.int(0...12) {
            case 0: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            case 1: bytes.removeSubrange(position..<min(bytes.count, position + random.int(1...16)))
            case 2: bytes.insert(contentsOf: bytes[position..<min(bytes.count, position + random.int(1...64))], at: position)
            case 3, 4: bytes.insert(contentsOf: random.pick(tokens), at: position)
            case 5: lines[line].insert(contentsOf: random.pick(tokens), at: 0); bytes = joined(lines)
            case 6: lines.remove(at: line); bytes = joined(lines)
            case 7: lines.insert(contentsOf: lines[line..<min(lines.count, line + random.int(1...20))], at: line); bytes = joined(lines)
            case 8: lines.swapAt(line, random.int(0...(lines.count - 1))); bytes = joined(lines)
            case 9:
                let other = random.pick(sources).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                let start = random.int(0...(other.count - 1))
                lines.insert(contentsOf: other[start..<min(other.count, start + random.int(1...30))], at: line); bytes = joined(lines)
            case 10: lines[line] = random.bool() ? Array("  ".utf8) + lines[line] : Array(lines[line].drop { $0 == UInt8(ascii: " ") }); bytes = joined(lines)
            case 11: bytes.removeSubrange(position...)
            default:
                let ending: [UInt8] = random.bool() ? [13, 10] : [13]
                bytes = Array(lines.map { $0.last == 13 ? Array($0.dropLast()) : $0 }.joined(separator: ending))
            }
            if bytes.isEmpty { bytes = random.pick(tokens) }
        }
        return bytes
    }

    private static func joined(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [UInt8(ascii: "\n")])) }

    @Test func fuzzedFixturesImportOrAreRefusedCleanly() throws {
        let environment = ProcessInfo.processInfo.environment
        let cases = environment["FUZZ_CASES"].flatMap(Int.init) ?? 300
        let seeds = environment["FUZZ_SEED"].flatMap(UInt64.init).map { [$0] } ?? Array(1...UInt64(max(1, cases)))
        let sources = try Self.sources()
        let keep = cases > 300 ? FileManager.default.temporaryDirectory.appendingPathComponent("incident-fuzz-case.md") : nil
        var (imported, refused, tasks) = (0, 0, 0)
        var slowest: (seed: UInt64, time: Duration) = (0, .zero)
        let started = ContinuousClock.now
        for seed in seeds {
            let bytes = Self.mutated(sources, seed: seed)
            try keep.map { try Data(bytes).write(to: $0) }
            let caseStarted = ContinuousClock.now
            switch ImportChecks.outcome(of: String(decoding: bytes, as: UTF8.self), "fuzz seed \(seed)") {
            case .imported(let document)?:
                imported += 1
                tasks += document.tasks.count
                ImportChecks.verify(.imported(document), "fuzz seed \(seed)")
            case let outcome?:
                refused += 1
                ImportChecks.verify(outcome, "fuzz seed \(seed)")
            case nil:
                break
            }
            // libcmark on the raw bytes, invalid UTF-8 and all.
            _ = MarkdownDocument(parsing: bytes).root.descendants.count
            let time = ContinuousClock.now - caseStarted
            if time > slowest.time { slowest = (seed, time) }
            if keep != nil, seed % 10_000 == 0 { print("fuzz: \(seed) cases, \(ContinuousClock.now - started)") }
        }
        let total = ContinuousClock.now - started
        print("fuzz: \(seeds.count) cases in \(total): \(imported) imported (\(tasks) task items), \(refused) refused; slowest seed \(slowest.seed) \(slowest.time)")
        #expect(imported + refused == seeds.count)
        #expect(seeds.count == 1 || imported > refused, "most mutations keep a title: the cases reach the importer's reading")
    }
}
