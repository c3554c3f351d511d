import Foundation

/// A role given to someone, and who held it before.
public struct RoleChange: Sendable {
    /// The role, lowercased as stored.
    public var role: String
    public var who: String
    /// Who held it before; equal to `who` when nothing changed.
    public var previous: String?
}

extension Response {
    /// Gives `role` (any word, stored lowercased) to `who` on incident `incident`; a handover from someone else is
    /// written in the timeline.
    public func setRole(_ role: String, to who: String, at: Date, on incident: Int) throws(IncidentError) -> RoleChange {
        let role = try TextRules.line(role.lowercased(), field: "role"), who = try TextRules.line(who, field: "name")
        let previous = try store.setRole(incident, role: role, who: who, at: at)
        return RoleChange(role: role, who: who, previous: previous)
    }

    /// Clears `role` on incident `incident`; returns who held it, or nil when nobody did.
    public func clearRole(_ role: String, at: Date, on incident: Int) throws(IncidentError) -> String? {
        try store.clearRole(incident, role: role.lowercased(), at: at)
    }

    /// Applies the playbook called `name` from `folder` to incident `incident`: items it doesn't have yet (by text),
    /// labels and update cadence. Applying it again adds nothing.
    public func applyPlaybook(named name: String, from folder: PlaybookFolder, to incident: Int) throws(IncidentError) -> AppliedPlaybook {
        let playbook = try folder.playbook(named: name)
        let added = try store.applyPlaybook(incident, playbook)
        return AppliedPlaybook(playbook: playbook, actions: added.actions, criteria: added.criteria)
    }
}
