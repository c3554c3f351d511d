import Foundation
import GRDB

extension IncidentStore {
    /// Every source imported before, by key: the incident its import made and the hash of the text it read then.
    ///
    /// Read once for a whole archive, not once per document: a read between two writes ends with GRDB's
    /// `PRAGMA query_only = 0`, and changing a flag pragma makes SQLite expire every prepared statement, so each
    /// document's inserts were compiled again, triggers and all.
    public func importedSources() throws(IncidentError) -> [String: (incident: Int, hash: String)] {
        try read { db in
            guard hasSchema else { return [:] }
            var sources: [String: (incident: Int, hash: String)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT source, incidentNumber, contentHash FROM importSource")
            while let row = try rows.next() { sources[try row.decode(atIndex: 0)] = (try row.decode(atIndex: 1), try row.decode(atIndex: 2)) }
            return sources
        }
    }

    /// Stores an imported document as a new incident and remembers where it came from; returns it as stored.
    public func importIncident(_ imported: Incident, source: String, hash: String) throws(IncidentError) -> Incident {
        try importIncidents([(imported, source, hash)])[0].get()
    }

    /// Stores imported documents as new incidents in one transaction, each in a savepoint of its own, so that one that
    /// can't be stored leaves the others stored; returns each as stored, or why it wasn't. An archive goes in groups:
    /// a commit per document wrote every page it touched to the log again (and synced it).
    public func importIncidents(_ documents: [(incident: Incident, source: String, hash: String)])
        throws(IncidentError) -> [Result<Incident, IncidentError>] {
        // Each document's savepoint journal stays in memory instead of a temporary file written call by call; set here,
        // for bulk imports only, so other commands don't pay for the statement.
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        } catch {
            throw mapError(error)
        }
        return try write { db in
            documents.map { document in
                do {
                    var stored: Incident?
                    try db.inSavepoint {
                        stored = try insertImported(document.incident, source: document.source, hash: document.hash, db)
                        return .commit
                    }
                    guard let stored else { throw IncidentError.storageFailure("the import of \(document.source) stored nothing") }
                    return .success(stored)
                } catch {
                    return .failure(mapError(error))
                }
            }
        }
    }

    /// The incident returned is built from what was written, as `declare` does, rather than read back: reading each
    /// document's incident back cost an archive import as much as writing it.
    private func insertImported(_ imported: Incident, source: String, hash: String, _ db: Database) throws -> Incident {
        var stored = imported
        stored.updatedAt = clock()
        // As the rows hold them: a name once (the tables ignore a repeat), roles in their order.
        stored.labels = imported.labels.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        stored.assignees = imported.assignees.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        stored.roles = Role.sorted(imported.roles)
        stored.number = try insertImported(imported, updatedAt: stored.updatedAt, db)
        let number = stored.number
        try ImportSourceRecord(source: source, incidentNumber: number, contentHash: hash, importedAt: clock()).insert(db, onConflict: .replace)
        try setCurrent(number, db)
        try log("imported from \(source): \(IncidentText.count(imported.whys.count, "why")), \(IncidentText.count(imported.timeline.count, "timeline entry", "timeline entries")), "
                + "\(IncidentText.count(imported.actions.count, "action")), \(IncidentText.count(imported.criteria.count, "criterion", "criteria")), \(IncidentText.count(imported.sections.count, "section"))", for: number, db)
        return stored
    }

    /// Replaces incident `number`'s record with a new reading of its changed source, in one transaction; the
    /// number, the change log and the history of ticks stay.
    public func replaceImported(_ number: Int, with imported: Incident, source: String, hash: String) throws(IncidentError) -> Incident {
        try write { db in
            try requireIncident(number, db)
            var header = imported
            header.number = number
            try updateHeader(header, fields: IncidentField.allCases.filter { $0.reimport != .kept },
                             keptWhenAbsent: IncidentField.allCases.filter { $0.reimport == .replacedWhenNamed }, updatedAt: clock(), db)
            for table in ["label", "assignee", "service", "section", "why", "timelineEntry", "actionItem", "criterion", "role"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE incidentNumber = ?", arguments: [number])
            }
            try insertRows(of: imported, for: number, db)
            try keepIdentities(of: number, db)
            try ImportSourceRecord(source: source, incidentNumber: number, contentHash: hash, importedAt: clock()).insert(db, onConflict: .replace)
            try log("re-imported from \(source) (it changed)", for: number, db)
            return try loadIncident(number, db)
        }
    }
}
