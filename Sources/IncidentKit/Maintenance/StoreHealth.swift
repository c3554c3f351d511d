import Foundation

/// Something the doctor found wrong with a database, and how to put it right.
public struct StoreFinding: Equatable, Sendable {
    /// The way out: a repair the doctor makes, or a backup.
    public enum Repair: String, CaseIterable, Sendable {
        /// Recreate missing indexes and triggers, rebuild every index and search index.
        case reindex
        /// Remove rows that belong to nothing and a current incident that is gone.
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

/// What the doctor looked at, and what it found.
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
