import Foundation
import GRDB

extension IncidentStore {
    /// Stores an imported record as a new incident, exactly as read (no entries of the tool's own), and makes it current.
    public func importIncident(_ imported: Incident, from source: String) throws(IncidentError) -> Incident {
        let number = try write { db -> Int in
            let number = try insertImported(imported, db)
            try setCurrent(number, db)
            try log("imported from \(source): \(IncidentText.count(imported.whys.count, "why")), \(IncidentText.count(imported.timeline.count, "timeline entry", "timeline entries")), "
                    + "\(IncidentText.count(imported.actions.count, "action")), \(IncidentText.count(imported.criteria.count, "criterion", "criteria")), \(IncidentText.count(imported.sections.count, "section"))", for: number, db)
            return number
        }
        return try incident(number)
    }

    /// Inserts an imported record and all its rows as a new incident (updated now, or at `updatedAt`); returns its number.
    func insertImported(_ imported: Incident, updatedAt: Date? = nil, _ db: Database) throws -> Int {
        let number = try insertIncident(imported, updatedAt: updatedAt, db)
        try insertRows(of: imported, for: number, db)
        return number
    }

    /// Every row of a record but its header, for incident `number` (new, or emptied for a re-import).
    func insertRows(of imported: Incident, for number: Int, _ db: Database) throws {
        try insertNames(imported.labels, into: .label, for: number, db)
        try insertNames(imported.assignees, into: .assignee, for: number, db)
        try insertServices(imported.services, for: number, db)
        try insertSections(imported.sections, for: number, db)
        for why in imported.whys { try insertWhy(why, for: number, db) }
        for entry in imported.timeline { try insertTimelineEntry(entry, for: number, db) }
        for action in imported.actions { try insertAction(action, for: number, source: .import, db) }
        for criterion in imported.criteria { try insertCriterion(criterion, for: number, source: .import, db) }
        for role in imported.roles { try RoleRecord(role, in: number).insert(db, onConflict: .replace) }
    }
}
