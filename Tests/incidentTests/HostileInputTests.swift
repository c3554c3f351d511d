import Foundation
import IncidentKit
import Testing

/// Hostile text through every command that takes text: each is refused in one clean line (and writes
/// nothing), or stored byte for byte; rendered documents keep their structure whatever the text.
@Suite struct HostileInputTests {
    /// Text a Swift String (and so an argument) can hold. NUL can't be in an argument at all (execve takes C
    /// strings), and one argument can't exceed 128 KB (MAX_ARG_STRLEN), so those two come through stdin and files.
    static let inputs: [(name: String, text: String)] = [
        ("empty", ""), ("whitespace only", " \t  "),
        ("100 KB", String(repeating: "0123456789 abcdé ", count: 6_000)),
        ("escape sequence", "\u{1B}[31mred\u{1B}[0m"), ("bell and backspace", "ring\u{07}\u{08}"),
        ("carriage return", "line\rover"), ("newline", "two\nlines"), ("C1 control", "next\u{85}line"),
        ("DEL", "rub\u{7F}out"), ("bidi override", "\u{202E}fdp.exe\u{202C} invoice"),
        ("bidi isolates", "\u{2066}admin\u{2069} and \u{2067}x\u{2069}"), ("zero-width", "zero\u{200B}width\u{FEFF}join\u{200D}er"),
        ("line separator", "a\u{2028}b"), ("scripts and emoji", "🔥 café 中文 العربية ﷽ e\u{301}"),
        ("heading", "# Not a heading"), ("task item", "- [x] fake done task"), ("hidden marker", "<!-- incident:action:99 -->"),
        ("open comment", "<!-- swallow the rest"), ("script", "<script>alert(1)</script>"),
        ("img onerror", "<img src=x onerror=alert(1)>"), ("table", "| a | b |\n|---|---|"), ("pipes", "a | b | c"),
        ("code fence", "```"), ("blockquote", "> quoted"), ("ordered list", "1. first"), ("setext", "==="),
        ("link", "[click](javascript:alert(1))"), ("entities", "&lt;b&gt; &amp; &#x41;"),
        ("sql quote", "'; DROP TABLE incident; --"), ("sql or", "\" OR \"1\"=\"1"),
        ("sql wildcards", "100% of _all_ \\ rows ?1 :name $1 @x"), ("mustache", "{{title}} {{{raw}}} {{#x}}{{/x}}"),
    ]

    @Test func everyTextArgumentIsRefusedCleanlyOrStoredExactly() throws {
        let sandbox = try Sandbox()
        for command in TextSlot.setup { try sandbox.ok(command) }
        let everything = ProcessInfo.processInfo.environment["FAULTS_HOSTILE"] == "all"
        let tally = Shared(Tally())
        let runner = sandbox.inProcessRunner, database = sandbox.defaultDatabase
        let slots = TextSlot.all
        // In-process runs go one at a time: connections of one process share the file's POSIX locks, and a file
        // descriptor closed on one thread (reading the header, say) drops another thread's lock. Processes run side by side.
        let runSlot: @Sendable (Int) -> Void = { index in
            let slot = slots[index]
            // The short version gives each slot every third input, rotating, plus the ones every slot must see.
            let inputs = Self.inputs.enumerated().filter { number, input in
                everything || (number + index) % 3 == 0 || ["empty", "whitespace only", "newline", "100 KB", "script"].contains(input.name)
            }.map(\.element)
            let outcome = slot.exercise(with: inputs, runner: runner, database: database)
            tally.update { $0.add(outcome, slot: slot.name) }
        }
        if InProcess.canRun(environment: [:]) {
            slots.indices.forEach(runSlot)
        } else {
            DispatchQueue.concurrentPerform(iterations: slots.count, execute: runSlot)
        }
        let result = tally.current
        for problem in result.problems { Issue.record(Comment(rawValue: problem)) }
        #expect(result.tried > 0 && result.stored > 0 && result.refused > 0)
        #expect(try Faults.integrityProblems(sandbox, database) == [])
        Faults.report(["slots": slots.count, "inputs": Self.inputs.count, "tried": result.tried, "storedExactly": result.stored,
                       "refusedCleanly": result.refused, "wrong": result.problems.count], test: "hostile input")
    }

