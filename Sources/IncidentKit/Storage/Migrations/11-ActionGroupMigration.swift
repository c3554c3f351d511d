import GRDB

/// Version 11: the named group an action item belongs to, as a checklist was split under its own headings
/// ("Initiate", "Assess", "Remediate"), so an import keeps the groups and a render shows them again.
enum ActionGroupMigration {
    static let identifier = "v11-action-groups"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE actionItem ADD COLUMN groupName TEXT CHECK (groupName IS NULL OR length(trim(groupName)) > 0);
            """)
    }
}
