import Foundation

/// Running the response to an incident: declaring it (with its commander and playbooks), changing its fields,
/// recording the timeline and choosing the current incident. Each method takes what was typed, holds it to the rules
/// of the record, and returns what was stored; roles, playbooks, the lifecycle and what is due are in extensions.
public struct Response: Sendable {
    let store: IncidentStore

    /// A response use case writing through `store`.
    public init(store: IncidentStore) { self.store = store }

    /// Declares an incident and makes it the current one: every field is checked before anything is stored. Its
    /// commander is named, and the chosen playbooks from `folder` are applied; a playbook that can't be applied never
    /// stops the declaration and is returned among the problems.
    public func declare(_ declaration: Declaration, playbooks folder: PlaybookFolder) throws(IncidentError) -> Declared {
        let draft = try declaration.draft()
        let commander = try declaration.commander.map { name throws(IncidentError) in try TextRules.line(name, field: "commander") }
        let incident = try store.declare(draft)
        var declared = Declared(incident: incident, commander: commander)
        if let commander { try store.setRole(incident.number, role: "commander", who: commander, at: incident.declaredAt) }
        let attempted = declaration.playbooks == .none ? 0 : apply(declaration.playbooks, from: folder, to: &declared)
        // Only P0, P1 and incidents a playbook gave a cadence have one: the rest declare in one write.
        if attempted > 0 || UpdateCadence.defaultInterval(incident.severity) != nil {
            declared.cadence = try store.cadence(of: store.incident(incident.number))
        }
        return declared
    }

    /// Changes incident `incident`'s fields as `changes` says, its text as typed: each field is held to its rule
    /// first, and empty text clears a Markdown field or the public title. Returns each change recorded in the log
    /// (none when everything already read so).
    public func change(_ incident: Int, with changes: IncidentChanges) throws(IncidentError) -> [String] {
        try store.update(incident, with: changes.validated())
    }

    /// Adds a timeline entry a person typed; milestones must stay in order.
    public func addTimelineEntry(_ text: String, kind: TimelineKind = .note, at: Date, to incident: Int) throws(IncidentError) -> TimelineEntry {
        try store.addTimelineEntry(incident, text: TextRules.line(text, field: "timeline text"), kind: kind, at: at)
    }

    /// Makes incident `incident` the one used when no incident is named.
    public func use(_ incident: Int) throws(IncidentError) {
        try store.use(incident)
    }

    /// Applies the playbooks `choice` picks for `declared`'s incident, recording what was applied and what could not
    /// be; returns how many were chosen.
    private func apply(_ choice: PlaybookChoice, from folder: PlaybookFolder, to declared: inout Declared) -> Int {
        let (playbooks, broken) = folder.load()
        let named: [String]? = if case .named(let names) = choice { names } else { nil }
        let chosen = named.map { names in playbooks.filter { names.contains($0.name) } }
            ?? playbooks.filter { $0.severities.contains(declared.incident.severity) }
        declared.problems += broken.filter { named?.contains($0.name) ?? true }.map(PlaybookProblem.broken)
        for name in named ?? [] where !playbooks.contains(where: { $0.name == name }) && !broken.contains(where: { $0.name == name }) {
            declared.problems.append(.missing(name: name, folder: folder.path))
        }
        for playbook in chosen {
            do {
                let added = try store.applyPlaybook(declared.incident.number, playbook)
                declared.applied.append(AppliedPlaybook(playbook: playbook, actions: added.actions, criteria: added.criteria))
            } catch {
                declared.problems.append(.failed(name: playbook.name, error))
            }
        }
        return chosen.count
    }
}

private extension IncidentChanges {
    /// The changes with every typed text held to its rule.
    func validated() throws(IncidentError) -> IncidentChanges {
        var changes = self
        changes.title = try title.map { text throws(IncidentError) in try TextRules.line(text, field: "title") }
        // Empty text clears a Markdown field; it is passed on as "" only to say "clear".
        changes.impact = try Self.markdown(impact, "impact")
        changes.summary = try Self.markdown(summary, "summary")
        changes.rootCause = try Self.markdown(rootCause, "root cause")
        changes.resolution = try Self.markdown(resolution, "resolution")
        changes.addLabels = try addLabels.map { text throws(IncidentError) in try TextRules.label(text) }
        changes.removeLabels = try Self.lines(removeLabels, "label")
        changes.addAssignees = try Self.lines(addAssignees, "assignee")
        changes.removeAssignees = try Self.lines(removeAssignees, "assignee")
        changes.removeServices = try Self.lines(removeServices, "service")
        changes.publicTitle = try publicTitle.map { text throws(IncidentError) in
            text.trimmingSpaces().isEmpty ? "" : try TextRules.line(text, field: "public title")
        }
        return changes
    }

    static func markdown(_ text: String?, _ field: String) throws(IncidentError) -> String? {
        try text.map { text throws(IncidentError) in try TextRules.optionalBlock(text, field: field) ?? "" }
    }

    static func lines(_ values: [String], _ field: String) throws(IncidentError) -> [String] {
        try values.map { text throws(IncidentError) in try TextRules.line(text, field: field) }
    }
}