    @Test func nulBytesAndAMegabyteComeThroughStdinAndFilesAndAreRefusedOrStoredExactly() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Hostile input target"])
        let database = sandbox.defaultDatabase
        let megabyte = String(repeating: "Line of Markdown with *emphasis* and `code` — 1 MB in all.\n", count: 17_000)
        try Data(megabyte.utf8).write(to: sandbox.dir.appendingPathComponent("big.md"))
        try sandbox.ok(["section", "add", "From stdin"], stdin: megabyte)
        try sandbox.ok(["section", "add", "From a file", "--file", "big.md"])
        let stored = try sandbox.sqlite3(database, "SELECT hex(markdown) FROM section ORDER BY position;").lines
        let expected = hex(megabyte.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(stored == [expected, expected], "1 MB of Markdown must be stored byte for byte")

        let before = try sandbox.dump(database)
        let nul = Data("before\0after\n".utf8)
        try nul.write(to: sandbox.dir.appendingPathComponent("nul.md"))
        expectFailure(try sandbox.run(["section", "add", "NUL"], stdinBytes: nul), status: 64, mentioning: "U+0000")
        expectFailure(try sandbox.run(["section", "add", "NUL", "--file", "nul.md"]), status: 64, mentioning: "U+0000")
        for bytes in [Data([0x61, 0xFF, 0x62]), Data([0xC0, 0x80]), Data([0xED, 0xA0, 0x80]), Data([0xE2, 0x82])] {
            try bytes.write(to: sandbox.dir.appendingPathComponent("bad.md"))
            let viaStdin = try sandbox.run(["section", "add", "Bad UTF-8"], stdinBytes: bytes)
            #expect(viaStdin.status != 0)
            expectFailure(viaStdin, status: viaStdin.status, mentioning: "not UTF-8")
            let viaFile = try sandbox.run(["section", "add", "Bad UTF-8", "--file", "bad.md"])
            expectFailure(viaFile, status: viaFile.status, mentioning: "not UTF-8")
            #expect(viaFile.status != 0)
        }
        #expect(try sandbox.dump(database) == before, "a refused input changed the database")
    }

