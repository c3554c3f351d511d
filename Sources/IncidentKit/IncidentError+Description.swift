import Foundation

extension IncidentError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingSeverity:
            "Missing severity: an incident needs one, from P0 (worst) to P4."
        case .unknownSeverity(let text):
            "Unknown severity \(Self.quoted(text)).\(Suggestion.didYouMean(text, among: Severity.allCases.map(\.label))) Use P0 (worst), P1, P2, P3 or P4."
        case .invalidIncidentType(let text):
            "\(Self.quoted(text)) is not an incident type: a type is one lowercase word of letters, digits and -, 1 to \(IncidentType.maximumLength) characters, starting with a letter, e.g. availability or data-loss."
        case .unknownStatus(let text):
            "Unknown status \(Self.quoted(text)).\(Suggestion.didYouMean(text, among: Status.allCases.map(\.rawValue))) Use one of: \(Status.allCases.map(\.rawValue).joined(separator: ", "))."
        case .unknownTimelineKind(let text):
            "Unknown timeline kind \(Self.quoted(text)).\(Suggestion.didYouMean(text, among: TimelineKind.allCases.map(\.rawValue))) Use one of: \(TimelineKind.allCases.map(\.rawValue).joined(separator: ", "))."
        case .unknownHorizon(let text):
            "Unknown horizon \(Self.quoted(text)).\(Suggestion.didYouMean(text, among: Horizon.allCases.map(\.rawValue))) Use immediate, medium-term or long-term."
        case .unknownPhase(let text):
            "Unknown phase \(Self.quoted(text)).\(Suggestion.didYouMean(text, among: Phase.allCases.map(\.rawValue))) Use immediate or short-term."
        case .emptyText(let field):
            "The \(field) is empty. Type some text for it."
        case .multilineText(let field):
            "The \(field) must be one line. Remove the line breaks, or put longer text in a section or details."
        case .invalidText(let field, let reason):
            "The \(field) \(reason)."
        case .invalidReference(let text):
            "\(Self.quoted(text)) is not an incident reference. Write it as INC-12 (or 12)."
        case .invalidItemNumber(let text):
            "\(Self.quoted(text)) is not an item number: items are numbered from 1, e.g. 3."
        case .unknownIncident(let number):
            "No incident \(IncidentReference.format(number)) is recorded here."
        case .noCurrentIncident:
            "No current incident: name one (e.g. INC-3), or pick one as the current incident."
        case .itemOutOfRange(let kind, let number, let incident, let count):
            "\(IncidentReference.format(incident)) has no \(kind.displayName) \(number) (it has \(count))."
        case .noSuchEntry(let kind, let number, let incident, let count):
            "\(IncidentReference.format(incident)) has no \(kind.entryName) \(number) (it has \(count))."
        case .unparseableTime(let text):
            "Can't read the time \(Self.quoted(text)). Use 2025-09-15T19:17:00-08:00, \"2025-09-15 19:17 PST\", 19:17, or -15m / -2h."
        case .unknownTimeZone(let text):
            "Unknown time zone \(Self.quoted(text)). Use an abbreviation like PST or UTC, an offset like -08:00, or a name like America/Los_Angeles."
        case .disallowedTransition(let from, let to) where !to.isOpen:
            "Can't go from \(from.rawValue) to \(to.rawValue): the incident is already over and must be reopened first."
        case .disallowedTransition(let from, let to):
            "Can't go from \(from.rawValue) back to \(to.rawValue): the lifecycle moves forward; reopening as \(to.rawValue) moves it back."
        case .closeThroughCloseCommand:
            "An incident is closed by closing it, which checks that immediate work is done, not by setting its status."
        case .notReopenable(let status):
            "The incident is \(status.rawValue), the start of the lifecycle; there is nothing to reopen."
        case .milestoneOutOfOrder(let kind, let at, let conflicting, let conflictingAt):
            "\(kind.rawValue) at \(TimeFormat.utc(at)) would be \(kind.milestoneOrder(relativeTo: conflicting)) \(conflicting.rawValue) at \(TimeFormat.utc(conflictingAt)); milestones must stay in order."
        case .closeRefused(let incident, let openActions, let unmetCriteria):
            "\(IncidentReference.format(incident)) still has \(Self.describe(openActions, "open immediate action"))\(openActions.isEmpty || unmetCriteria.isEmpty ? "" : " and ")\(Self.describe(unmetCriteria, "unmet immediate criterion", plural: "unmet immediate criteria"))."
        case .nothingToChange(let item):
            "Nothing to change: no new value was given for the \(item?.displayName ?? "incident")."
        case .noDatabase(let path):
            "No incident database at \(path); declaring the first incident creates one."
        case .databaseReplaced(let path):
            "\(path) was removed or replaced while this command ran (another command that created it may have failed); nothing was written."
        case .notADatabase(let path):
            "\(path) is not an SQLite database; the file was left untouched."
        case .notAnIncidentDatabase(let path):
            "\(path) is an SQLite database, but not an incident database; the file was left untouched."
        case .newerSchema(let path, let unknown):
            "\(path) was written by a newer incident (schema \(unknown.joined(separator: ", "))). Upgrade incident to use it; the file was left untouched."
        case .unwritableLocation(let path, let reason):
            "Can't write \(path): \(reason). The database needs a writable path."
        case .unwritableOutput(let path, let reason):
            "Can't write \(path): \(reason). Choose a path in a folder that exists and is writable."
        case .githubUnavailable(let command, let message), .githubFailed(let command, let message):
            "`\(command)` failed: \(message). Nothing was changed here; run it again once gh works (`gh auth status` tells)."
        case .githubConflicts(let issue, let items):
            "\(items.count) item\(items.count == 1 ? " was" : "s were") changed both here and on \(issue) since the last sync: \(items.joined(separator: "; ")). Nothing was pushed; check or uncheck them here to settle it."
        case .githubLinesNotHere(let issue, let lines):
            "\(issue) has task lines this record doesn't have: \(lines.joined(separator: "; ")). Nothing was pushed, so they aren't lost."
        case .repositoryMismatch(let given, let published):
            "The repository is \(given), but this incident is published to \(published)."
        case .notPublished(let number):
            "\(IncidentReference.format(number)) is not published to GitHub: it has no issue yet."
        case .editorCancelled(let reason):
            "Not stored: \(reason)."
        case .importFailures(let failed, let total):
            "\(failed) of \(total) documents could not be imported (each is named above with the reason); the others were."
        case .invalidIssueReference(let text):
            "\(Self.quoted(text)) is not an issue. Give its number (123) or URL (https://github.com/OWNER/NAME/issues/123)."
        case .issueBodyTooLong(let issue, let characters, let limit):
            "The body for \(issue) would be \(characters) characters even with the timeline folded out; GitHub takes \(limit). Nothing was pushed and everything is kept here; shorten or remove free sections and publish again."
        case .unreadableSharedRecord(let reason):
            "The issue body can't be merged: \(reason). Nothing was changed here; restore the issue body from its history on GitHub, then run this again."
        case .unreadableStoredValue(let detail):
            "A stored value can't be read (\(detail)). Restore a backup or fix the row with sqlite3."
        case .damagedDatabase(let path, let detail):
            "\(path) is damaged (\(detail)): restore it from a backup."
        case .invalidArgumentEncoding(let position):
            "Argument \(position) is not valid UTF-8 text, so it can't be stored exactly. Retype it, or pass the text through a UTF-8 file."
        case .unreadableFile(let path, let reason):
            "Can't read \(path): \(reason)."
        case .fileExists(let path):
            "\(path) already exists. Choose another path, or overwrite it on purpose."
        case .untrustedFile(let path, let reason):
            "Not reading \(path): \(reason). Templates and playbooks run as the tool's own code; if you trust this folder, add it to INCIDENT_SAFE_DIRECTORIES (folders separated by :)."
        case .templateRecursion(let chain):
            "The templates include each other without end (\(chain.joined(separator: " → "))). Remove the loop from the template folder; nothing was changed."
        case .foreignSchemaCode(let path, let objects):
            "\(path) holds \(objects.count == 1 ? "a" : "\(objects.count)") \(objects.count == 1 ? "trigger or view" : "triggers or views") this tool didn't create (\(objects.prefix(5).joined(separator: ", "))\(objects.count > 5 ? ", …" : "")), which could run someone else's SQL, so nothing was read or run. Remove them with sqlite3, or restore a backup."
        case .outputIsTheDatabase(let path):
            "\(path) is the incident database itself; writing there would destroy it. Choose another file."
        case .backupOntoItself(let path):
            "\(path) is the database being backed up. Name another file for the copy."
        case .backupFailed(let path, let reason):
            "Can't write the backup \(path): \(reason). Nothing was left there."
        case .unhealthyStore(let path, let problems):
            "\(path) has \(problems == 1 ? "1 problem" : "\(problems) problems"), listed above with the repair for each. Run it, or restore a backup."
        case .templateSyntax(let file, let line, let column, let reason):
            "\(file):\(line):\(column): template syntax error (\(reason)). Fix the template, or delete it to use the built-in one."
        case .unknownTemplate(let name):
            "No template named \(name)."
        case .storageFailure(let message):
            "The database refused the change: \(message). Nothing was saved; run the command again."
        case .labelWithComma(let label):
            "The label \(Self.quoted(label)) has a comma, which gh reads as two labels; name it without the comma."
        case .publicRepository(let repo):
            "\(repo) is a public repository, where anyone could read the incident, so nothing was pushed."
        case .futureTime(let text, let ahead):
            "\(Self.quoted(text)) is \(TimeFormat.duration(ahead)) in the future. Give the time it happened (a date, or -15m for 15 minutes ago)."
        case .alreadyOver(let incident, let status):
            "\(IncidentReference.format(incident)) is already \(status.rawValue); nothing changed."
        case .notAReopenTarget(let status):
            "An incident can't be reopened as \(status.rawValue). Reopen it as one of \(Status.allCases.filter(\.isOpen).map(\.rawValue).joined(separator: ", "))."
        case .nulInGitHubJSON(let field, let issue):
            "The \(field) of \(issue) in gh's JSON holds a NUL character (U+0000), which can't be stored as it is; remove it and import again."
        case .notPublic(let number):
            "\(IncidentReference.format(number)) is not shown on the status page, so a public update would reach no one; nothing was recorded. Show it there first, with a public title."
        case .invalidWebhookURL(let text):
            "\(Self.quoted(text)) is not a webhook URL. Give the full http:// or https:// address the chat service gave you, without spaces."
        case .webhookExists(let url):
            "The webhook \(url) is already added."
        case .unknownWebhook(let text):
            "No webhook \(Self.quoted(text))."
        case .invalidStatusPageConfig(let path, let reason):
            "\(path): \(reason). Fix the file (docs/status-page.md describes it); nothing was written."
        case .unknownPlaybook(let name, let folder):
            "The playbook \(name) is not in \(folder)."
        case .invalidActorName(let reason):
            "The name recorded in the change log \(reason). Give the name of who is writing."
        }
    }
}

