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

    /// The boxes of the incident's issue as this machine last saw them on GitHub (empty before the first sync).
    public func syncedState(of number: Int) throws(IncidentError) -> SyncedState {
        try read { db in
            let rows = try GitHubSyncedItemRecord.fetchAll(db, sql: "SELECT * FROM githubSyncedItem WHERE incidentNumber = ?",
                                                           arguments: [number])
            return Dictionary(rows.map { (ItemKey($0.itemKind, $0.itemNumber), $0.done) }, uniquingKeysWith: { first, _ in first })
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

    /// Records a sync with the incident's GitHub issue in one transaction: links it (the first time), applies the
    /// boxes changed there, and remembers `synced` as the state last seen there (and the repository's visibility,
    /// when it was just learned). `summary` goes into the log.
    public func recordGitHubSync(_ number: Int, link: GitHubLink, changes: [SyncPlan.Change], synced: SyncedState,
                                 summary: String, learned visibility: RepositoryVisibility? = nil) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            if let visibility { try Self.remember(visibility, of: link.repo, db) }
            for change in changes {
                try setDone(change.kind, change.number, change.done, text: change.text, in: number, source: .sync,
                            note: "from GitHub \(link.reference)", db)
            }
            try saveLink(link, synced: synced, for: number, db)
            if !changes.isEmpty { try touch(number, db) }
            try log(summary, for: number, db)
        }
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
        try SettingRecord(key: settingKey(repo), value: visibility.rawValue).insert(db, onConflict: .replace)
    }

    private func saveLink(_ link: GitHubLink, synced: SyncedState, for number: Int, _ db: Database) throws {
        try GitHubLinkRecord(link, for: number, syncedAt: clock()).insert(db, onConflict: .replace)
        try db.execute(sql: "DELETE FROM githubSyncedItem WHERE incidentNumber = ?", arguments: [number])
        for (key, done) in synced where key.kind != .why {
            try GitHubSyncedItemRecord(incidentNumber: number, itemKind: key.kind, itemNumber: key.number, done: done).insert(db)
        }
    }
}
