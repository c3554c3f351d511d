import Foundation
import Testing

/// `docs/incident.1` is generated from the commands by `scripts/generate-manual.sh` and committed; these fail when a
/// command, an option or a help text changed and the page was not generated again.
@Suite struct ManualTests {
    /// A command as the manual lists it: its label (`list, ls`) and the help texts of it and its arguments.
    struct Entry {
        var label: String
        var texts: [String]
    }

    /// Every command below the root, depth first, as `--experimental-dump-help` (the generator's input) describes them.
    private func entries() throws -> [Entry] {
        let sandbox = try Sandbox()
        let dump = try sandbox.ok(["--experimental-dump-help"])
        let object = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let root = try #require(object?["command"] as? [String: Any], "no command in \(dump.stdout.prefix(200))")
        var result: [Entry] = []
        func visit(_ command: [String: Any]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                let name = sub["commandName"] as? String ?? ""
                let label = ([name] + (sub["aliases"] as? [String] ?? [])).joined(separator: ", ")
                var texts = [sub["abstract"] as? String].compactMap { $0 }
                for argument in sub["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool ?? true {
                    if let abstract = argument["abstract"] as? String { texts.append(abstract) }
                }
                result.append(Entry(label: label, texts: texts))
                visit(sub)
            }
        }
        visit(root)
        return result
    }

    /// The manual's text, and a help text as the generator writes it: ASCII only (it drops the rest) with `\` as `\e`.
    private static let manual = (try? String(contentsOfFile: Repository.path("docs/incident.1"), encoding: .utf8)) ?? ""

    private static func asWritten(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII))).replacingOccurrences(of: "\\", with: "\\e")
    }

    @Test func theManualListsEveryCommandInTheBinarysOrder() throws {
        let listed = Self.manual.split(separator: "\n").filter { $0.hasPrefix(".It Em ") }.map { line in
            String(line.dropFirst(".It Em ".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let expected = try entries().map(\.label)
        #expect(expected.count > 30, "the dump lists the commands: \(expected)")
        #expect(listed == expected, "docs/incident.1 is out of date: run scripts/generate-manual.sh")
    }

    @Test func theManualCarriesEveryHelpTextOfTheCommandsAndTheirOptions() throws {
        var missing: [String] = []
        for entry in try entries() {
            for text in entry.texts {
                let firstLine = Self.asWritten(String(text.prefix { $0 != "\n" }))
                if !Self.manual.contains(firstLine) { missing.append("\(entry.label): \(firstLine)") }
            }
        }
        #expect(missing.isEmpty, "docs/incident.1 is out of date (run scripts/generate-manual.sh); missing: \(missing)")
    }

    @Test(.enabled(if: Repository.tool("/usr/bin/groff") != nil, "needs groff to render the page"))
    func theManualRendersWithoutWarnings() throws {
        let sandbox = try Sandbox()
        let rendered = try CLI.launch(["-mdoc", "-Tutf8", "-ww", Repository.path("docs/incident.1")], in: sandbox.dir,
                                      scratch: sandbox.scratch, executable: URL(fileURLWithPath: "/usr/bin/groff")).finish()
        #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("Declare a new incident and make it the current one."))
    }
}
