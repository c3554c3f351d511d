import Foundation
import Testing
@testable import IncidentKit

/// Notices to webhooks: queued with the update, sent after it, kept and retried when a webhook refuses.
@Suite struct NotifierTests {
    /// Accepts or refuses by URL, and keeps what it was sent.
    final class FakeSender: WebhookSending, @unchecked Sendable {
        private let lock = NSLock()
        var refusing: Set<String> = []
        private(set) var sent: [(url: String, payload: String)] = []

        func send(_ payload: String, to url: String) -> String? {
            lock.withLock {
                if refusing.contains(url) { return "the webhook answered HTTP 500" }
                sent.append((url, payload))
                return nil
            }
        }
    }

    static func publicIncident(_ store: IncidentStore) throws -> Int {
        var draft = IncidentDraft(title: "Internal title", severity: .p1, declaredAt: Fixtures.declaredAt)
        draft.isPublic = true
        draft.publicTitle = "Login problems"
        return try store.declare(draft).number
    }

    @Test func aPublicUpdateReachesEveryWebhookInItsFormat() throws {
        let store = try Fixtures.store()
        let number = try Self.publicIncident(store)
        _ = try store.addWebhook(url: "https://chat.example/slack", format: .slack)
        _ = try store.addWebhook(url: "https://automation.example/hook", format: .json)
        let sender = FakeSender()
        let (_, report) = try Notifier(store: store, sender: sender).postPublicUpdate(number, text: "Logins fail <sometimes> & slowly", at: Fixtures.declaredAt)
        #expect(report.delivered == 2 && report.failures.isEmpty)
        let slack = try #require(sender.sent.first { $0.url.hasSuffix("/slack") })
        let slackText = try #require((try JSONSerialization.jsonObject(with: Data(slack.payload.utf8)) as? [String: Any])?["text"] as? String)
        #expect(slackText == "*INC-1 · P1 · investigating (public update)* Login problems\nLogins fail &lt;sometimes&gt; &amp; slowly")
        let generic = try #require(sender.sent.first { $0.url.hasSuffix("/hook") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(generic.payload.utf8)) as? [String: String])
        #expect(json == ["kind": "public", "incident": "INC-1", "title": "Login problems", "severity": "P1", "status": "investigating",
                         "text": "Logins fail <sometimes> & slowly", "at": "2025-09-16T03:17:00Z"])
        #expect(!slack.payload.contains("Internal title"))
        #expect(try store.pendingDeliveries().isEmpty)
    }

    @Test func aRefusedNoticeIsKeptAndSentFirstOnTheNextUpdate() throws {
        let store = try Fixtures.store()
        let number = try Self.publicIncident(store)
        _ = try store.addWebhook(url: "https://down.example/hook", format: .json)
        let sender = FakeSender()
        sender.refusing = ["https://down.example/hook"]
        let notifier = Notifier(store: store, sender: sender)
        let (_, first) = try notifier.postPublicUpdate(number, text: "first", at: Fixtures.declaredAt)
        #expect(first.delivered == 0 && first.failures.map(\.reason) == ["the webhook answered HTTP 500"])
        #expect(try store.incident(number).publicUpdates.map(\.text) == ["first"], "the update is kept")
        #expect(try store.webhooks().map(\.pending) == [1])
        sender.refusing = []
        let (_, second) = try notifier.postPublicUpdate(number, text: "second", at: Fixtures.declaredAt.addingTimeInterval(60))
        #expect(second.delivered == 2 && second.failures.isEmpty)
        let texts = sender.sent.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.payload.utf8)) as? [String: String])?["text"] }
        #expect(texts == ["first", "second"])
        #expect(try store.webhooks().map(\.pending) == [0])
    }

    @Test func webhookURLsAreCheckedBeforeTheyAreStored() throws {
        #expect(throws: IncidentError.invalidWebhookURL("ftp://x")) { try Webhook.checkedURL("ftp://x") }
        #expect(throws: IncidentError.invalidWebhookURL("https://a b")) { try Webhook.checkedURL("https://a b") }
        #expect(throws: IncidentError.invalidWebhookURL("-K/etc/passwd")) { try Webhook.checkedURL("-K/etc/passwd") }
        #expect(try Webhook.checkedURL(" https://hooks.slack.com/services/T/B/X ") == "https://hooks.slack.com/services/T/B/X")
        let store = try Fixtures.store()
        _ = try store.addWebhook(url: "https://a.example", format: .json)
        #expect(throws: IncidentError.webhookExists("https://a.example")) { try store.addWebhook(url: "https://a.example", format: .slack) }
        // The store holds a URL to the same rule the command line used to check before calling it.
        #expect(throws: IncidentError.invalidWebhookURL("file:///etc/passwd")) { try store.addWebhook(url: "file:///etc/passwd", format: .json) }
        #expect(throws: IncidentError.unknownWebhook("7")) { try store.removeWebhook("7") }
        #expect(try store.removeWebhook("1").url == "https://a.example")
        #expect(try store.webhooks().isEmpty)
    }

    @Test func curlConfigValuesAreQuoted() {
        #expect(CurlSender.quoted("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }
}
