import Foundation
import GRDB

extension IncidentStore {
    /// The incident published to issue `number` of `repo`, if one is linked here.
    public func incidentLinked(to repo: String, number: Int) throws(IncidentError) -> Int? {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT incidentNumber FROM githubLink WHERE repo = ? COLLATE NOCASE AND issueNumber = ?",
                             arguments: [repo, number])
        }
    }

    /// The visibility of `repo` as this machine last learned it from GitHub, if it has asked.
    public func visibility(of repo: String) throws(IncidentError) -> RepositoryVisibility? {
        try read { db in
            guard hasSchema else { return nil }
            return try Self.visibility(of: repo, db)
        }
    }

    /// Remembers the visibility GitHub gave for `repo`, so it is asked once per repository.
    public func rememberVisibility(_ visibility: RepositoryVisibility, of repo: String) throws(IncidentError) {
        try write { db in try Self.remember(visibility, of: repo, db) }
    }

    /// Creates an incident from a GitHub issue (a second responder joining), linked to it, and makes it current.
    public func importIncident(_ imported: Incident, fromIssue link: GitHubLink, synced: SyncedState,
                               learned visibility: RepositoryVisibility? = nil) throws(IncidentError) -> Incident {
        let number = try write { db -> Int in
            if let visibility { try Self.remember(visibility, of: link.repo, db) }
            let number = try insertImported(imported, db)
            try saveLink(link, synced: synced, for: number, db)
            try setCurrent(number, db)
            try log("joined from GitHub \(link.reference): \(imported.actions.count) actions, \(imported.criteria.count) criteria",
                    for: number, db)
            return number
        }
        return try incident(number)
    }

    /// Visibilities live in `setting`, one key per repository (names compare case-insensitively, as on GitHub).
    private static func settingKey(_ repo: String) -> String { "github-visibility:" + repo.lowercased() }

    static func visibility(of repo: String, _ db: Database) throws -> RepositoryVisibility? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [settingKey(repo)])
            .flatMap(RepositoryVisibility.init(rawValue:))
    }

    static func remember(_ visibility: RepositoryVisibility, of repo: String, _ db: Database) throws {
        try SettingRecord.store(settingKey(repo), visibility.rawValue, db)
    }

    private func saveLink(_ link: GitHubLink, synced: SyncedState, for number: Int, _ db: Database) throws {
        try GitHubLinkRecord(link, for: number, syncedAt: clock()).insert(db, onConflict: .replace)
        try db.execute(sql: "DELETE FROM githubSyncedItem WHERE incidentNumber = ?", arguments: [number])
        for (key, done) in synced where key.kind != .why {
            try GitHubSyncedItemRecord(incidentNumber: number, itemKind: key.kind, itemNumber: key.number, done: done).insert(db)
        }
    }
}
