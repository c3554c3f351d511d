import ArgumentParser
import IncidentKit

struct SetCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change an incident's fields, labels, assignees and services.",
        discussion: "Example: incident set --severity P0 --add-label database --root-cause \"VPC connector down\""
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "INC-<n> (default: the current incident).") var reference: String?

    @Option(parsing: .unconditional, help: "New one-line title.") var title: String?
    @Option(help: "New severity, P0 (worst) … P4.") var severity: Severity?
    @Option(help: ArgumentHelp("What kind of incident: one lowercase word, e.g. security (empty clears).", valueName: "type")) var type: String?
    @Option(parsing: .unconditional, help: "Who and what is affected (Markdown; empty clears; -e opens $EDITOR).") var impact: String?
    @Option(parsing: .unconditional, help: "Short summary (Markdown; empty clears; -e opens $EDITOR).") var summary: String?
    @Option(parsing: .unconditional, help: "The root cause (Markdown; empty clears; -e opens $EDITOR).") var rootCause: String?
    @Option(parsing: .unconditional, help: "How it was resolved (Markdown; empty clears).") var resolution: String?
    @Option(name: .customLong("add-label"), help: ArgumentHelp("Add a label (repeatable).", valueName: "label")) var addLabels: [String] = []
    @Option(name: .customLong("remove-label"), help: ArgumentHelp("Remove a label (repeatable).", valueName: "label")) var removeLabels: [String] = []
    @Option(name: .customLong("add-assignee"), help: ArgumentHelp("Add an assignee (repeatable).", valueName: "name")) var addAssignees: [String] = []
    @Option(name: .customLong("remove-assignee"), help: ArgumentHelp("Remove an assignee (repeatable).", valueName: "name")) var removeAssignees: [String] = []
    @Option(name: .customLong("add-service"), help: ArgumentHelp("Add or update a service: NAME, NAME|URL or NAME|URL|NOTE (repeatable).", valueName: "service")) var addServices: [String] = []
    @Option(name: .customLong("remove-service"), help: ArgumentHelp("Remove a service by name (repeatable).", valueName: "name")) var removeServices: [String] = []
    @Flag(name: .customLong("public"), inversion: .prefixedNo, help: "Show it on (or take it off) the public status page.") var isPublic: Bool?
    @Option(parsing: .unconditional, help: ArgumentHelp("The title customers see on the status page (empty clears).", valueName: "title")) var publicTitle: String?

    func run(_ console: Console) throws {
        var (impact, summary, rootCause) = (self.impact, self.summary, self.rootCause)
        if [impact, summary, rootCause].contains("-e") {
            // `--summary -e`: write the field in the editor, starting from what it says now.
            let current = try store.openForReading().incident(store.openForReading().resolve(Arguments.reference(reference)))
            if impact == "-e" { impact = try Editor.edit(current.impact ?? "", what: "impact") }
            if summary == "-e" { summary = try Editor.edit(current.summary ?? "", what: "summary") }
            if rootCause == "-e" { rootCause = try Editor.edit(current.rootCause ?? "", what: "root cause") }
        }
        var changes = IncidentChanges()
        changes.type = try type.map { text throws(IncidentError) in try IncidentType.parsingOrClearing(text) }
        (changes.title, changes.severity, changes.impact, changes.summary) = (title, severity, impact, summary)
        (changes.rootCause, changes.resolution, changes.isPublic, changes.publicTitle) = (rootCause, resolution, isPublic, publicTitle)
        (changes.addLabels, changes.removeLabels, changes.addAssignees, changes.removeAssignees) = (addLabels, removeLabels, addAssignees, removeAssignees)
        changes.addServices = try addServices.map { text throws(IncidentError) in try AffectedService(parsing: text) }
        changes.removeServices = removeServices
        if changes.isEmpty { throw IncidentError.nothingToChange(item: nil) }
        let store = try store.openForWriting()
        let number = try store.resolve(Arguments.reference(reference))
        let described = try Response(store: store).change(number, with: changes)
        console.say(described.isEmpty ? "\(IncidentReference.format(number)): nothing changed (already so)."
            : described.map { "\(IncidentReference.format(number)): \($0)" }.joined(separator: "\n"))
    }
}
