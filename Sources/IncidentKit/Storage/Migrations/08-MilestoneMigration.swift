import Foundation
import GRDB

/// Version 8: each incident's first response milestones as columns, kept by triggers on the timeline, so `incident
/// stats` reads one row per incident instead of every timeline entry, which a long history has many of.
enum MilestoneMigration {
    static let columns: [(column: String, kind: String)] = [
        ("impactStartedAt", "impact-started"), ("detectedAt", "detected"), ("acknowledgedAt", "acknowledged"),
        ("mitigatedAt", "mitigated"), ("resolvedAt", "resolved"),
    ]

    static func migrate(_ db: Database) throws {
        for (column, _) in columns { try db.execute(sql: "ALTER TABLE incident ADD COLUMN \(column) REAL") }
        try db.execute(sql: "UPDATE incident AS i SET " + assignments(for: "i.number"))
        // Covers both queries of `incident stats` (counts, milestones): read from a compact index, not the wide rows.
        try db.execute(sql: """
            CREATE INDEX incidentHistory ON incident(declaredAt, severity, status, \(columns.map(\.column).joined(separator: ", ")))
            """)
        let kinds = columns.map { "'\($0.kind)'" }.joined(separator: ", ")
        let refresh = { (row: String) in "UPDATE incident SET \(assignments(for: "\(row).incidentNumber")) WHERE number = \(row).incidentNumber;" }
        try db.execute(sql: """
            CREATE TRIGGER timelineEntryMilestonesInsert AFTER INSERT ON timelineEntry WHEN NEW.kind IN (\(kinds))
                BEGIN \(refresh("NEW")) END;
            CREATE TRIGGER timelineEntryMilestonesUpdate AFTER UPDATE ON timelineEntry WHEN NEW.kind IN (\(kinds)) OR OLD.kind IN (\(kinds))
                BEGIN \(refresh("OLD")) \(refresh("NEW")) END;
            CREATE TRIGGER timelineEntryMilestonesDelete AFTER DELETE ON timelineEntry WHEN OLD.kind IN (\(kinds))
                BEGIN \(refresh("OLD")) END;
            """)
    }

    /// `impactStartedAt = (first impact-started entry), …` for the incident `key` names.
    static func assignments(for key: String) -> String {
        columns.map { "\($0.column) = (SELECT MIN(at) FROM timelineEntry WHERE incidentNumber = \(key) AND kind = '\($0.kind)')" }
            .joined(separator: ", ")
    }
}
