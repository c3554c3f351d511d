import Foundation
import Testing

/// `incident --help` lists the commands by what people do, and `incident --version` says which build this is.
@Suite struct HelpTests {
    /// Each group's heading in `--help` and the commands under it, in order.
    static let groups: [(heading: String, commands: [String])] = [
        ("RESPOND SUBCOMMANDS:", ["new", "list", "show", "use", "status", "set", "role", "playbook", "timeline", "due", "close", "reopen"]),
        ("CHECKLIST SUBCOMMANDS:", ["check", "uncheck", "action", "criterion", "update"]),
        ("POSTMORTEM SUBCOMMANDS:", ["why", "lesson", "section", "export"]),
        ("GITHUB SUBCOMMANDS:", ["render", "publish", "pull", "sync"]),
        ("HISTORY SUBCOMMANDS:", ["import", "log", "search", "stats", "actions", "lint"]),
        ("STATUS PAGE SUBCOMMANDS:", ["statuspage", "notify"]),
        ("MAINTENANCE SUBCOMMANDS:", ["init", "backup", "doctor", "templates"]),
    ]

    @Test func helpGroupsEveryCommandUnderWhatPeopleDoWithIt() throws {
        let sandbox = try Sandbox()
        let help = try sandbox.ok(["--help"])
        var found: [(heading: String, commands: [String])] = []
        var inGroup = false
        for line in help.lines {
            if line.hasSuffix("SUBCOMMANDS:") {
                found.append((line, []))
                inGroup = true
            } else if line.isEmpty {
                inGroup = false
            } else if inGroup, line.hasPrefix("  "), line.dropFirst(2).first?.isLetter == true {
                // "  list, ls   List incidents…": the name up to the first comma or space.
                let name = line.dropFirst(2).prefix { $0 != "," && $0 != " " }
                found[found.count - 1].commands.append(String(name))
            }
        }
        #expect(found.map(\.heading) == Self.groups.map(\.heading), "\(help)")
        #expect(found.map(\.commands) == Self.groups.map(\.commands), "\(help)")
        #expect(!help.stdout.contains("\nSUBCOMMANDS:"), "no command is left outside a group: \(help)")
    }

    @Test func everyGroupedCommandRunsItsOwnHelp() throws {
        let sandbox = try Sandbox()
        for command in Self.groups.flatMap(\.commands) {
            let help = try sandbox.run(["help", command])
            #expect(help.status == 0 && help.stdout.contains("USAGE: incident \(command)"), "\(command): \(help)")
        }
    }

    @Test func versionPrintsTheVersionAlone() throws {
        let sandbox = try Sandbox()
        let version = try sandbox.ok(["--version"])
        let parts = version.stdout.dropLast().split(separator: ".", omittingEmptySubsequences: false)
        #expect(version.stdout.hasSuffix("\n") && parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) },
                "expected MAJOR.MINOR.PATCH: \(version)")
        #expect(version.stderr.isEmpty)
        #expect(sandbox.listing().isEmpty, "--version creates nothing")
    }
}
