import Foundation

/// A checklist update put together and not yet recorded: its text, and the checklist state it reports.
public struct ChecklistUpdate: Sendable {
    /// The comment, rendered from `update.md`.
    public var text: String
    /// The incident as the update reports it.
    public var incident: Incident
    /// The checklist at the time of the update; once recorded, the next update reports only what changed since.
    public var snapshot: ChecklistSnapshot
}

extension Checklist {
    /// The update for incident `incident` at `now`: progress, items checked since the last update, what is still open.
    /// Nothing is recorded, so a dry run or a comment that fails to post leaves the next update unchanged.
    public func prepareUpdate(of incident: Int, with renderer: IncidentRenderer, at now: Date) throws(IncidentError) -> ChecklistUpdate {
        let record = try store.incident(incident)
        let text = try renderer.update(record, since: store.lastUpdate(of: incident), at: now)
        return ChecklistUpdate(text: text, incident: record, snapshot: ChecklistSnapshot(of: record, at: now))
    }

    /// Records that `update` was made: posted to `postedTo` (an issue), or printed to be pasted.
    public func record(_ update: ChecklistUpdate, postedTo: String? = nil) throws(IncidentError) {
        try store.recordUpdate(update.snapshot, for: update.incident.number, postedTo: postedTo)
    }
}
