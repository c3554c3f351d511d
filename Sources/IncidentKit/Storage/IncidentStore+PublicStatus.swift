import Foundation
import GRDB

extension IncidentStore {
    /// Records a public update on a public incident, with the public state it is in now, and queues a notice of it for
    /// every webhook (`notice` writes the payload in each webhook's format), in one transaction.
    public func recordPublicUpdate(_ number: Int, text: String, at: Date,
                                   notice: (Incident, PublicUpdate, WebhookFormat) -> String) throws(IncidentError) -> PublicUpdate {
        try write { db in
            let incident = try loadIncident(number, db)
            guard incident.isPublic else { throw IncidentError.notPublic(number) }
            var record = PublicUpdateRecord(PublicUpdate(at: at, status: PublicStatus(incident.status), text: text), in: number)
            try record.insert(db)
            let update = record.model
            try queue({ notice(incident, update, $0) }, for: number, at: at, db)
            try touch(number, db)
            try log("posted public update (\(update.status.rawValue)) \"\(text)\"", for: number, db)
            return update
        }
    }

    /// Queues a notice for every webhook (`payload` writes it in each webhook's format); nothing when there are none.
    public func queueNotice(for number: Int, at: Date, payload: (WebhookFormat) -> String) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            try queue(payload, for: number, at: at, db)
        }
    }

    /// Incidents shown on the status page, whole, newest first.
    public func publicIncidents() throws(IncidentError) -> [Incident] {
        try read { db in
            guard hasSchema else { return [] }
            return try IncidentRecord.fetchAll(db, sql: "SELECT * FROM incident WHERE isPublic = 1 ORDER BY number DESC")
                .map { try loadChildren(of: $0.model(), db) }
        }
    }

    private func queue(_ payload: (WebhookFormat) -> String, for number: Int, at: Date, _ db: Database) throws {
        for webhook in try WebhookRecord.fetchAll(db, sql: "SELECT * FROM webhook ORDER BY id") {
            guard let id = webhook.id else { continue }
            var delivery = WebhookDeliveryRecord(webhookId: id, incidentNumber: number, createdAt: at, payload: payload(webhook.format))
            try delivery.insert(db)
        }
    }
}

extension IncidentStore {
    /// Adds a webhook whose URL passes `Webhook.checkedURL` (http or https, nothing a shell or curl could read as
    /// more); one already added (the same URL) is refused.
    public func addWebhook(url typed: String, format: WebhookFormat) throws(IncidentError) -> Webhook {
        let url = try Webhook.checkedURL(typed)
        return try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM webhook WHERE url = ?", arguments: [url]) == true {
                throw IncidentError.webhookExists(url)
            }
            var record = WebhookRecord(url: url, format: format, addedAt: clock())
            try record.insert(db)
            try log("added webhook \(record.id ?? 0) (\(format.rawValue)) \(url)", for: nil, db)
            return Webhook(id: Int(record.id ?? 0), url: url, format: format, addedAt: record.addedAt)
        }
    }

    /// The webhooks, in the order they were added, each with its undelivered notices and their last error.
    public func webhooks() throws(IncidentError) -> [Webhook] {
        try read { db in
            guard hasSchema else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT w.*, (SELECT COUNT(*) FROM webhookDelivery d WHERE d.webhookId = w.id) AS pending,
                       (SELECT lastError FROM webhookDelivery d WHERE d.webhookId = w.id AND lastError IS NOT NULL
                        ORDER BY id DESC LIMIT 1) AS lastError
                FROM webhook w ORDER BY w.id
                """).map { row in
                let record = try WebhookRecord(row: row)
                return Webhook(id: Int(record.id ?? 0), url: record.url, format: record.format, addedAt: record.addedAt,
                               pending: row["pending"], lastError: row["lastError"])
            }
        }
    }

    /// Removes the webhook with this number or URL, with its undelivered notices.
    public func removeWebhook(_ selector: String) throws(IncidentError) -> Webhook {
        let all = try webhooks()
        guard let webhook = all.first(where: { String($0.id) == selector || $0.url == selector }) else {
            throw .unknownWebhook(selector)
        }
        try write { db in
            _ = try WebhookRecord.deleteOne(db, key: webhook.id)
            try log("removed webhook \(webhook.id) \(webhook.url)", for: nil, db)
        }
        return webhook
    }

    /// Notices no webhook has accepted yet, oldest first.
    public func pendingDeliveries() throws(IncidentError) -> [WebhookDelivery] {
        try read { db in
            guard hasSchema else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT d.id AS deliveryId, d.incidentNumber, d.payload, d.attempts, w.*
                FROM webhookDelivery d JOIN webhook w ON w.id = d.webhookId ORDER BY d.id
                """).map { row in
                let webhook = try WebhookRecord(row: row)
                return WebhookDelivery(id: row["deliveryId"], webhook: Webhook(id: Int(webhook.id ?? 0), url: webhook.url,
                                                                               format: webhook.format, addedAt: webhook.addedAt),
                                       incidentNumber: row["incidentNumber"], payload: row["payload"], attempts: row["attempts"])
            }
        }
    }

    /// Forgets a notice its webhook accepted (nil `error`), or records why it didn't.
    public func recordAttempt(_ delivery: Int64, error: String?) throws(IncidentError) {
        try write { db in
            if let error {
                try db.execute(sql: "UPDATE webhookDelivery SET attempts = attempts + 1, lastError = ? WHERE id = ?",
                               arguments: [error, delivery])
            } else {
                try db.execute(sql: "DELETE FROM webhookDelivery WHERE id = ?", arguments: [delivery])
            }
        }
    }
}
