import Foundation
import GRDB

/// A row of `githubLink`.
struct GitHubLinkRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "githubLink"
    var incidentNumber: Int
    var repo: String
    var issueNumber: Int
    var url: String
    var syncedAt: Date?

    init(_ link: GitHubLink, for incident: Int, syncedAt: Date?) {
        (incidentNumber, repo, issueNumber, url, self.syncedAt) = (incident, link.repo, link.number, link.url, syncedAt)
    }

    init(row: Row) throws {
        (incidentNumber, repo, issueNumber) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "repo"),
                                                   row.decode(forColumn: "issueNumber"))
        (url, syncedAt) = try (row.decode(forColumn: "url"), row.optionalDate("syncedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["repo"], container["issueNumber"]) = (incidentNumber, repo, issueNumber)
        (container["url"], container["syncedAt"]) = (url, syncedAt?.unixTime)
    }

    var model: GitHubLink { GitHubLink(repo: repo, number: issueNumber, url: url) }
}

/// A row of `githubSyncedItem`: one box as last seen on GitHub.
struct GitHubSyncedItemRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "githubSyncedItem"
    var incidentNumber: Int
    var itemKind: ItemKind
    var itemNumber: Int
    var done: Bool

    init(incidentNumber: Int, itemKind: ItemKind, itemNumber: Int, done: Bool) {
        (self.incidentNumber, self.itemKind, self.itemNumber, self.done) = (incidentNumber, itemKind, itemNumber, done)
    }

    init(row: Row) throws {
        (incidentNumber, itemKind) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "itemKind"))
        (itemNumber, done) = try (row.decode(forColumn: "itemNumber"), row.decode(forColumn: "done"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["itemKind"], container["itemNumber"], container["done"]) = (incidentNumber, itemKind, itemNumber, done)
    }
}

/// A row of `importSource`: an imported document (a path, or an issue URL) and the hash of its text.
struct ImportSourceRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "importSource"
    var source: String
    var incidentNumber: Int
    var contentHash: String
    var importedAt: Date

    init(source: String, incidentNumber: Int, contentHash: String, importedAt: Date) {
        (self.source, self.incidentNumber, self.contentHash, self.importedAt) = (source, incidentNumber, contentHash, importedAt)
    }

    init(row: Row) throws {
        (source, incidentNumber) = try (row.decode(forColumn: "source"), row.decode(forColumn: "incidentNumber"))
        (contentHash, importedAt) = try (row.decode(forColumn: "contentHash"), row.date("importedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["source"], container["incidentNumber"]) = (source, incidentNumber)
        (container["contentHash"], container["importedAt"]) = (contentHash, importedAt.unixTime)
    }
}

/// A row of `role`.
struct RoleRecord: IncidentChildRecord, PersistableRecord {
    static let databaseTableName = "role"
    static let orderColumn = "since"
    var incidentNumber: Int
    var role: String
    var who: String
    var since: Date

    init(_ role: Role, in incident: Int) {
        (incidentNumber, self.role, who, since) = (incident, role.role, role.who, role.since)
    }

    init(row: Row) throws {
        (incidentNumber, role) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "role"))
        (who, since) = try (row.decode(forColumn: "who"), row.date("since"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["role"], container["who"], container["since"]) = (incidentNumber, role, who, since.unixTime)
    }

    var model: Role { Role(role: role, who: who, since: since) }
}

/// A row of `appliedPlaybook`.
struct AppliedPlaybookRecord: IncidentChildRecord, PersistableRecord {
    static let databaseTableName = "appliedPlaybook"
    static let orderColumn = "appliedAt"
    var incidentNumber: Int
    var name: String
    var appliedAt: Date

    init(incidentNumber: Int, name: String, appliedAt: Date) {
        (self.incidentNumber, self.name, self.appliedAt) = (incidentNumber, name, appliedAt)
    }

    init(row: Row) throws {
        (incidentNumber, name, appliedAt) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "name"), row.date("appliedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["name"], container["appliedAt"]) = (incidentNumber, name, appliedAt.unixTime)
    }
}
