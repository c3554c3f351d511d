import Foundation
import Testing

/// Text from files and GitHub can't drive the terminal: control characters in stored text are printed visibly by
/// every command, coloured or not, and kept exactly in the record and escaped in JSON.
@Suite struct TerminalSafetyTests {
    /// Window title (OSC 0), clipboard (OSC 52), clear screen, forged colour, bell, backspace, C1 CSI. (A carriage
    /// return ends a line in Markdown, so it can't reach a stored line from a document.)
    static let hostile = "\u{1B}]0;pwned\u{07} \u{1B}]52;c;ZXZpbA==\u{07} \u{1B}[2J \u{1B}[31mforged\u{1B}[0m \u{08} \u{9B}31m"
    static let attackBytes: [String] = ["\u{1B}]", "\u{1B}[2J", "\u{1B}[31mforged", "\u{07}", "\u{08}", "\u{9B}"]

    /// Every byte of `output` that could drive a terminal, other than the colour this tool chooses.
    static func attacks(in output: String) -> [String] {
        attackBytes.filter { output.contains($0) }.map { $0.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
    }

    @Test func storedControlCharactersArePrintedVisiblyEverywhereAndKeptExactly() throws {
        let sandbox = try Sandbox()
        let document = """
            # Evil \(Self.hostile) title

            ## Summary

            Summary \(Self.hostile)

            ## Timeline

            - 2025-01-01 10:00 UTC entry \(Self.hostile)

            ## Action items

            - [ ] action \(Self.hostile)
            """
        try Data(document.utf8).write(to: sandbox.dir.appendingPathComponent("evil \u{1B}[2J.md"))
        let body = "## Tasks\\n\\n- [ ] gh action \(Self.hostile.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x9B ? String(format: "\\u%04x", $0.value) : String($0) }.joined())\\n"
        let issue = #"{"number":7,"url":"https://github.com/acme/ops/issues/7","title":"From GitHub","body":""# + body + #"","labels":[],"assignees":[]}"#

        var outputs: [(String, CLIResult)] = []
        outputs.append(("import file", try sandbox.ok(["import", "evil \u{1B}[2J.md", "--db", "x.sqlite"])))
        outputs.append(("import gh json", try sandbox.ok(["import", "--gh-json", "-", "--db", "x.sqlite"], stdin: issue)))
        try Data(document.utf8).write(to: sandbox.dir.appendingPathComponent("folder-evil.md"))
        try FileManager.default.createDirectory(at: sandbox.dir.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Data(document.utf8).write(to: sandbox.dir.appendingPathComponent("docs/a.md"))
        try Data(document.utf8).write(to: sandbox.dir.appendingPathComponent("docs/b.md"))
        outputs.append(("import folder", try sandbox.ok(["import", "docs", "--db", "x.sqlite"])))
        let stored = try sandbox.sqlite3("x.sqlite", "SELECT hex(title) FROM incident WHERE number = 1;").stdout
        for color in ["always", "never"] {
            for command in [["show", "INC-1"], ["list", "--all"], ["search", "evil"], ["actions"]] {
                outputs.append(("\(command.joined(separator: " ")) --color \(color)", try sandbox.ok(command + ["--db", "x.sqlite", "--color", color])))
            }
        }
        for command in [["timeline", "list", "INC-1"], ["action", "list", "INC-1"], ["action", "list", "INC-2"], ["log", "--all"], ["render", "INC-1"]] {
            outputs.append((command.joined(separator: " "), try sandbox.ok(command + ["--db", "x.sqlite"])))
        }
        for (name, result) in outputs {
            #expect(Self.attacks(in: result.stdout + result.stderr).isEmpty, "\(name) printed \(Self.attacks(in: result.stdout + result.stderr)): \(result)")
        }
        // The output still shows the characters, visibly: nothing is silently dropped.
        let show = try sandbox.ok(["show", "INC-1", "--db", "x.sqlite", "--color", "never"]).stdout
        #expect(show.contains("Evil ^[]0;pwned^G ^[]52;c;ZXZpbA==^G ^[[2J ^[[31mforged^[[0m ^H <U+009B>31m title"), "\(show)")
        // Colour chosen by the tool still reaches the terminal.
        #expect(try sandbox.ok(["show", "INC-1", "--db", "x.sqlite", "--color", "always"]).stdout.contains("\u{1B}[1mINC-1\u{1B}[0m"))
        // The record is unchanged by printing, and JSON carries the characters escaped.
        #expect(try sandbox.sqlite3("x.sqlite", "SELECT hex(title) FROM incident WHERE number = 1;").stdout == stored)
        #expect(stored.contains("1B5D303B70776E656407") && stored.contains("C29B"), "the title is stored as it arrived: \(stored)")
        let json = try sandbox.ok(["show", "--json", "INC-1", "--db", "x.sqlite"]).stdout
        #expect(Self.attacks(in: json).isEmpty && !json.contains("\u{1B}"), "\(json)")
        #expect(json.contains(#"\u001b]0;pwned\u0007"#) && json.contains(#"\u009B31m"#), "\(json)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["title"] as? String == "Evil \(Self.hostile) title")
    }
}

extension TerminalSafetyTests {
    /// Random bytes (every control character among them) in a document: whatever the importer keeps, no command
    /// prints a control character but newline, tab and its own colour codes.
    @Test(arguments: 1...6) func randomBytesInADocumentNeverReachTheTerminalAsControls(seed: UInt64) throws {
        let sandbox = try Sandbox()
        var random = SplitMix(seed: seed)
        func noise() -> String {
            let bytes = (0..<80).map { _ in UInt8(truncatingIfNeeded: random.next()) }.map { $0 == 0 || $0 == 0x0A || $0 == 0x0D ? 0x1B : $0 }
            // Invalid UTF-8 is repaired on import; valid C1 characters (C2 80–9F) are added on purpose.
            return String(decoding: bytes, as: UTF8.self) + "\u{85}\u{9B}\u{9D}"
        }
        let document = "# Title \(noise())\n\n## Summary\n\n\(noise())\n\n## Timeline\n\n- 2025-01-01 10:00 UTC \(noise())\n\n## Action items\n\n- [ ] \(noise())\n"
        try Data(document.utf8).write(to: sandbox.dir.appendingPathComponent("noise.md"))
        let imported = try sandbox.run(["import", "noise.md", "--db", "x.sqlite"])
        #expect(imported.status == 0, "\(imported)")
        for command in [["show"], ["list", "--all"], ["timeline", "list"], ["action", "list"], ["log", "--all"], ["search", "title"], ["render"], ["update"]] {
            for color in command[0] == "show" || command[0] == "list" ? ["always", "never"] : [nil] {
                let result = try sandbox.run(command + ["--db", "x.sqlite"] + (color.map { ["--color", $0] } ?? []))
                let printed = (result.stdout + result.stderr).unicodeScalars
                let controls = printed.indices.filter { index in
                    let value = printed[index].value
                    guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
                    if value == 0x0A || value == 0x09 { return false }
                    // The tool's own colour: ESC [ digits ; m.
                    if value == 0x1B, color == "always" {
                        let next = printed[printed.index(after: index)...].prefix(8)
                        return !(next.first == "[" && next.dropFirst().prefix { $0 != "m" }.allSatisfy { "0123456789;".unicodeScalars.contains($0) })
                    }
                    return true
                }
                #expect(controls.isEmpty, "\(command) --color \(color ?? "-") printed \(controls.count) control characters: \(result)")
            }
        }
    }
}

/// A small seeded generator, so a failing case can be rerun.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
