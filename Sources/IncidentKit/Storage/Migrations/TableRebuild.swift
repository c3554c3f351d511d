import Foundation
import GRDB

/// A change ALTER TABLE can't make (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"),
/// keeping the table's name, rows, rowids, AUTOINCREMENT counter, indexes and triggers.
enum TableRebuild {
    /// The schema didn't hold what a migration rewrites: a table or trigger missing, or its text not as written.
    struct UnexpectedSchema: Error, CustomStringConvertible {
        let name: String
        var sql = ""
        var description: String { "the schema of \(name) is not the one this migration rewrites: \(sql)" }
    }

    /// Rebuilds `table` from its own `CREATE TABLE` text with `edit` applied: its rows are copied aside, the table
    /// dropped (with its indexes and triggers) and created again under its name, so foreign keys, views and other
    /// tables' triggers that name it name the new one (the migrator runs with foreign keys off, so the drop deletes
    /// nothing else). Renaming tables instead, as SQLite's guide does, re-reads every object of the schema each time.
    /// Rows are copied as they are: a value someone forced past a constraint stays for `incident doctor` to name,
    /// instead of making the upgrade fail.
    static func rebuild(_ table: String, in db: Database, edit: (String) throws -> String) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                            arguments: [table]) else { throw UnexpectedSchema(name: table) }
        let rebuilt = try edit(sql)
        // Indexes SQLite made for a PRIMARY KEY or UNIQUE have no text: it makes them again from the table's.
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid
            """, arguments: [table])
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
        let ignoreChecks = try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints") ?? false
        try db.execute(sql: """
            CREATE TEMP TABLE rebuiltRows AS SELECT * FROM main.\(table);
            DROP TABLE main.\(table);
            \(rebuilt);
            PRAGMA ignore_check_constraints = ON;
            INSERT INTO main.\(table) SELECT * FROM temp.rebuiltRows;
            PRAGMA ignore_check_constraints = \(ignoreChecks ? "ON" : "OFF");
            DROP TABLE temp.rebuiltRows;
            """)
        // The counter may be past the last row (the newest incident was deleted): numbers are never given twice.
        if let sequence {
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table])
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, sequence])
        }
        for dependent in dependents { try db.execute(sql: dependent) }
    }

    /// `sql` with its one `expression IN ('a', 'b', …)` written as `expression = 'a' OR expression = 'b' OR …`: the
    /// same truth for every value, NULL included, with the same affinity and collation (each is an `=` comparison).
    /// Parenthesized unless the list is already all of its parentheses (a CHECK's).
    static func spellOut(_ expression: String, in sql: String) throws -> String {
        let found = occurrences(of: "\(expression) IN (", in: sql)
        guard found.count == 1, let start = found.first,
              let close = sql[start.upperBound...].firstIndex(of: ")") else { throw UnexpectedSchema(name: expression, sql: sql) }
        let values = sql[start.upperBound..<close].split(separator: ",").map { String($0).trimmingSpaces() }
        guard values.count > 2, values.allSatisfy(isConstant) else { throw UnexpectedSchema(name: expression, sql: sql) }
        let disjunction = values.map { "\(expression) = \($0)" }.joined(separator: " OR ")
        let after = sql.index(after: close)
        let enclosed = sql[..<start.lowerBound].hasSuffix("(") && sql[after...].hasPrefix(")")
        return sql[..<start.lowerBound] + (enclosed ? disjunction : "(\(disjunction))") + sql[after...]
    }

    /// Where `pattern` starts a name: `status IN (` is not found inside `toStatus IN (`.
    private static func occurrences(of pattern: String, in sql: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var rest = sql.startIndex..<sql.endIndex
        while let range = sql.range(of: pattern, range: rest) {
            let before = range.lowerBound == sql.startIndex ? " " : sql[sql.index(before: range.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_" || before == ".") { found.append(range) }
            rest = range.upperBound..<sql.endIndex
        }
        return found
    }

    /// A quoted text without quotes inside, or an integer.
    private static func isConstant(_ value: String) -> Bool {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return !value.dropFirst().dropLast().contains("'") }
        return !value.isEmpty && value.allSatisfy { ("0"..."9").contains($0) }
    }
}
