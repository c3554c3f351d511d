import Foundation
import GRDB

extension IncidentStore {
    /// Every source imported before, by key: the incident its import made and the hash of the text it read then.
    ///
    /// Read once for a whole archive, not once per document: a read between two writes ends with GRDB's
    /// `PRAGMA query_only = 0`, which expires every prepared statement (SQLite recompiles flag pragmas' callers),
    /// so each document's inserts were compiled again, triggers and all.
    public func importedSources() throws(IncidentError) -> [String: (incident: Int, hash: String)] {
        try read { db in
            guard hasSchema else { return [:] }
            var sources: [String: (incident: Int, hash: String)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT source, incidentNumber, contentHash FROM importSource")
            while let row = try rows.next() { sources[try row.decode(atIndex: 0)] = (try row.decode(atIndex: 1), try row.decode(atIndex: 2)) }
            return sources
        }
    }

    /// Stores an imported document as a new incident and remembers where it came from; returns it as stored, read
    /// back in the same transaction.
    public func importIncident(_ imported: Incident, source: String, hash: String) throws(IncidentError) -> Incident {
        try write { db in
            let number = try insertImported(imported, db)
            try ImportSourceRecord(source: source, incidentNumber: number, contentHash: hash, importedAt: clock()).insert(db, onConflict: .replace)
            try setCurrent(number, db)
            try log("imported from \(source): \(imported.whys.count) whys, \(imported.timeline.count) timeline entries, "
                    + "\(imported.actions.count) actions, \(imported.criteria.count) criteria, \(imported.sections.count) sections", for: number, db)
            return try loadIncident(number, db)
        }
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
            return try loadIncident(number, db)
        }
    }
}
