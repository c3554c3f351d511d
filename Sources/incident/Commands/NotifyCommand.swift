import ArgumentParser
import Foundation
import IncidentKit

extension IncidentKit.WebhookFormat: ArgumentParser.ExpressibleByArgument {}

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a notice of every posted update (update --post, update --public) to chat webhooks.",
        discussion: "Webhooks are kept in the database. One that fails is retried on the next update; nothing is lost.",
        subcommands: [Add.self, ListWebhooks.self, Remove.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a webhook.",
            discussion: "Example: incident notify add https://hooks.slack.com/services/T000/B000/XXXX --format slack"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The webhook's http:// or https:// URL.") var url: String
        @Option(help: "slack (Slack's incoming-webhook JSON) or json (a generic JSON object).") var format: WebhookFormat = .slack

        func run(_ console: Console) throws {
            let webhook = try store.openForWriting().addWebhook(url: url, format: format)
            console.say("Added webhook \(webhook.id) (\(webhook.format.rawValue)): \(webhook.url)")
        }
    }

    struct ListWebhooks: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the webhooks and what each still has to take.")
        @OptionGroup var store: StoreOptions

        func run(_ console: Console) throws {
            let webhooks = try store.hasDatabase() ? try store.openForReading().webhooks() : []
            guard !webhooks.isEmpty else { return console.say("No webhooks. `incident notify add URL --format slack` adds one.") }
            for webhook in webhooks {
                let waiting = webhook.pending == 0 ? "" : "  \(webhook.pending) waiting" + (webhook.lastError.map { " (last try: \($0))" } ?? "")
                console.say("\(webhook.id)  \(webhook.format.rawValue)  \(webhook.url)\(waiting)")
            }
        }
    }

    struct Remove: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a webhook (and the notices it has not taken).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The webhook's number (from `incident notify list`) or URL.") var webhook: String

        func run(_ console: Console) throws {
            let removed = try store.openForWriting().removeWebhook(webhook)
            console.say("Removed webhook \(removed.id): \(removed.url)")
        }
    }
}

/// Says what the webhooks did with the notices: one line for those sent, one per webhook that refused.
func report(_ report: Notifier.Report, console: Console) {
    if report.delivered > 0 { console.say("Sent \(report.delivered) notice\(report.delivered == 1 ? "" : "s") to chat.") }
    for failure in report.failures {
        let host = URL(string: failure.webhook.url)?.host ?? failure.webhook.url
        console.warn("webhook \(failure.webhook.id) (\(host)) failed: \(failure.reason); \(failure.waiting) notice\(failure.waiting == 1 ? "" : "s") kept, retried on the next update.")
    }
}
