import ArgumentParser
import IncidentKit

struct Doctor: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database: integrity, schema version, foreign keys, orphaned rows, search index.",
        discussion: """
            Prints ok, or each problem with the repair for it and exits 74. --reindex and --prune make the \
            repairs it names, then check again; take a backup first (incident backup FILE).
            """
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Recreate missing indexes and triggers, and rebuild every index and search index from the tables.")
    var reindex = false
    @Flag(help: "Remove rows that belong to no incident, and forget a current incident that no longer exists.")
    var prune = false
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run(_ console: Console) throws {
        if reindex || prune {
            let writable = try store.openForWriting()
            let done = (reindex ? try writable.rebuildIndexes() : []) + (prune ? try writable.pruneOrphans() : [])
            for line in done { console.say("repaired: \(line)") }
        }
        let path = DatabaseLocation.resolve(explicit: store.databasePath)
        let diagnosis = try IncidentStore.diagnose(path: path)
        console.say(report(diagnosis, path: path, style: color.style(on: console)))
        guard diagnosis.isHealthy else { throw IncidentError.unhealthyStore(path: path, problems: diagnosis.findings.count) }
    }
}

private extension Doctor {
    static let checks = ["integrity_check", "schema", "foreign_key_check", "orphaned rows", "search index", "stored values"]

    /// One line per check, each problem indented under it with its details and repair; `ok: …` last when healthy.
    func report(_ diagnosis: StoreDiagnosis, path: String, style: TextStyle) -> String {
        var lines: [String] = []
        for check in Self.checks {
            let findings = diagnosis.findings.filter { $0.check == check }
            let label = check.padding(toLength: 19, withPad: " ", startingAt: 0)
            guard findings.isEmpty else {
                lines.append("\(label)\(style.bad(findings.count == 1 ? "1 problem" : "\(findings.count) problems"))")
                for finding in findings {
                    lines.append("  - \(finding.problem)")
                    lines += finding.details.prefix(10).map { "      \($0)" }
                    if finding.details.count > 10 { lines.append("      … and \(finding.details.count - 10) more") }
                    lines.append("    repair: \(finding.repair.hint(for: path))")
                }
                continue
            }
            lines.append(label + (diagnosis.isReadable ? style.good(okText(for: check, diagnosis)) : "not checked (the file can't be read)"))
        }
        if diagnosis.isHealthy {
            lines.append(style.good("ok:") + " \(path) has \(diagnosis.incidentCount) incident\(diagnosis.incidentCount == 1 ? "" : "s") and \(diagnosis.changeCount) change-log line\(diagnosis.changeCount == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }

    func okText(for check: String, _ diagnosis: StoreDiagnosis) -> String {
        switch check {
        case "schema":
            let applied = diagnosis.appliedMigrations.count, known = diagnosis.knownMigrations.count
            guard let latest = diagnosis.appliedMigrations.last else { return "empty (nothing recorded yet)" }
            return applied < known ? "ok (\(applied) of \(known) migrations, \(latest); the next write upgrades it)"
                : "ok (\(applied) of \(known) migrations, \(latest))"
        case "search index":
            return diagnosis.searchIndexes.isEmpty ? "none in this schema" : "ok (\(diagnosis.searchIndexes.joined(separator: ", ")))"
        default:
            return "ok"
        }
    }
}
