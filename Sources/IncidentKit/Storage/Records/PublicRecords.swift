import Foundation
import GRDB

/// A row of `publicUpdate`: a message for the people outside the response.
struct PublicUpdateRecord: StoredRecord {
    static let databaseTableName = "publicUpdate"
    var id: Int64?
    var incidentNumber: Int
    var at: Date
    var status: PublicStatus
    var text: String

    init(_ update: PublicUpdate, in incident: Int) {
        (id, incidentNumber, at, status, text) = (update.id, incident, update.at, update.status, update.text)
    }

    init(row: Row) throws {
        (id, incidentNumber, at) = try (row.decode(forColumn: "id"), row.decode(forColumn: "incidentNumber"), row.date("at"))
        (status, text) = try (row.decode(forColumn: "status"), row.decode(forColumn: "text"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["incidentNumber"], container["at"]) = (id, incidentNumber, at.unixTime)
        (container["status"], container["text"]) = (status, text)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var model: PublicUpdate { PublicUpdate(id: id, at: at, status: status, text: text) }
}

extension PublicUpdateRecord: IncidentChildRecord { static let orderColumn = "at, id" }

/// A row of `webhook`.
struct WebhookRecord: StoredRecord {
    static let databaseTableName = "webhook"
    var id: Int64?
    var url: String
    var format: WebhookFormat
    var addedAt: Date

    init(url: String, format: WebhookFormat, addedAt: Date) {
        (self.url, self.format, self.addedAt) = (url, format, addedAt)
    }

    init(row: Row) throws {
        (id, url) = try (row.decode(forColumn: "id"), row.decode(forColumn: "url"))
        (format, addedAt) = try (row.decode(forColumn: "format"), row.date("addedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["url"], container["format"], container["addedAt"]) = (id, url, format, addedAt.unixTime)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `webhookDelivery`: a notice one webhook has not accepted yet.
struct WebhookDeliveryRecord: StoredRecord {
    static let databaseTableName = "webhookDelivery"
    var id: Int64?
    var webhookId: Int64
    var incidentNumber: Int
    var createdAt: Date
    var payload: String
    var attempts: Int
    var lastError: String?

    init(webhookId: Int64, incidentNumber: Int, createdAt: Date, payload: String) {
        (self.webhookId, self.incidentNumber, self.createdAt, self.payload) = (webhookId, incidentNumber, createdAt, payload)
        attempts = 0
    }

    init(row: Row) throws {
        (id, webhookId, incidentNumber) = try (row.decode(forColumn: "id"), row.decode(forColumn: "webhookId"),
                                               row.decode(forColumn: "incidentNumber"))
        (createdAt, payload, attempts) = try (row.date("createdAt"), row.decode(forColumn: "payload"), row.decode(forColumn: "attempts"))
        lastError = try row.decode(forColumn: "lastError")
    }

    func encode(to container: inout PersistenceContainer) {
        (container["id"], container["webhookId"], container["incidentNumber"]) = (id, webhookId, incidentNumber)
        (container["createdAt"], container["payload"], container["attempts"]) = (createdAt.unixTime, payload, attempts)
        container["lastError"] = lastError
    }
}

extension PublicStatus: DatabaseValueConvertible {}
extension WebhookFormat: DatabaseValueConvertible {}
