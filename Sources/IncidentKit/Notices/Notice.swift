import Foundation

/// What a webhook is told about an update: the incident, its severity and status, and the update's text.
public struct Notice: Sendable {
    /// A public update (what customers read) or the internal checklist update posted to the issue.
    public enum Kind: String, Sendable { case `public`, `internal` }

    public var kind: Kind
    public var incident: String
    public var title: String
    public var severity: String
    public var status: String
    public var text: String
    public var at: Date
    public var url: String?

    /// A public update: the public title and state only, nothing of the internal record.
    public init(public update: PublicUpdate, of incident: Incident) {
        self.init(kind: .public, incident: incident.id, title: StatusPage.publicTitle(of: incident),
                  severity: incident.severity.label, status: update.status.rawValue, text: update.text, at: update.at, url: nil)
    }

    /// The checklist update posted to the incident's issue.
    public init(checklistUpdate text: String, of incident: Incident, at: Date) {
        self.init(kind: .internal, incident: incident.id, title: incident.title, severity: incident.severity.label,
                  status: incident.status.rawValue, text: text, at: at, url: incident.github?.url)
    }

    init(kind: Kind, incident: String, title: String, severity: String, status: String, text: String, at: Date, url: String?) {
        (self.kind, self.incident, self.title, self.severity, self.status) = (kind, incident, title, severity, status)
        (self.text, self.at, self.url) = (text, at, url)
    }

    /// The request body for a webhook of `format`: `{"text"}` for Slack; `{"kind", "incident", "title", "severity",
    /// "status", "text", "at"}` and the issue's `url` when it has one, for json.
    public func payload(_ format: WebhookFormat) -> String {
        switch format {
        case .slack: return Self.encode(["text": slackText])
        case .json:
            var object = ["kind": kind.rawValue, "incident": incident, "title": title, "severity": severity, "status": status,
                          "text": text, "at": TimeFormat.utc(at)]
            object["url"] = url
            return Self.encode(object)
        }
    }

    /// Slack's mrkdwn: `&`, `<` and `>` are the only characters it asks to escape.
    var slackText: String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let heading = "*\(incident) · \(severity) · \(status)\(kind == .public ? " (public update)" : "")* \(escaped(title))"
        return heading + "\n" + escaped(text) + (url.map { "\n<\($0)|\(incident) on GitHub>" } ?? "")
    }

    // JSONSerialization rather than Encodable structs: each Codable type adds conformance records that every command's
    // start-up scans (bench/README.md, instruction counts).
    private static func encode(_ object: [String: String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
