import Foundation

extension RenderContext {
    /// The values of a follow-up issue's body (`follow-up.md`): the action, and the incident it came from, linked by
    /// its issue (`acme/ops#12`) or, when it has none, named by its reference.
    public func followUpValues(for action: ActionItem, of incident: Incident) -> [String: Any] {
        var values = self.action(action)
        values["id"] = incident.id
        values["incidentTitle"] = line(incident.title)
        values["severity"] = incident.severity.label
        values["incidentLink"] = incident.github?.reference ?? incident.id
        // Unindented: here the details stand on their own, not under a task line.
        values["details"] = action.details.map(block)
        Self.flagPresence(of: ["details"], in: &values)
        return values
    }
}
