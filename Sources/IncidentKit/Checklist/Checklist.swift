import Foundation

/// Working through an incident's checklist: adding action items and success criteria, ticking them, editing and
/// removing them. Each method takes what was typed, holds it to the text rules, and returns what was stored.
public struct Checklist: Sendable {
    let store: IncidentStore

    /// A checklist use case writing through `store`.
    public init(store: IncidentStore) { self.store = store }

    /// Adds an action item to incident `incident`; `due` is a typed time (a date alone is the end of that day).
    public func addAction(_ text: String, horizon: Horizon = .immediate, owner: String? = nil, due: String? = nil,
                          details: String? = nil, to incident: Int) throws(IncidentError) -> ActionItem {
        let text = try TextRules.line(text, field: "action text")
        let owner = try owner.map { name throws(IncidentError) in try TextRules.line(name, field: "owner") }
        let due = try due.map { text throws(IncidentError) in try Self.dueTime(text) }
        let details = try TextRules.optionalBlock(details, field: "details")
        return try store.addAction(incident, text: text, horizon: horizon, details: details, owner: owner, due: due)
    }

    /// Adds a success criterion to incident `incident`.
    public func addCriterion(_ text: String, phase: Phase = .immediate, to incident: Int) throws(IncidentError) -> SuccessCriterion {
        try store.addCriterion(incident, text: TextRules.line(text, field: "criterion text"), phase: phase)
    }

    /// Marks items done (actions) or met (criteria); items already so are reported unchanged.
    public func check(_ items: [Int], of kind: ItemKind, in incident: Int) throws(IncidentError) -> ToggleOutcome {
        try toggle(items, of: kind, on: true, in: incident)
    }

    /// Marks items open again (ticked by mistake); items already open are reported unchanged.
    public func uncheck(_ items: [Int], of kind: ItemKind, in incident: Int) throws(IncidentError) -> ToggleOutcome {
        try toggle(items, of: kind, on: false, in: incident)
    }

    /// The incident with the action items to list: all of them, or only those not done.
    public func listing(_ incident: Int, openOnly: Bool) throws(IncidentError) -> (incident: Incident, shown: [ActionItem]) {
        let record = try store.incident(incident)
        return (record, openOnly ? record.actions.filter { !$0.isDone } : record.actions)
    }

    /// The action items of incident `incident` still to do, and how many it has in all.
    public func openActions(of incident: Int) throws(IncidentError) -> (open: [ActionItem], total: Int) {
        let (record, open) = try listing(incident, openOnly: true)
        return (open, record.actions.count)
    }

    /// Changes action `item`: nil leaves a field as it is; empty `owner` or `details`, or `due` "none", clears it.
    /// Returns the changes recorded in the log (empty when it already read so).
    public func editAction(_ item: Int, of incident: Int, text: String? = nil, horizon: Horizon? = nil, owner: String? = nil,
                           due: String? = nil, details: String? = nil) throws(IncidentError) -> [String] {
        var edit = ItemEdit()
        edit.text = try text.map { value throws(IncidentError) in try TextRules.line(value, field: "action text") }
        edit.horizon = horizon
        if let owner { edit.owner = .some(owner.isEmpty ? nil : try TextRules.line(owner, field: "owner")) }
        if let due { edit.due = .some(due.lowercased() == "none" ? nil : try Self.dueTime(due)) }
        if let details { edit.details = .some(try TextRules.optionalBlock(details, field: "details")) }
        return try store.editAction(incident, item: item, edit)
    }

    /// Changes criterion `item`'s text or phase; returns the changes recorded in the log.
    public func editCriterion(_ item: Int, of incident: Int, text: String? = nil, phase: Phase? = nil) throws(IncidentError) -> [String] {
        var edit = ItemEdit()
        edit.text = try text.map { value throws(IncidentError) in try TextRules.line(value, field: "criterion text") }
        edit.phase = phase
        return try store.editCriterion(incident, item: item, edit)
    }

    /// Removes item `item` of `kind` on purpose (a why, lesson, section or timeline entry too): once the incident
    /// is published the removal travels to the issue and every machine.
    public func remove(_ item: Int, of kind: SharedKind, from incident: Int) throws(IncidentError) -> Removal {
        let text = try store.removeItem(incident, kind: kind, item: item)
        return Removal(text: text, sharedThrough: try store.incident(incident).github)
    }

    /// A time typed for when an item is due: a date alone is due at the end of that day.
    static func dueTime(_ text: String) throws(IncidentError) -> Date {
        try TimeExpression.parse(text, dateOnlyMeansEndOfDay: true)
    }

    private func toggle(_ items: [Int], of kind: ItemKind, on: Bool, in incident: Int) throws(IncidentError) -> ToggleOutcome {
        switch kind {
        case .action: try store.setActions(items, done: on, in: incident)
        case .criterion: try store.setCriteria(items, met: on, in: incident)
        case .why: throw .invalidText(field: "why", reason: "can't be checked: only action items and success criteria can")
        }
    }
}

/// What a removal took away, and the issue it will reach with the next publish (nil when not published).
public struct Removal: Sendable {
    /// The removed item's text (a section's title).
    public var text: String
    public var sharedThrough: GitHubLink?
}
