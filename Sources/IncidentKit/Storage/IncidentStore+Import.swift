import Foundation
import GRDB

extension IncidentStore {
    /// Stores an imported record as a new incident, exactly as read (no entries of the tool's own), and makes it current.
    public func importIncident(_ imported: Incident, from source: String) throws(IncidentError) -> Incident {
        let number = try write { db -> Int in
            try db.execute(sql: """
                INSERT INTO incident (title, severity, status, impact, summary, rootCause, resolution, declaredAt, updatedAt, closedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [imported.title, imported.severity.rawValue, imported.status.rawValue, imported.impact,
                                 imported.summary, imported.rootCause, imported.resolution, imported.declaredAt.unixTime,
                                 clock().unixTime, imported.closedAt?.unixTime])
            let number = Int(db.lastInsertedRowID)
            try insertNames(imported.labels, into: "label", for: number, db)
            try insertNames(imported.assignees, into: "assignee", for: number, db)
            try insertServices(imported.services, for: number, db)
            for (position, section) in imported.sections.enumerated() {
                try db.execute(sql: "INSERT INTO section (incidentNumber, position, title, markdown) VALUES (?, ?, ?, ?)",
                               arguments: [number, position + 1, section.title, section.markdown])
            }
            for why in imported.whys {
                try db.execute(sql: "INSERT INTO why (incidentNumber, number, text, parentNumber, isRootCause) VALUES (?, ?, ?, ?, ?)",
                               arguments: [number, why.number, why.text, why.parent, why.isRootCause])
            }
            for entry in imported.timeline { try insertTimelineEntry(entry, for: number, db) }
            for action in imported.actions {
                try db.execute(sql: """
                    INSERT INTO actionItem (incidentNumber, number, horizon, text, details, owner, dueAt, doneAt, doneBy)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [number, action.number, action.horizon.rawValue, action.text, action.details, action.owner,
                                     action.due?.unixTime, action.doneAt?.unixTime, action.doneBy])
            }
            for criterion in imported.criteria {
                try db.execute(sql: "INSERT INTO criterion (incidentNumber, number, phase, text, metAt, metBy) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [number, criterion.number, criterion.phase.rawValue, criterion.text,
                                           criterion.metAt?.unixTime, criterion.metBy])
            }
            try setCurrent(number, db)
            try log("imported from \(source): \(imported.whys.count) whys, \(imported.timeline.count) timeline entries, "
                    + "\(imported.actions.count) actions, \(imported.criteria.count) criteria, \(imported.sections.count) sections", for: number, db)
            return number
        }
        return try incident(number)
    }
}
