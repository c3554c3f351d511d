import Foundation
import GRDB

/// One incident found by `incident search`.
public struct SearchHit: Sendable {
    public var incident: Incident
    /// The best passage, with each match between \u{1} and \u{2} (the caller chooses how to show them).
    public var snippet: String
    /// bm25: lower is a better match.
    public var rank: Double
}

extension IncidentStore {
    /// Rebuilds the search row of each incident noted in `searchPending` since the index was last brought up to
    /// date, once each, and forgets the notes.
    static func refreshSearch(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM searchPending)") == true else { return }
        try db.execute(sql: """
            DELETE FROM incidentSearch WHERE rowid IN (SELECT incidentNumber FROM searchPending);
            INSERT INTO incidentSearch(rowid, title, body) SELECT number, title, body FROM incidentSearchText
                WHERE number IN (SELECT incidentNumber FROM searchPending);
            DELETE FROM searchPending;
            """)
    }

    /// Brings the search index up to date before a search: writes only note which incidents changed, so that adding
    /// an item costs the same on an incident of 5 items as on one of 5,000. Returns how many incidents could not be
    /// re-indexed (the file is read-only to this user): their newest text is not searched.
    func bringSearchUpToDate() throws(IncidentError) -> Int {
        guard appliedMigrations.contains(DeferredSearchMigration.identifier) else { return 0 }
        let pending = try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchPending") ?? 0 }
        guard pending > 0 else { return 0 }
        do {
            // Read commands open an existing file read-write too (see `openFile`), so the upkeep goes through the same
            // connection; only a file this user can't write refuses it.
            try writer.write { db in try Self.refreshSearch(db) }
            return 0
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode) {
            return pending
        } catch {
            throw mapError(error)
        }
    }

    /// Incidents whose text matches `query` (FTS5 syntax honoured; a query that isn't valid FTS5 is read as plain
    /// words), best first, after bringing the index up to date; and how many incidents' newest text could not be
    /// indexed (see `bringSearchUpToDate`).
    public func search(_ query: String, limit: Int) throws(IncidentError) -> (hits: [SearchHit], notSearched: Int) {
        let notSearched = try bringSearchUpToDate()
        do {
            return (try searchRows(query, limit: limit), notSearched)
        } catch {
            // FTS5 refuses what isn't its syntax (an unbalanced quote, a stray NEAR): read the query as plain words.
            guard case .storageFailure = error else { throw error }
            return (try searchRows(Self.plainWords(query), limit: limit), notSearched)
        }
    }

    private func searchRows(_ match: String, limit: Int) throws(IncidentError) -> [SearchHit] {
        guard !match.trimmingSpaces().isEmpty else { return [] }
        return try read { db in
            guard hasSchema else { return [] }
            // FTS5 ranks inside its own query (ORDER BY rank LIMIT n keeps only the best n); the join and the
            // snippets are made for those alone.
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.*, hits.searchSnippet, hits.searchRank FROM (
                    SELECT rowid, snippet(incidentSearch, -1, char(1), char(2), '…', 16) AS searchSnippet, rank AS searchRank
                    FROM incidentSearch WHERE incidentSearch MATCH ? ORDER BY rank LIMIT ?
                ) AS hits JOIN incident AS i ON i.number = hits.rowid ORDER BY hits.searchRank
                """, arguments: [match, limit])
            return try rows.map { row in
                SearchHit(incident: try IncidentRecord(row: row).model(), snippet: try row.decode(forColumn: "searchSnippet"),
                          rank: try row.decode(forColumn: "searchRank"))
            }
        }
    }

    /// `vpc "conn*` → `"vpc" "conn"`: every word quoted, so nothing in it is FTS5 syntax.
    static func plainWords(_ query: String) -> String {
        query.split(whereSeparator: { $0.isWhitespace }).map { word in
            let cleaned = word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            return cleaned.isEmpty ? "" : "\"" + cleaned + "\""
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
