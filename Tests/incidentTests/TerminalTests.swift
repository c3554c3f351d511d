import Foundation
import Testing

/// Colour, pager and $EDITOR, as gh and git behave: colour only on a terminal (or when forced), never in Markdown,
/// JSON or files; a pager only for output taller than the terminal; the editor for long text.
@Suite struct TerminalTests {
    static let escape = "\u{1B}["

    @Test func colourIsOffInAPipeOnWhenForcedAndNeverInRenderedText() throws {
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        #expect(!(try sandbox.ok(["show"]).stdout.contains(Self.escape)))
        let forced = try sandbox.run(["show"], environment: ["CLICOLOR_FORCE": "1"])
        #expect(forced.stdout.contains("\u{1B}[1;31mP0\u{1B}[0m"))
        #expect(!(try sandbox.run(["show"], environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": ""]).stdout.contains(Self.escape)))
        #expect(try sandbox.ok(["list", "--color", "always"]).stdout.contains("\u{1B}[31minvestigating"))
        #expect(!(try sandbox.run(["show", "--color", "never"], environment: ["CLICOLOR_FORCE": "1"]).stdout.contains(Self.escape)))
        #expect(try sandbox.ok(["check", "1", "--color", "always"]).stdout.hasPrefix("\u{1B}[32mChecked\u{1B}[0m action 1"))
        #expect(try sandbox.ok(["doctor", "--color", "always"]).stdout.contains("\u{1B}[32mok:\u{1B}[0m"))
        for arguments in [["render"], ["show", "--json"], ["export"], ["export", "--format", "html"], ["update", "--dry-run"]] {
            #expect(!(try sandbox.run(arguments, environment: ["CLICOLOR_FORCE": "1"]).stdout.contains(Self.escape)), "\(arguments)")
        }
    }

    /// Runs `incident ARGS` on a pseudo-terminal (util-linux `script`), so it sees a terminal on stdin and stdout.
    func onTerminal(_ sandbox: Sandbox, _ arguments: [String], environment: [String: String?] = [:]) throws -> CLIResult {
        let command = ([CLI.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try CLI.launch(["-qfec", command, "/dev/null"], in: sandbox.dir, scratch: sandbox.scratch, environment: environment,
                              executable: URL(fileURLWithPath: "/usr/bin/script")).finish()
    }

    @Test func aLongLogOpensInThePagerAndAShortOneDoesNot() throws {
        let sandbox = try Sandbox()
        let paged = sandbox.scratch.appendingPathComponent("paged.txt")
        let pager: [String: String?] = ["INCIDENT_PAGER": "cat > '\(paged.path)'", "COLUMNS": "80", "LINES": "24"]
        try sandbox.ok(["new", "--p2", "Short history"])
        let short = try onTerminal(sandbox, ["log"], environment: pager)
        #expect(short.stdout.contains("declared P2"))
        #expect(!FileManager.default.fileExists(atPath: paged.path))
        for index in 1...40 { try sandbox.ok(["timeline", "add", "Step \(index)"]) }
        let long = try onTerminal(sandbox, ["log"], environment: pager)
        #expect(!long.stdout.contains("Step 40"))
        #expect(try String(contentsOf: paged, encoding: .utf8).contains("added timeline note"))
        try FileManager.default.removeItem(at: paged)
        #expect(try onTerminal(sandbox, ["log", "--no-pager"], environment: pager).stdout.contains("Step 40"))
        #expect(!FileManager.default.fileExists(atPath: paged.path))
    }

    /// An editor that writes `text` into the file it is given (or exits with `status`).
    func editor(_ sandbox: Sandbox, writing text: String, status: Int = 0) throws -> String {
        let script = sandbox.scratch.appendingPathComponent("editor-\(UUID().uuidString.prefix(6)).sh")
        try Data("#!/bin/sh\nprintf '%s' '\(text)' > \"$1\"\nexit \(status)\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func theEditorWritesLongTextAndAnEmptyOrFailedEditChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Queue backlog"])
        try sandbox.run(["set", "--summary", "-e"], environment: ["EDITOR": try editor(sandbox, writing: "The queue backed up.\n\nConsumers were paused.")])
        #expect(try sandbox.json()["summary"] as? String == "The queue backed up.\n\nConsumers were paused.")
        let before = try sandbox.dump(sandbox.defaultDatabase)
        let failed = try sandbox.run(["set", "--impact", "-e"], environment: ["EDITOR": try editor(sandbox, writing: "x", status: 3)])
        expectFailure(failed, status: 1, mentioning: "exited with status 3; nothing changed")
        let empty = try sandbox.run(["lesson", "add", "--went-well", "-e"], environment: ["VISUAL": try editor(sandbox, writing: "")])
        expectFailure(empty, status: 1, mentioning: "nothing was written for the lesson; nothing changed")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
        try sandbox.run(["lesson", "add", "--went-well", "-e"], environment: ["VISUAL": try editor(sandbox, writing: "Paging worked")])
        #expect(try sandbox.ok(["export"]).stdout.contains("Paging worked"))
        // At a terminal with nothing to read from, `section add` opens the editor.
        let section = try onTerminal(sandbox, ["section", "add", "Notes"], environment: ["EDITOR": try editor(sandbox, writing: "- consumer lag graph")])
        #expect(section.stdout.contains("Added section \"Notes\""))
        #expect((try sandbox.json()["sections"] as? [[String: Any]])?.first?["markdown"] as? String == "- consumer lag graph")
    }

    @Test func theHtmlPostmortemWrapsLongCodeAndCellsInsideThePage() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Wide"])
        let html = try sandbox.ok(["export", "--format", "html"]).stdout
        #expect(html.contains("pre { padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }"))
        #expect(!html.contains("overflow-x: auto"))
    }
}
