import GRDB

/// Version 16: the constant lists of more than two values that rows written by the thousand are checked against
/// (an incident's status, a timeline entry's kind and the milestone triggers' kinds, an action's horizon, an item
/// event's source) are spelled out as `x = 'a' OR x = 'b' …`, which SQLite evaluates in place. For a constant
/// `x IN (…)` of more than two values it builds a temporary table every time a statement evaluates the list, that
/// is for every row an import inserts. The constraints mean the same. SQLite can't change a CHECK in place, so each
/// table is rebuilt (`TableRebuild`).
enum InPlaceCheckMigration {
    static let identifier = "v16-in-place-checks"

    /// The tables and the column whose list each spells out; the other lists have two values or are written rarely.
    static let checks: [(table: String, column: String)] = [
        ("incident", "status"), ("timelineEntry", "kind"), ("actionItem", "horizon"), ("itemEvent", "source"),
    ]

    /// The triggers whose `WHEN` tests a list, and the expressions it tests.
    static let triggers: [(name: String, expressions: [String])] = [
        ("timelineEntryMilestonesInsert", ["NEW.kind"]),
        ("timelineEntryMilestonesUpdate", ["NEW.kind", "OLD.kind"]),
        ("timelineEntryMilestonesDelete", ["OLD.kind"]),
    ]

    static func migrate(_ db: Database) throws {
        for (table, column) in checks {
            try TableRebuild.rebuild(table, in: db) { sql in try TableRebuild.spellOut(column, in: sql) }
        }
        for (name, expressions) in triggers {
            guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                arguments: [name]) else { throw TableRebuild.UnexpectedSchema(name: name) }
            var spelled = sql
            for expression in expressions { spelled = try TableRebuild.spellOut(expression, in: spelled) }
            try db.execute(sql: "DROP TRIGGER \(name)")
            try db.execute(sql: spelled)
        }
    }
}