    @Test func argumentsThatAreNotUTF8AreRefusedNotRepaired() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Hostile input target"])
        let database = sandbox.defaultDatabase
        for format in ["abc\\377def", "\\300\\200", "\\355\\240\\200", "caf\\351"] {
            for prefix in [["why", "add"], ["timeline", "add"], ["set", "--title"], ["action", "add", "x", "--owner"]] {
                let before = try Faults.scalar(sandbox, database, "SELECT COUNT(*) FROM changeLog;")
                let result = try sandbox.runWithRawArgument(prefix, printf: format)
                #expect(result.status == 0 || result.status == 64, "\(prefix) \(format) crashed: \(result)")
                let after = try Faults.scalar(sandbox, database, "SELECT COUNT(*) FROM changeLog;")
                expectFailure(result, status: 64, mentioning: "UTF-8")
                #expect(after == before, "\(prefix) \(format) wrote")
            }
        }
    }

    @Test func renderedDocumentsKeepTheirStructureWhateverTheOneLineText() throws {
        let sandbox = try Sandbox()
        let hostile = Self.inputs.map(\.text).filter { text in
            (try? TextRules.line(text, field: "text")) == text && text.utf8.count < 1000
        }
        #expect(hostile.count >= 15)
        for (number, texts) in [(1, hostile.indices.map { "Placeholder \($0)" }), (2, hostile)] {
            try Self.record(texts, as: number, in: sandbox)
        }
        for document in Self.documents {
            let plain = try sandbox.ok(document("INC-1")).stdout, attacked = try sandbox.ok(document("INC-2")).stdout
            if document("INC-2").contains("html") {
                #expect(Self.htmlSkeleton(attacked) == Self.htmlSkeleton(plain), "\(document("INC-2"))")
                #expect(!attacked.contains("<script>alert") && !attacked.contains("<img src=x"), "raw HTML got through")
            } else {
                let plainBlocks = Self.skeleton(plain), attackedBlocks = Self.skeleton(attacked)
                #expect(attackedBlocks == plainBlocks, "\(document("INC-2")) changed structure")
                if attackedBlocks != plainBlocks { Self.explainDifference(plainBlocks, attackedBlocks) }
            }
        }
    }

    @Test func renderedDocumentsKeepTheirSkeletonWhateverTheMarkdownBlocks() throws {
        let sandbox = try Sandbox()
        let blocks = ["```\nunclosed fence", "<!-- unclosed comment", "<script>alert(1)</script>", "<details><summary>x",
                      "</div></table></ul>", "~~~\nother fence", "<style>body{display:none}</style>"]
        for (number, texts) in [(1, blocks.indices.map { "Placeholder block \($0)" }), (2, blocks)] {
            try sandbox.ok(["new", "--p1", "Blocks", "--impact", texts[0], "--summary", texts[1]])
            for (index, text) in texts.enumerated() {
                try sandbox.ok(["action", "add", "INC-\(number)", "Action \(index)", "--details", text])
                try sandbox.ok(["section", "add", "INC-\(number)", "Section \(index)", "--markdown", text])
            }
            try sandbox.ok(["set", "INC-\(number)", "--root-cause", texts[2], "--resolution", texts[3]])
        }
        for document in Self.documents {
            let plain = Self.normalized(try sandbox.ok(document("INC-1")).stdout)
            let attacked = Self.normalized(try sandbox.ok(document("INC-2")).stdout)
            if document("INC-2").contains("html") {
                #expect(Self.headings(inHTML: attacked) == Self.headings(inHTML: plain), "\(document("INC-2"))")
                #expect(!attacked.contains("<script>alert") && !attacked.contains("<style>body") && !attacked.contains("<details>"))
            } else {
                let plainDocument = MarkdownDocument(parsing: plain), attackedDocument = MarkdownDocument(parsing: attacked)
                let headings = { (document: MarkdownDocument) in
                    document.root.descendants.compactMap { block -> String? in
                        guard case .heading(let level) = block.kind else { return nil }
                        return "\(level) \(block.text)"
                    }
                }
                #expect(headings(attackedDocument) == headings(plainDocument), "\(document("INC-2")): a block swallowed what follows")
                let tasks = { (document: MarkdownDocument) in document.root.descendants.filter { $0.task != nil }.count }
                #expect(tasks(attackedDocument) == tasks(plainDocument), "\(document("INC-2"))")
                let html = { (document: MarkdownDocument) in document.root.descendants.filter { $0.kind == .html }.count }
                #expect(html(attackedDocument) == html(plainDocument), "\(document("INC-2")): raw HTML got through")
            }
        }
    }
}

// The matrix of the first test: which commands take text, and how to read back what they stored.
extension HostileInputTests {
    /// The rendered documents, for INC-n.
    static let documents: [@Sendable (String) -> [String]] = [
        { ["render", $0] }, { ["update", $0, "--dry-run"] }, { ["export", $0] }, { ["export", $0, "--format", "html"] },
    ]

    /// Declares INC-`number` and records `texts` in every one-line field, in the same order for every incident.
    static func record(_ texts: [String], as number: Int, in sandbox: Sandbox) throws {
        let reference = "INC-\(number)"
        // Options as --name=VALUE and text after --, as a user must write text that starts with a dash.
        try sandbox.ok(["new", "--p1", "--label=\(texts[1])", "--assignee=\(texts[2])", "--at=2025-09-15 19:00 UTC", "--", texts[0]])
        for (index, text) in texts.enumerated() {
            let at = String(format: "2025-09-15 19:%02d UTC", index % 60)
            try sandbox.ok(["timeline", "add", "--at=\(at)", "--", reference, text])
            try sandbox.ok(["why", "add", "--", reference, text])
            try sandbox.ok(["action", "add", "--owner=\(texts[(index + 1) % texts.count])", "--", reference, text])
            try sandbox.ok(["criterion", "add", "--", reference, text])
            try sandbox.ok(["lesson", "add", "--went-wrong", "--", reference, text])
            try sandbox.ok(["section", "add", "--markdown=Body \(index)", "--", reference, text])
        }
        try sandbox.ok(["check", reference, "1"])
    }

