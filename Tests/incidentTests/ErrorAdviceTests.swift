import Foundation
import IncidentKit
import Testing
@testable import incident

/// The library words what is wrong in the record's terms; the command line adds the flag or command that puts it right.
@Suite struct ErrorAdviceTests {
    static let at = Date(timeIntervalSince1970: 1_757_963_820)

    /// Each error beside the sentence a user sees for it.
    static let cases: [(IncidentError, String)] = [
        (.missingSeverity, "Missing severity. Pass one of --p0 (worst) … --p4, e.g. `incident new --p1 \"API returns 503\"`."),
        (.invalidItemNumber("x"), "\"x\" is not an item number. Use the numbers `incident action list` shows, e.g. 3."),
        (.unknownIncident(4), "No incident INC-4. `incident list --all` shows every incident."),
        (.noCurrentIncident, "No current incident. Name one (e.g. INC-3), or pick one with `incident use INC-3`."),
        (.itemOutOfRange(.criterion, number: 9, incident: 1, count: 3), "INC-1 has no success criterion 9 (it has 3). `incident criterion list` shows them."),
        (.noSuchEntry(.section, number: 4, incident: 2, count: 1), "INC-2 has no section 4 (it has 1). `incident section list` shows them, numbered."),
        (.noSuchEntry(.lesson, number: 4, incident: 2, count: 1), "INC-2 has no lesson 4 (it has 1). `incident show` shows them, numbered."),
        (.disallowedTransition(from: .resolved, to: .cancelled), "Can't go from resolved to cancelled: the incident is already over. `incident reopen` reopens it first."),
        (.disallowedTransition(from: .resolved, to: .identified), "Can't go from resolved back to identified. Use `incident reopen --status identified` to move backwards."),
        (.milestoneOutOfOrder(kind: .mitigated, at: at, conflicting: .detected, conflictingAt: at.addingTimeInterval(60)),
         "mitigated at 2025-09-15T19:17:00Z would be before detected at 2025-09-15T19:18:00Z. Give a time with --at that keeps milestones in order."),
        (.closeRefused(incident: 1, openActions: [ItemTitle(1, "Restart the pods")], unmetCriteria: []),
         "INC-1 still has 1 open immediate action (1  Restart the pods). Check them off, or close anyway with `incident close --force`."),
        (.nothingToChange(item: nil), "Nothing to change. Pass at least one option; `incident set --help` lists them."),
        (.nothingToChange(item: .action), "Nothing to change. Pass at least one option; `incident action edit --help` lists them."),
        (.noDatabase(path: "/x.sqlite"), "No incident database at /x.sqlite. `incident new --p2 \"TITLE\"` creates one, or pass --db PATH."),
        (.githubConflicts(issue: "o/r#1", items: ["action 2"]),
         "1 item was changed both here and on o/r#1 since the last sync: action 2. Nothing was pushed; check or uncheck them here to settle it, or publish with --force to keep this side."),
        (.githubLinesNotHere(issue: "o/r#1", lines: ["Typed"]),
         "o/r#1 has task lines this record doesn't have: Typed. Nothing was pushed, so they aren't lost; add them here (`incident action add`) or publish with --force to drop them."),
        (.notPublished(3), "INC-3 is not published to GitHub. `incident publish INC-3 --repo OWNER/NAME` creates its issue."),
        (.invalidText(field: IssuePublisher.repositoryField, reason: "must be OWNER/NAME, e.g. acme/ops"),
         "The --repo must be OWNER/NAME, e.g. acme/ops."),
        (.repositoryMismatch(given: "acme/web", published: "acme/ops#12"),
         "The --repo is acme/web, but this incident is published to acme/ops#12; leave --repo out."),
        (.issueBodyTooLong(issue: "o/r#1", characters: 70_000, limit: 65_536),
         "The body for o/r#1 would be 70000 characters even with the timeline folded out; GitHub takes 65536. Nothing was pushed and everything is kept here; shorten or remove free sections (`incident section remove N`) and publish again."),
        (.foreignSchemaCode(path: "/x", objects: ["trigger t"]),
         "/x holds a trigger or view this tool didn't create (trigger t), which could run someone else's SQL, so nothing was read or run. `incident doctor` lists them; remove them with sqlite3, or restore a backup."),
        (.alreadyOver(incident: 2, status: .closed),
         "INC-2 is already closed; nothing changed. `incident reopen INC-2` reopens it (as investigating; --status STATUS for another)."),
        (.notAReopenTarget(.closed),
         "An incident can't be reopened as closed. Reopen it as one of investigating, identified, mitigated, monitoring, resolved; `incident close` closes it."),
        (.notPublic(5),
         "INC-5 is not shown on the status page, so a public update would reach no one; nothing was recorded. `incident set INC-5 --public --public-title \"TITLE\"` shows it there first."),
        (.publicRepository("o/r"), "o/r is a public repository, where anyone could read the incident, so nothing was pushed; pass --public-repo if that is intended."),
        (.unknownWebhook("9"), "No webhook \"9\". `incident notify list` shows each webhook's number and URL."),
    ]

    @Test func theCommandLineAddsTheFlagOrCommandThatPutsItRight() {
        for (error, advice) in Self.cases { #expect(error.advice == advice) }
    }

    @Test func theLibrarySaysWhatIsWrongWithoutNamingAFlagOrACommand() {
        for (error, _) in Self.cases {
            let text = error.description
            #expect(!text.contains("--") && !text.contains("`incident"), "\(text)")
            #expect(text.hasSuffix(".") && !text.contains("\n"), "\(text)")
        }
    }

    @Test func anErrorWithNothingToAddReadsTheSameInBoth() {
        let error = IncidentError.unparseableTime("soon")
        #expect(error.advice == error.description)
    }
}
