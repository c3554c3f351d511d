import Foundation

/// Every way an `incident` command can fail, each with one sentence that says what to do.
public enum IncidentError: Error, Equatable, Sendable {
    case missingSeverity
    case unknownSeverity(String)
    /// A type that isn't one lowercase word (`invalidIncidentType("Data Loss")`).
    case invalidIncidentType(String)
    case unknownStatus(String)
    case unknownTimelineKind(String)
    case unknownHorizon(String)
    case unknownPhase(String)
    case emptyText(field: String)
    case multilineText(field: String)
    case invalidText(field: String, reason: String)
    case invalidReference(String)
    case invalidItemNumber(String)
    case unknownIncident(Int)
    case noCurrentIncident
    case itemOutOfRange(ItemKind, number: Int, incident: Int, count: Int)
    /// No lesson, section, timeline entry or removable public update `number` of `incident` (which has `count`).
    case noSuchEntry(SharedKind, number: Int, incident: Int, count: Int)
    case unparseableTime(String)
    case unknownTimeZone(String)
    case disallowedTransition(from: Status, to: Status)
    case closeThroughCloseCommand
    case notReopenable(Status)
    case milestoneOutOfOrder(kind: TimelineKind, at: Date, conflicting: TimelineKind, conflictingAt: Date)
    case closeRefused(incident: Int, openActions: [ItemTitle], unmetCriteria: [ItemTitle])
    /// An edit that names no new value: of the incident itself (`item` nil), or of one of its items.
    case nothingToChange(item: ItemKind?)
    case noDatabase(path: String)
    case notADatabase(path: String)
    case notAnIncidentDatabase(path: String)
    case newerSchema(path: String, unknownMigrations: [String])
    case unwritableLocation(path: String, reason: String)
    case unwritableOutput(path: String, reason: String)
    case damagedDatabase(path: String, detail: String)
    /// The file at `path` is no longer the database this command opened (removed or replaced meanwhile).
    case databaseReplaced(path: String)
    case invalidArgumentEncoding(position: Int)
    case unreadableFile(path: String, reason: String)
    case fileExists(path: String)
    case backupOntoItself(path: String)
    /// A template or playbook the tool won't read: owned by another user, or a symlink out of its folder.
    case untrustedFile(path: String, reason: String)
    /// Template partials that include each other (or nest too deep): `chain` is the inclusion path.
    case templateRecursion(chain: [String])
    /// A database file holding triggers or views this tool did not create (`objects`: "trigger NAME").
    case foreignSchemaCode(path: String, objects: [String])
    /// An output file (`-o`, `--svg`) that is the incident database or its journal, by any name.
    case outputIsTheDatabase(path: String)
    case backupFailed(path: String, reason: String)
    case unhealthyStore(path: String, problems: Int)
    case templateSyntax(file: String, line: Int, column: Int, reason: String)
    case unknownTemplate(String)
    case unreadableStoredValue(String)
    case githubUnavailable(command: String, message: String)
    case githubFailed(command: String, message: String)
    case githubConflicts(issue: String, items: [String])
    case githubLinesNotHere(issue: String, lines: [String])
    /// The hidden copy of the record in an issue body can't be read (`reason` says what is wrong).
    case unreadableSharedRecord(String)
    /// The body for `issue` would be longer than GitHub takes even with the whole timeline folded out.
    case issueBodyTooLong(issue: String, characters: Int, limit: Int)
    case notPublished(Int)
    /// A repository was named for an incident already published to another one (`published`, e.g. acme/ops#12).
    case repositoryMismatch(given: String, published: String)
    case invalidIssueReference(String)
    case importFailures(failed: Int, total: Int)
    case editorCancelled(String)
    case storageFailure(String)
    // Issue 23: what a GitHub repository, an issue or gh's JSON must not do here.
    case labelWithComma(String)
    case publicRepository(String)
    case nulInGitHubJSON(field: String, issue: String)
    // Issue 22: slips a new user makes at the keyboard.
    /// A typed time later than now (`ahead` seconds): nearly always a slip.
    case futureTime(String, ahead: TimeInterval)
    /// Closing or cancelling an incident that is already over (closed or cancelled).
    case alreadyOver(incident: Int, status: Status)
    /// `reopen` to a status that isn't open.
    case notAReopenTarget(Status)
    // Issue 21: the public status page and notices to chat.
    /// A public update for an incident that is not shown on the status page.
    case notPublic(Int)
    case invalidWebhookURL(String)
    case webhookExists(String)
    case unknownWebhook(String)
    /// The status page's settings file can't be used: `reason` names the line or key.
    case invalidStatusPageConfig(path: String, reason: String)
    // Issue 19: what the response and checklist use cases refuse, in the record's words.
    /// No playbook `name` in the playbook folder `folder`.
    case unknownPlaybook(name: String, folder: String)
    /// The name the change log records for whoever writes can't be used (`reason`: "is empty", "must be one line", …).
    case invalidActorName(reason: String)
}

extension IncidentError {
    /// The broad kind of failure; the command line turns it into an exit code.
    public enum Category: Sendable {
        /// The command was typed wrong: bad value, missing argument.
        case usage
        /// The command named something that doesn't exist.
        case notFound
        /// The command was understood but the record's rules refuse it.
        case refused
        /// The database or a file couldn't be used.
        case storage
        /// A service the command needs (GitHub, through `gh`) can't be reached or isn't set up.
        case unavailable
    }

    public var category: Category {
        switch self {
        case .missingSeverity, .unknownSeverity, .invalidIncidentType, .unknownStatus, .unknownTimelineKind, .unknownHorizon,
             .unknownPhase, .emptyText, .multilineText, .invalidText, .invalidReference, .invalidItemNumber,
             .unparseableTime, .unknownTimeZone, .nothingToChange, .fileExists, .backupOntoItself, .outputIsTheDatabase,
             .invalidArgumentEncoding, .invalidIssueReference, .labelWithComma, .nulInGitHubJSON, .futureTime, .notAReopenTarget,
             .invalidWebhookURL, .webhookExists, .invalidStatusPageConfig, .unknownPlaybook, .invalidActorName, .repositoryMismatch:
            .usage
        case .unknownIncident, .noCurrentIncident, .itemOutOfRange, .noSuchEntry, .noDatabase, .unknownWebhook:
            .notFound
        case .disallowedTransition, .closeThroughCloseCommand, .notReopenable, .milestoneOutOfOrder,
             .closeRefused, .untrustedFile, .githubConflicts, .githubLinesNotHere, .notPublished, .importFailures, .editorCancelled,
             .publicRepository, .alreadyOver, .issueBodyTooLong, .notPublic:
            .refused
        case .notADatabase, .notAnIncidentDatabase, .newerSchema, .foreignSchemaCode, .unwritableLocation, .unwritableOutput, .damagedDatabase, .databaseReplaced, .unreadableStoredValue, .unreadableFile,
             .storageFailure, .unreadableSharedRecord, .templateSyntax, .templateRecursion, .unknownTemplate, .backupFailed, .unhealthyStore, .githubFailed:
            .storage
        case .githubUnavailable:
            .unavailable
        }
    }
}

/// An item named by its number and text, as a refused close lists what is still open.
public struct ItemTitle: Equatable, Sendable {
    public var number: Int
    public var text: String

    public init(_ number: Int, _ text: String) {
        self.number = number
        self.text = text
    }
}