    /// `text` with INC-2 written INC-1 and times left out, to compare the two incidents' documents.
    static func normalized(_ text: String) -> String {
        let time = try! NSRegularExpression(pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?( UTC)?")
        let renamed = text.replacingOccurrences(of: "INC-2", with: "INC-1")
        return time.stringByReplacingMatches(in: renamed, range: NSRange(renamed.startIndex..., in: renamed), withTemplate: "TIME")
    }

    /// Every block of a Markdown document by kind and depth (task state included), without its text.
    static func skeleton(_ markdown: String) -> [String] {
        func walk(_ block: MarkdownBlock, _ depth: Int) -> [String] {
            ["\(depth) \(block.kind) \(block.task.map { "\($0)" } ?? "")"] + block.children.flatMap { walk($0, depth + 1) }
        }
        return walk(MarkdownDocument(parsing: markdown).root, 0)
    }

    static func explainDifference(_ plain: [String], _ attacked: [String]) {
        let first = zip(plain, attacked).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(plain.count, attacked.count)
        Issue.record("first difference at block \(first): \(plain.dropFirst(first).prefix(3)) became \(attacked.dropFirst(first).prefix(3))")
    }

    /// The element tags of an HTML page in order, leaving out inline formatting (which user Markdown may add).
    static func htmlSkeleton(_ html: String) -> [String] {
        let inline: Set<String> = ["a", "strong", "em", "code", "del", "span", "br", "sup", "sub"]
        return tags(in: html).filter { !inline.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: "/"))) }
    }

    static func headings(inHTML html: String) -> [String] {
        tags(in: html).filter { $0.count == 2 && $0.hasPrefix("h") && $0.last!.isNumber }
    }

    private static func tags(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<(/?[a-zA-Z][a-zA-Z0-9]*)")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { Range($0.range(at: 1), in: html).map { html[$0].lowercased() } }
    }
}

/// What the matrix found.
struct Tally {
    var tried = 0, stored = 0, refused = 0
    var problems: [String] = []

    mutating func add(_ outcome: Tally, slot: String) {
        tried += outcome.tried
        stored += outcome.stored
        refused += outcome.refused
        problems += outcome.problems.map { "\(slot): \($0)" }
    }
}

/// One place a command takes text: how to pass an input, and the SQL that reads back what it stored.
struct TextSlot: Sendable {
    enum Field: Sendable { case line, block, optionalBlock }
    let name: String
    let field: Field
    let arguments: @Sendable (String) -> [String]
    /// `hex(value)` of every row this slot wrote, in order; or, with `overwrites`, the one value it sets.
    let readback: String
    var overwrites = false
    var throughStdin = false
    /// The stored text around the input, for fields that are written into a longer sentence.
    var storedAs: @Sendable (String) -> String = { $0 }
    /// Run after each input, accepted or not, to put the record back in a state the next input can use.
    var reset: [String]? = nil

