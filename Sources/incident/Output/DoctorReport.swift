import IncidentKit

/// What `doctor` prints: one line per check, each problem indented under it with its details and the repair to
/// type; `ok: …` last when the database is healthy.
enum DoctorReport {
    static let checks = ["integrity_check", "schema", "foreign_key_check", "orphaned rows", "search index", "stored values"]

    static func text(_ diagnosis: StoreDiagnosis, path: String, style: TextStyle) -> String {
        var lines: [String] = []
        for check in checks {
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

    private static func okText(for check: String, _ diagnosis: StoreDiagnosis) -> String {
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

extension StoreFinding.Repair {
    /// What to type (or do) about it, for a database at `path`.
    func hint(for path: String) -> String {
        switch self {
        case .reindex: "incident doctor --reindex (rebuilds indexes and triggers from the tables and the schema; no record is lost)"
        case .prune: "incident doctor --prune (removes what belongs to no incident; the change log is kept)"
        case .removeForeign:
            "look at it (sqlite3 \(path) .schema), then remove it (sqlite3 \(path) \"DROP TRIGGER name\", or DROP VIEW, TABLE, INDEX), or restore a backup"
        case .restore:
            "restore a backup (`incident backup` takes one), or salvage what is readable: sqlite3 \(path) .recover | sqlite3 recovered.sqlite"
        }
    }
}
