import IncidentKit

// The library says what is wrong in the record's words; the command line adds which flag or command puts it right.
extension IncidentError {
    /// The sentence a failed command prints: the library's, with the command or flag that puts it right.
    var advice: String {
        switch self {
        case .unknownPlaybook(let name, let folder):
            "The playbook \(name) is not in \(folder); `incident playbook list` shows the playbooks there."
        case .invalidActorName(let reason):
            "The --as name \(reason). Pass --as NAME, or set USER."
        case .missingSeverity:
            "Missing severity. Pass one of --p0 (worst) … --p4, e.g. `incident new --p1 \"API returns 503\"`."
        case .invalidItemNumber(let text):
            "\(Self.quoted(text)) is not an item number. Use the numbers `incident action list` shows, e.g. 3."
        case .unknownIncident(let number):
            "No incident \(IncidentReference.format(number)). `incident list --all` shows every incident."
        case .noCurrentIncident:
            "No current incident. Name one (e.g. INC-3), or pick one with `incident use INC-3`."
        case .itemOutOfRange(let kind, _, _, _):
            description + " `incident \(kind.rawValue) list` shows them."
        case .noSuchEntry(let kind, _, _, _):
            description + " `incident \(Self.listCommand(for: kind))` shows them, numbered."
        case .disallowedTransition(let from, let to) where !to.isOpen:
            "Can't go from \(from.rawValue) to \(to.rawValue): the incident is already over. `incident reopen` reopens it first."
        case .disallowedTransition(let from, let to):
            "Can't go from \(from.rawValue) back to \(to.rawValue). Use `incident reopen --status \(to.rawValue)` to move backwards."
        case .closeThroughCloseCommand:
            "Close an incident with `incident close`, which checks that immediate work is done."
        case .notReopenable:
            description + " `incident status STATUS` moves it forward."
        case .milestoneOutOfOrder:
            description.prefix { $0 != ";" } + ". Give a time with --at that keeps milestones in order."
        case .closeRefused:
            description + " Check them off, or close anyway with `incident close --force`."
        case .nothingToChange(let item):
            "Nothing to change. Pass at least one option; `incident \(item.map { "\($0.rawValue) edit" } ?? "set") --help` lists them."
        case .noDatabase(let path):
            "No incident database at \(path). `incident new --p2 \"TITLE\"` creates one, or pass --db PATH."
        case .notADatabase(let path):
            "\(path) is not an SQLite database. Point --db (or INCIDENT_DB) at an incident database; the file was left untouched."
        case .notAnIncidentDatabase(let path):
            "\(path) is an SQLite database, but not an incident database. Pass --db with another path; the file was left untouched."
        case .unwritableLocation(let path, let reason):
            "Can't write \(path): \(reason). Pass --db with a writable path."
        case .githubConflicts:
            String(description.dropLast()) + ", or publish with --force to keep this side."
        case .githubLinesNotHere:
            String(description.dropLast()) + "; add them here (`incident action add`) or publish with --force to drop them."
        case .notPublished(let number):
            description.prefix { $0 != ":" } + ". `incident publish \(IncidentReference.format(number)) --repo OWNER/NAME` creates its issue."
        case .issueBodyTooLong:
            String(description.dropLast(" and publish again.".count)) + " (`incident section remove N`) and publish again."
        case .unreadableStoredValue(let detail):
            "A stored value can't be read (\(detail)). `incident doctor` names every such row; restore a backup or fix the row with sqlite3."
        case .databaseReplaced:
            description + " Run the command again."
        case .damagedDatabase(let path, let detail):
            "\(path) is damaged (\(detail)): restore it from a backup; `incident doctor` says what is wrong and how to salvage it."
        case .fileExists(let path):
            "\(path) already exists. Pass --force to overwrite it, or choose another path."
        case .foreignSchemaCode:
            description.replacingOccurrences(of: " Remove them with sqlite3", with: " `incident doctor` lists them; remove them with sqlite3")
        case .backupOntoItself(let path):
            "\(path) is the database being backed up. Name another file, e.g. `incident backup incidents-backup.sqlite`."
        case .unknownTemplate:
            description + " `incident templates export DIR` writes the built-in ones."
        case .alreadyOver(let incident, _):
            description + " `incident reopen \(IncidentReference.format(incident))` reopens it (as investigating; --status STATUS for another)."
        case .notAReopenTarget:
            String(description.dropLast()) + "; `incident close` closes it."
        case .notPublic(let number):
            String(description.dropLast(" Show it there first, with a public title.".count))
                + " `incident set \(IncidentReference.format(number)) --public --public-title \"TITLE\"` shows it there first."
        case .webhookExists:
            description + " `incident notify list` shows the webhooks."
        case .unknownWebhook:
            description + " `incident notify list` shows each webhook's number and URL."
        case .publicRepository:
            String(description.dropLast()) + "; pass --public-repo if that is intended."
        case .invalidText(let field, let reason) where field == IssuePublisher.repositoryField:
            "The --repo \(reason)."
        case .repositoryMismatch(let given, let published):
            "The --repo is \(given), but this incident is published to \(published); leave --repo out."
        case .invalidText(let field, let reason) where field == ArchiveImport.issueJSONField:
            "The --gh-json input \(reason)."
        case .futureTime:
            String(description.dropLast()) + ", or pass --future if it is meant."
        default:
            description
        }
    }

    /// 64 usage (as argument-parser), 66 not found, 1 refused by the record's rules, 74 storage, 69 unavailable.
    var exitCode: Int32 {
        switch category {
        case .unavailable: 69
        case .usage: 64
        case .notFound: 66
        case .refused: 1
        case .storage: 74
        }
    }

    /// The command that lists entries of `kind`, numbered.
    private static func listCommand(for kind: SharedKind) -> String {
        switch kind {
        case .section: "section list"
        case .timeline: "timeline list"
        case .action: "action list"
        case .criterion: "criterion list"
        case .why: "why list"
        case .lesson, .publicUpdate: "show"
        }
    }
}