    static let all: [TextSlot] = [
        TextSlot(name: "new TITLE", field: .line, arguments: { ["new", "--p3", "--", $0] },
                 readback: "SELECT hex(title) FROM incident WHERE number > 4 ORDER BY number"),
        TextSlot(name: "set --add-label", field: .line, arguments: { ["set", "INC-1", "--add-label=\($0)"] },
                 readback: "SELECT hex(name) FROM label WHERE incidentNumber = 1 ORDER BY position"),
        TextSlot(name: "set --add-assignee", field: .line, arguments: { ["set", "INC-1", "--add-assignee=\($0)"] },
                 readback: "SELECT hex(name) FROM assignee WHERE incidentNumber = 1 ORDER BY position"),
        TextSlot(name: "set --title", field: .line, arguments: { ["set", "INC-1", "--title", $0] },
                 readback: "SELECT hex(title) FROM incident WHERE number = 1", overwrites: true),
        TextSlot(name: "set --impact", field: .optionalBlock, arguments: { ["set", "INC-1", "--impact", $0] },
                 readback: "SELECT hex(impact) FROM incident WHERE number = 1", overwrites: true),
        TextSlot(name: "set --summary", field: .optionalBlock, arguments: { ["set", "INC-1", "--summary", $0] },
                 readback: "SELECT hex(summary) FROM incident WHERE number = 1", overwrites: true),
        TextSlot(name: "set --root-cause", field: .optionalBlock, arguments: { ["set", "INC-1", "--root-cause", $0] },
                 readback: "SELECT hex(rootCause) FROM incident WHERE number = 1", overwrites: true),
        TextSlot(name: "set --resolution", field: .optionalBlock, arguments: { ["set", "INC-1", "--resolution", $0] },
                 readback: "SELECT hex(resolution) FROM incident WHERE number = 1", overwrites: true),
        TextSlot(name: "timeline add", field: .line, arguments: { ["timeline", "add", "--", "INC-1", $0] },
                 readback: "SELECT hex(text) FROM timelineEntry WHERE incidentNumber = 1 AND isManual = 1 ORDER BY id"),
        TextSlot(name: "why add", field: .line, arguments: { ["why", "add", "--", "INC-1", $0] },
                 readback: "SELECT hex(text) FROM why WHERE incidentNumber = 1 ORDER BY number"),
        TextSlot(name: "action add", field: .line, arguments: { ["action", "add", "--", "INC-1", $0] },
                 readback: "SELECT hex(text) FROM actionItem WHERE incidentNumber = 1 AND text NOT LIKE '% carrier' ORDER BY number"),
        TextSlot(name: "action add --owner", field: .line, arguments: { ["action", "add", "--owner", $0, "INC-1", "Owner carrier"] },
                 readback: "SELECT hex(owner) FROM actionItem WHERE text = 'Owner carrier' ORDER BY number"),
        TextSlot(name: "action add --details", field: .optionalBlock, arguments: { ["action", "add", "--details", $0, "INC-1", "Details carrier"] },
                 readback: "SELECT hex(details) FROM actionItem WHERE text = 'Details carrier' ORDER BY number"),
        TextSlot(name: "criterion add", field: .line, arguments: { ["criterion", "add", "--", "INC-1", $0] },
                 readback: "SELECT hex(text) FROM criterion WHERE incidentNumber = 1 ORDER BY number"),
        TextSlot(name: "section add TITLE", field: .line, arguments: { ["section", "add", "--markdown=Body", "--", "INC-1", $0] },
                 readback: "SELECT hex(title) FROM section WHERE incidentNumber = 1 AND title NOT LIKE '% carrier' ORDER BY position"),
        TextSlot(name: "section add --markdown", field: .block, arguments: { ["section", "add", "--markdown", $0, "INC-1", "Markdown carrier"] },
                 readback: "SELECT hex(markdown) FROM section WHERE title = 'Markdown carrier' ORDER BY position"),
        TextSlot(name: "section add (stdin)", field: .block, arguments: { _ in ["section", "add", "INC-1", "Stdin carrier"] },
                 readback: "SELECT hex(markdown) FROM section WHERE title = 'Stdin carrier' ORDER BY position", throughStdin: true),
        TextSlot(name: "lesson add", field: .line, arguments: { ["lesson", "add", "--lucky", "--", "INC-1", $0] },
                 readback: "SELECT hex(text) FROM lesson WHERE incidentNumber = 1 ORDER BY number"),
        TextSlot(name: "--as NAME", field: .line, arguments: { ["timeline", "add", "INC-1", "Actor carrier", "--as=\($0)"] },
                 readback: "SELECT hex(actor) FROM changeLog WHERE change LIKE '%\"Actor carrier\"' ORDER BY id"),
        TextSlot(name: "status --note", field: .line, arguments: { ["status", "INC-2", "identified", "--note", $0] },
                 readback: "SELECT hex(text) FROM timelineEntry WHERE incidentNumber = 2 ORDER BY id DESC LIMIT 1", overwrites: true,
                 storedAs: { "Status: investigating → identified — \($0)" }, reset: ["reopen", "INC-2"]),
        TextSlot(name: "reopen --note", field: .line, arguments: { ["reopen", "INC-3", "--note", $0] },
                 readback: "SELECT hex(text) FROM timelineEntry WHERE incidentNumber = 3 ORDER BY id DESC LIMIT 1", overwrites: true,
                 storedAs: { "Reopened: mitigated → investigating — \($0)" }, reset: ["status", "INC-3", "mitigated"]),
        TextSlot(name: "close --resolution", field: .optionalBlock, arguments: { ["close", "INC-4", "--force", "--resolution", $0] },
                 readback: "SELECT hex(resolution) FROM incident WHERE number = 4", overwrites: true, reset: ["reopen", "INC-4"]),
    ]

