import ArgumentParser
import Foundation
import IncidentKit

struct Lint: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Is the postmortem complete? One line per finding; exits 1 when there are any (for a postmortem repository's CI).",
        discussion: "Checks: root cause; at least three whys ending in the root cause; owners and due times on P0/P1 follow-ups; detected, mitigated and resolved in the timeline; summary and impact; no open immediate work on a closed incident."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
    @Flag(help: "Every incident.") var all = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if all, reference != nil { throw ValidationError("Give INC-<n> or --all, not both.") }
    }

    func run(_ console: Console) throws {
        let store = try store.openForReading()
        let report = try History(store: store).lint(all ? nil : try store.resolve(Arguments.reference(reference)))
        let findings = report.findings.map { (IncidentReference.format($0.incident), $0.finding.advice) }
        if json {
            console.say(try IncidentJSON.encodeFindings(findings))
        } else if findings.isEmpty {
            let count = report.incidents.count
            console.say("\(all ? "\(count) incident\(count == 1 ? "" : "s")" : IncidentReference.format(report.incidents[0])): the postmortem is complete.")
        } else {
            console.say(findings.map { "\($0.0): \($0.1)" }.joined(separator: "\n"))
        }
        if !findings.isEmpty { throw ExitCode(1) }
    }
}
