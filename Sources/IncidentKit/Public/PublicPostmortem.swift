import Foundation

extension Incident {
    /// The record as a public postmortem shows it: no internal sections and no people (assignees, roles and their
    /// handovers in the timeline, action owners, who ticked what); the public title when it has one.
    public var publicPostmortem: Incident {
        var copy = self
        if let publicTitle { copy.title = publicTitle }
        copy.sections = sections.filter { !$0.isInternal }
        copy.assignees = []
        copy.roles = []
        // Recorded notes are role changes ("commander: alice → bob"); the declaration names the internal title.
        copy.timeline = timeline.filter { $0.kind != .note || $0.isManual }.map { entry in
            var entry = entry
            if entry.kind == .declared, !entry.isManual { entry.text = "Declared \(severity.label)" }
            return entry
        }
        copy.actions = actions.map { action in
            var action = action
            action.owner = nil
            action.doneBy = nil
            return action
        }
        copy.criteria = criteria.map { criterion in
            var criterion = criterion
            criterion.metBy = nil
            return criterion
        }
        copy.github = nil
        return copy
    }
}