extension IncidentError {
    /// What was typed, quoted and cut to 40 characters, as every message shows it.
    public static func quoted(_ text: String) -> String {
        let short = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
        return "\"\(short)\""
    }
}

private extension IncidentError {
    /// `2 open immediate actions (1  Restart the pods; 3  Confirm health)`: the titles a responder needs at 3 a.m.
    static func describe(_ items: [ItemTitle], _ noun: String, plural: String? = nil) -> String {
        guard !items.isEmpty else { return "" }
        let name = items.count == 1 ? noun : (plural ?? noun + "s")
        return "\(items.count) \(name) (\(items.map { "\($0.number)  \($0.text)" }.joined(separator: "; ")))"
    }
}

extension ItemKind {
    /// The item as people name it in a sentence ("success criterion").
    public var displayName: String {
        switch self {
        case .action: "action"
        case .criterion: "success criterion"
        case .why: "why"
        }
    }
}

extension SharedKind {
    /// The entry as people name it in a sentence ("timeline entry").
    public var entryName: String {
        switch self {
        case .action: "action"
        case .criterion: "success criterion"
        case .why: "why"
        case .timeline: "timeline entry"
        case .section: "section"
        case .lesson: "lesson"
        case .publicUpdate: "removable public update"
        }
    }
}

private extension TimelineKind {
    func milestoneOrder(relativeTo other: TimelineKind) -> String {
        guard let mine = milestoneRank, let theirs = other.milestoneRank else { return "before" }
        return mine < theirs ? "after" : "before"
    }
}
