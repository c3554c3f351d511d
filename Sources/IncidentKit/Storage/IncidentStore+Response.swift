import Foundation
import GRDB

extension IncidentStore {
    /// Gives `role` to `who`; a handover from someone else is a timeline entry ("commander: alice → bob"). Returns the
    /// previous holder, or nil; throws nothing new when `who` already holds it.
    @discardableResult
    public func setRole(_ number: Int, role: String, who: String, at: Date) throws(IncidentError) -> String? {
        try write { db in
            let incident = try loadIncident(number, db)
            let previous = incident.roles.first { $0.role == role }?.who
            guard previous != who else { return previous }
            try RoleRecord(Role(role: role, who: who, since: at), in: number).insert(db, onConflict: .replace)
            let text = previous.map { "\(role): \($0) → \(who)" } ?? "\(role): \(who)"
            try insertTimelineEntry(TimelineEntry(at: at, kind: .note, text: text, isManual: false), for: number, db)
            try touch(number, db)
            try log(previous == nil ? "set role \(text)" : "handed over \(text)", for: number, db)
            return previous
        }
    }

    /// Clears `role`; returns who held it, or nil when nobody did.
    @discardableResult
    public func clearRole(_ number: Int, role: String, at: Date) throws(IncidentError) -> String? {
        try write { db in
            let incident = try loadIncident(number, db)
            guard let previous = incident.roles.first(where: { $0.role == role })?.who else { return nil }
            try db.execute(sql: "DELETE FROM role WHERE incidentNumber = ? AND role = ?", arguments: [number, role])
            try insertTimelineEntry(TimelineEntry(at: at, kind: .note, text: "\(role): \(previous) stepped down", isManual: false), for: number, db)
            try touch(number, db)
            try log("cleared role \(role) (was \(previous))", for: number, db)
            return previous
        }
    }

    /// Adds a playbook's items that the incident doesn't have yet (by text), its labels and cadence; applying it again
    /// adds nothing. Returns the items added.
    @discardableResult
    public func applyPlaybook(_ number: Int, _ playbook: Playbook) throws(IncidentError) -> (actions: [ActionItem], criteria: [SuccessCriterion]) {
        try write { db in
            let incident = try loadIncident(number, db)
            var actions: [ActionItem] = [], criteria: [SuccessCriterion] = []
            var next = (incident.actions.map(\.number).max() ?? 0) + 1
            for action in playbook.actions where !incident.actions.contains(where: { SyncPlan.normalised($0.text) == SyncPlan.normalised(action.text) }) {
                let item = ActionItem(number: next, horizon: action.horizon, text: action.text, details: action.details, owner: action.owner)
                try insertAction(item, for: number, source: .cli, db)
                actions.append(item)
                next += 1
            }
            next = (incident.criteria.map(\.number).max() ?? 0) + 1
            for criterion in playbook.criteria where !incident.criteria.contains(where: { SyncPlan.normalised($0.text) == SyncPlan.normalised(criterion.text) }) {
                let item = SuccessCriterion(number: next, phase: criterion.phase, text: criterion.text)
                try insertCriterion(item, for: number, source: .cli, db)
                criteria.append(item)
                next += 1
            }
            try insertNames(playbook.labels.filter { !incident.labels.contains($0) }, into: .label, for: number, db)
            if let every = playbook.updateEvery {
                try db.execute(sql: "UPDATE incident SET updateEverySeconds = ? WHERE number = ?", arguments: [Int(every), number])
            }
            try AppliedPlaybookRecord(incidentNumber: number, name: playbook.name, appliedAt: clock()).insert(db, onConflict: .ignore)
            try touch(number, db)
            try log("applied playbook \(playbook.name): \(IncidentText.count(actions.count, "action")), \(IncidentText.count(criteria.count, "criterion", "criteria")) added", for: number, db)
            return (actions, criteria)
        }
    }

    /// The update cadence of each open incident, with its last update.
    public func cadence(of incident: Incident) throws(IncidentError) -> UpdateCadence? {
        UpdateCadence(incident: incident, lastUpdate: try lastUpdate(of: incident.number)?.at)
    }
}
