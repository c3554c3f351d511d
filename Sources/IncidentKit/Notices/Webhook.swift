import Foundation

/// How a webhook wants its notices: Slack's incoming-webhook JSON, or a generic JSON object.
public enum WebhookFormat: String, Codable, Sendable, CaseIterable {
    case slack, json
}

/// A chat or automation endpoint that takes a notice of every posted update.
public struct Webhook: Sendable {
    public var id: Int
    public var url: String
    public var format: WebhookFormat
    public var addedAt: Date
    /// Notices it has not accepted yet, and the last reason it gave.
    public var pending: Int
    public var lastError: String?

    public init(id: Int, url: String, format: WebhookFormat, addedAt: Date, pending: Int = 0, lastError: String? = nil) {
        (self.id, self.url, self.format, self.addedAt, self.pending, self.lastError) = (id, url, format, addedAt, pending, lastError)
    }

    /// An `http://` or `https://` URL with a host, without spaces or control characters (it is passed to curl as one argument).
    public static func checkedURL(_ text: String) throws(IncidentError) -> String {
        let url = text.trimmingSpaces()
        let lower = url.lowercased()
        let scheme = ["https://", "http://"].first { lower.hasPrefix($0) }
        guard let scheme, url.count > scheme.count, !url.dropFirst(scheme.count).hasPrefix("/"),
              !url.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) })
        else { throw .invalidWebhookURL(text) }
        return url
    }
}

/// A notice waiting for (or accepted by) a webhook.
public struct WebhookDelivery: Sendable {
    public var id: Int64
    public var webhook: Webhook
    public var incidentNumber: Int
    public var payload: String
    public var attempts: Int
}
