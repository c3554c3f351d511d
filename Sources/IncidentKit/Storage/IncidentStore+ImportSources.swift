import Foundation
import GRDB

extension IncidentStore {
    /// The incident an earlier import of `source` made, and the hash of the text it read then.
    public func importedSource(_ source: String) throws(IncidentError) -> (incident: Int, hash: String)? {
        try read { db in
            try ImportSourceRecord.fetchOne(db, sql: "SELECT * FROM importSource WHERE source = ?", arguments: [source])
                .map { ($0.incidentNumber, $0.contentHash) }
        }
    }

    /// Stores an imported document as a new incident and remembers where it came from.
    public func importIncident(_ imported: Incident, source: String, hash: String) throws(IncidentError) -> Incident {
        let number = try write { db -> Int in
            let number = try insertImported(imported, db)
            try ImportSourceRecord(source: source, incidentNumber: number, contentHash: hash, importedAt: clock()).insert(db, onConflict: .replace)
            try setCurrent(number, db)
            try log("imported from \(source): \(imported.whys.count) whys, \(imported.timeline.count) timeline entries, "
                    + "\(imported.actions.count) actions, \(imported.criteria.count) criteria, \(imported.sections.count) sections", for: number, db)
            return number
        }
        return try incident(number)
    }

    /// Replaces incident `number`'s record with a new reading of its changed source, in one transaction; the
    /// number, the change log and the history of ticks stay.
    public func replaceImported(_ number: Int, with imported: Incident, source: String, hash: String) throws(IncidentError) -> Incident {
        try write { db in
            try requireIncident(number, db)
            try db.execute(sql: """
                UPDATE incident SET title = ?, severity = ?, status = ?, impact = ?, summary = ?, rootCause = ?, resolution = ?,
                declaredAt = ?, closedAt = ?, updatedAt = ? WHERE number = ?
                """, arguments: [imported.title, imported.severity, imported.status, imported.impact, imported.summary,
                                 imported.rootCause, imported.resolution, imported.declaredAt.unixTime, imported.closedAt?.unixTime,
                                 clock().unixTime, number])
            for table in ["label", "assignee", "service", "section", "why", "timelineEntry", "actionItem", "criterion", "role"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE incidentNumber = ?", arguments: [number])
            }
            try insertRows(of: imported, for: number, db)
            try ImportSourceRecord(source: source, incidentNumber: number, contentHash: hash, importedAt: clock()).insert(db, onConflict: .replace)
            try log("re-imported from \(source) (it changed)", for: number, db)
        }
        return try incident(number)
    }
}