    /// The incidents the slots write to, declared before any slot runs: INC-1 takes items, INC-2 to INC-4 go
    /// through status changes (INC-3 starts mitigated), and `new TITLE` declares INC-5 onwards.
    static let setup: [[String]] = [
        ["new", "--p1", "Hostile input target"], ["new", "--p2", "Status target"], ["new", "--p2", "Reopen target"],
        ["status", "INC-3", "mitigated"], ["new", "--p2", "Close target"],
    ]

    /// Runs every input through this slot and checks each is refused in one line, or stored exactly. A slot that
    /// appends rows is read back once at the end (a refused input must have added none); one that overwrites, after each input.
    func exercise(with inputs: [(name: String, text: String)], runner: SandboxRunner, database: String) -> Tally {
        var tally = Tally()
        var expected: [String] = []
        var current = overwrites ? Self.query(runner, database, readback) : []
        for input in inputs {
            tally.tried += 1
            let result = throughStdin ? runner.run(arguments(input.text), stdin: input.text) : runner.run(arguments(input.text))
            let rule = accepted(input.text)
            if result.status == 0 {
                tally.stored += 1
                defer {
                    if let reset {
                        _ = runner.run(reset)
                        current = Self.query(runner, database, readback)
                    }
                }
                guard let rule else {
                    tally.problems.append("\(input.name) was accepted though the rules refuse it")
                    continue
                }
                // `close` keeps the resolution it had when given none.
                let value = rule == nil && name == "close --resolution" ? current.first ?? "" : rule.map { hex(storedAs($0)) } ?? ""
                guard overwrites else {
                    expected.append(value)
                    continue
                }
                current = Self.query(runner, database, readback)
                if current != [value] {
                    tally.problems.append("\(input.name) was stored as \(current.first?.prefix(60) ?? "nothing") instead of \(value.prefix(60))")
                }
            } else {
                tally.refused += 1
                if result.status != 64 || !result.stderr.hasPrefix("incident: ") || result.stderr.filter({ $0 == "\n" }).count != 1
                    || !result.stdout.isEmpty {
                    tally.problems.append("\(input.name) was not refused in one clean line: \(result)")
                }
                if rule != nil { tally.problems.append("\(input.name) was refused though the rules accept it: \(result.stderr)") }
                if overwrites, Self.query(runner, database, readback) != current {
                    tally.problems.append("\(input.name) was refused, yet the value changed")
                }
            }
        }
        if !overwrites {
            let actual = Self.query(runner, database, readback)
            if actual != expected {
                let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
                tally.problems.append("stored \(actual.count) values where \(expected.count) were accepted; the first differs at \(first)")
            }
        }
        return tally
    }

    /// What the rules store for `text`: `.some(nil)` for an optional field cleared, nil when it must be refused.
    private func accepted(_ text: String) -> String?? {
        switch field {
        case .line: return (try? TextRules.line(text, field: "x")).map { .some($0) }
        case .block: return (try? TextRules.block(text, field: "x")).map { .some($0) }
        case .optionalBlock:
            do { return .some(try TextRules.optionalBlock(text, field: "x")) } catch { return nil }
        }
    }

    static func query(_ runner: SandboxRunner, _ database: String, _ sql: String) -> [String] {
        runner.sqlite3(database, sql + ";").lines
    }
}

/// Upper-case hex of the UTF-8 bytes, as SQLite's `hex()` prints them.
func hex(_ text: String) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count * 2)
    for byte in text.utf8 {
        bytes.append(digits[Int(byte >> 4)])
        bytes.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension SandboxRunner {
    func sqlite3(_ database: String, _ sql: String) -> CLIResult {
        // Other threads are writing: wait for a lock as `incident` does, instead of reading nothing.
        (try? CLI.launch(["-cmd", ".timeout 30000", database, sql], in: dir, scratch: scratch,
                         executable: URL(fileURLWithPath: "/usr/bin/sqlite3")).finish())
            ?? CLIResult(stdout: "", stderr: "could not start sqlite3", status: -1)
    }
}
