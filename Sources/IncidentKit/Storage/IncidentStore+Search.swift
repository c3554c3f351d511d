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
    /// Incidents whose text matches `query` (FTS5 syntax honoured; a query that isn't valid FTS5 is read as plain
    /// words), best first.
    public func search(_ query: String, limit: Int) throws(IncidentError) -> [SearchHit] {
        do {
            return try searchRows(query, limit: limit)
        } catch {
            // FTS5 refuses what isn't its syntax (an unbalanced quote, a stray NEAR): read the query as plain words.
            guard case .storageFailure = error else { throw error }
            return try searchRows(Self.plainWords(query), limit: limit)
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
