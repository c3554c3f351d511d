import Foundation

/// Public updates and notices to chat: records what was said, queues a notice for every webhook in the same
/// transaction, then sends every notice still waiting (older ones first, so a webhook that was down catches up).
public struct Notifier: Sendable {
    let store: IncidentStore
    let sender: any WebhookSending

    public init(store: IncidentStore, sender: any WebhookSending = CurlSender()) {
        self.store = store
        self.sender = sender
    }

    /// What happened to the notices sent: how many were accepted, and each refusal (kept to retry on the next update).
    public struct Report: Sendable {
        public var delivered = 0
        public var failures: [Failure] = []

        public struct Failure: Sendable {
            public var webhook: Webhook
            public var reason: String
            /// How many notices this webhook still has to take.
            public var waiting: Int
        }
    }

    /// Records a public update on incident `number` and sends it to the webhooks.
    public func postPublicUpdate(_ number: Int, text: String, at: Date) throws(IncidentError) -> (PublicUpdate, Report) {
        let update = try store.recordPublicUpdate(number, text: text, at: at) { incident, update, format in
            Notice(public: update, of: incident).payload(format)
        }
        return (update, try deliverPending())
    }

    /// Queues and sends a notice of the checklist update `text` of `incident`.
    public func announce(checklistUpdate text: String, of incident: Incident, at: Date) throws(IncidentError) -> Report {
        let notice = Notice(checklistUpdate: text, of: incident, at: at)
        try store.queueNotice(for: incident.number, at: at) { notice.payload($0) }
        return try deliverPending()
    }

    /// Sends every notice not yet accepted. A webhook that refuses one is not asked again in this run (its later
    /// notices wait behind it, in order); each attempt and its outcome is stored.
    public func deliverPending() throws(IncidentError) -> Report {
        var report = Report()
        var refused: [Int: String] = [:]
        let pending = try store.pendingDeliveries()
        for delivery in pending where refused[delivery.webhook.id] == nil {
            let error = sender.send(delivery.payload, to: delivery.webhook.url)
            try store.recordAttempt(delivery.id, error: error)
            if let error { refused[delivery.webhook.id] = error } else { report.delivered += 1 }
        }
        for (id, reason) in refused.sorted(by: { $0.key < $1.key }) {
            guard let webhook = pending.first(where: { $0.webhook.id == id })?.webhook else { continue }
            report.failures.append(.init(webhook: webhook, reason: reason, waiting: pending.filter { $0.webhook.id == id }.count))
        }
        return report
    }
}
