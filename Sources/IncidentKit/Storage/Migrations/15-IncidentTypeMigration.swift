import GRDB

/// Version 15: the incident's type, one lowercase word (`security`, `data-loss`), or none. The CHECK is the rule
/// `IncidentType.isValid` holds typed text to, so no other writer can store a type the tool would refuse.
enum IncidentTypeMigration {
    static let identifier = "v15-incident-type"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE incident ADD COLUMN type TEXT CHECK (type IS NULL OR (length(type) BETWEEN 1 AND 32
                AND type GLOB '[a-z]*' AND NOT type GLOB '*[^a-z0-9-]*'));
            """)
    }
}
