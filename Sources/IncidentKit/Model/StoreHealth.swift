import Foundation

/// Something `incident doctor` found wrong with a database, and how to put it right.
public struct StoreFinding: Equatable, Sendable {
    /// The way out: a repair the doctor makes, or a backup.
    public enum Repair: String, CaseIterable, Sendable {
        /// `incident doctor --reindex`: recreate missing indexes and triggers, rebuild every index and search index.
        case reindex
        /// `incident doctor --prune`: remove rows that belong to nothing and a current incident that is gone.
        case prune
        /// Nothing the doctor can safely do: restore a backup or salvage with `sqlite3 .recover`.
        case restore
        /// A trigger, view, table or index the tool did not create: the user removes it, having looked at it.
        case removeForeign
    }

    /// The check that found it: `integrity_check`, `foreign_key_check`, `schema`, `orphaned rows`, `search index`.
    public var check: String
    /// One sentence: what is wrong.
    public var problem: String
    /// SQLite's own lines about it, when it gave some.
    public var details: [String]
    public var repair: Repair

    public init(check: String, problem: String, details: [String] = [], repair: Repair) {
        self.check = check
        self.problem = problem
        self.details = details
        self.repair = repair
    }
}

extension StoreFinding.Repair {
    /// What to type (or do) about it, for a database at `path`.
    public func hint(for path: String) -> String {
        switch self {
        case .reindex: "incident doctor --reindex (rebuilds indexes and triggers from the tables and the schema; no record is lost)"
        case .prune: "incident doctor --prune (removes what belongs to no incident; the change log is kept)"
        case .removeForeign:
            "look at it (sqlite3 \(path) .schema), then remove it (sqlite3 \(path) \"DROP TRIGGER name\", or DROP VIEW, TABLE, INDEX), or restore a backup"
        case .restore:
            "restore a backup (`incident backup` takes one), or salvage what is readable: sqlite3 \(path) .recover | sqlite3 recovered.sqlite"
        }
    }
}

/// What `incident doctor` looked at, and what it found.
public struct StoreDiagnosis: Equatable, Sendable {
    /// The migrations the database has applied, in order.
    public var appliedMigrations: [String]
    /// The migrations this build of `incident` knows, in order.
    public var knownMigrations: [String]
    public var incidentCount: Int
    public var changeCount: Int
    /// Full-text search tables that were checked (none until the schema has one).
    public var searchIndexes: [String]
    public var findings: [StoreFinding]
    /// False when SQLite could not read the file at all; only `integrity_check` then has a finding, the rest were not run.
    public var isReadable = true

    public var isHealthy: Bool { findings.isEmpty }
}

/// What `incident backup` wrote.
public struct BackupResult: Equatable, Sendable {
    public var path: String
    public var bytes: Int
    public var incidentCount: Int
}
