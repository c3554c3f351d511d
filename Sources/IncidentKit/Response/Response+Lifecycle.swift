import Foundation

/// What moving an incident's status did, and what a responder needs to know right after.
public struct StatusChange: Sendable {
    /// The incident as it is now.
    public var incident: Incident
    /// False when it already had that status.
    public var changed: Bool
    /// Changes made here that its GitHub issue doesn't have yet; nil when it is not published.
    public var unpublishedChanges: Int?
    /// When stakeholders expect the next update, if it has a cadence.
    public var cadence: UpdateCadence?
}

extension Response {
    /// Moves incident `incident` forward to `status` at `at` (milestones kept in order), with an optional one-line
    /// note for the timeline.
    public func move(_ incident: Int, to status: Status, at: Date, note: String? = nil) throws(IncidentError) -> StatusChange {
        let note = try note.map { text throws(IncidentError) in try TextRules.line(text, field: "note") }
        let changed = try store.changeStatus(incident, to: status, at: at, note: note)
        let record = try store.incident(incident)
        let pending = record.github == nil ? nil : try store.unpublishedChanges(of: record)
        return StatusChange(incident: record, changed: changed, unpublishedChanges: pending, cadence: try store.cadence(of: record))
    }

    /// Closes incident `incident`: refused while immediate actions are open or immediate criteria unmet, unless
    /// `force`, which is recorded. `resolution` is Markdown; empty leaves the resolution as it is.
    public func close(_ incident: Int, at: Date, resolution: String? = nil, force: Bool = false) throws(IncidentError) -> CloseOutcome {
        try store.close(incident, at: at, resolution: TextRules.optionalBlock(resolution, field: "resolution"), force: force)
    }

    /// Moves incident `incident` back to an earlier open status (or reopens a closed or cancelled one), with an
    /// optional one-line note saying why.
    public func reopen(_ incident: Int, to status: Status = .investigating, at: Date, note: String? = nil) throws(IncidentError) {
        let note = try note.map { text throws(IncidentError) in try TextRules.line(text, field: "note") }
        try store.reopen(incident, to: status, at: at, note: note)
    }
}
