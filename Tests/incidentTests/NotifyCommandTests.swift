import Foundation
import Testing

/// A local HTTP server standing in for chat webhooks (`Support/webhook_server.py`), stopped when the test lets go.
final class WebhookServer {
    let process = Process()
    let log: URL
    let folder: URL
    let port: Int

    init(in sandbox: Sandbox) throws {
        folder = sandbox.scratch
        log = sandbox.scratch.appendingPathComponent("webhooks.jsonl")
        let script = GitHubWorld.support.appendingPathComponent("webhook_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, log.path, folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // It writes the port it listens on to a file once it listens.
        let file = folder.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: file.path), Date() < deadline, process.isRunning { usleep(20_000) }
        port = try #require(Int((try? String(contentsOf: file, encoding: .utf8)) ?? ""), "the webhook server did not start")
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received, in order: path, content type and the body parsed as JSON.
    func requests() throws -> [(path: String, contentType: String?, body: [String: Any])] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = try #require(entry["body"] as? String)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return (try #require(entry["path"] as? String), entry["content_type"] as? String, body)
        }
    }
}

/// `incident notify` and the notices that `update --public` and `update --post` send, against a local server.
@Suite(.timeLimit(.minutes(3))) struct NotifyCommandTests {
    static func publicIncident(_ sandbox: Sandbox) throws {
        try sandbox.ok(["new", "--p1", "Internal: auth DB failover", "--service", "Login", "--public", "--public-title", "Login problems"])
    }

    @Test func aPublicUpdateReachesTheWebhooksInTheirFormats() throws {
        let sandbox = try Sandbox()
        let server = try WebhookServer(in: sandbox)
        try Self.publicIncident(sandbox)
        try sandbox.ok(["notify", "add", server.url("/slack")])
        try sandbox.ok(["notify", "add", server.url("/json"), "--format", "json"])
        let posted = try sandbox.ok(["update", "--public", "We are investigating failed logins."])
        #expect(posted.stdout.contains("Sent 2 notices to chat."), "\(posted)")
        #expect(posted.stderr.isEmpty, "\(posted)")
        let requests = try server.requests()
        #expect(requests.map(\.path) == ["/slack", "/json"])
        #expect(requests.allSatisfy { $0.contentType == "application/json" })
        #expect(requests[0].body as? [String: String] == [
            "text": "*INC-1 · P1 · investigating (public update)* Login problems\nWe are investigating failed logins.",
        ])
        let json = try #require(requests[1].body as? [String: String])
        #expect(json["kind"] == "public" && json["incident"] == "INC-1" && json["title"] == "Login problems")
        #expect(json["severity"] == "P1" && json["status"] == "investigating" && json["text"] == "We are investigating failed logins.")
        #expect(!requests.map { "\($0.body)" }.joined().contains("auth DB failover"), "the internal title stays inside")
    }

    @Test func aFailingWebhookIsReportedInOneLineAndRetriedOnTheNextUpdate() throws {
        let sandbox = try Sandbox()
        let server = try WebhookServer(in: sandbox)
        try Self.publicIncident(sandbox)
        try sandbox.ok(["notify", "add", server.url("/fail"), "--format", "json"])
        let first = try sandbox.run(["update", "--public", "First word."])
        #expect(first.status == 0, "the update is recorded even though the webhook failed: \(first)")
        #expect(first.stderr == "incident: warning: webhook 1 (127.0.0.1) failed: the webhook answered HTTP 500; 1 notice kept, retried on the next update.\n")
        let updates = try #require(try sandbox.json()["publicUpdates"] as? [[String: Any]])
        #expect(updates.map { $0["text"] as? String } == ["First word."])
        #expect(try sandbox.ok(["notify", "list"]).stdout.contains("1 waiting (last try: the webhook answered HTTP 500)"))

        try Data().write(to: server.folder.appendingPathComponent("fixed"))
        let second = try sandbox.ok(["update", "--public", "Second word."])
        #expect(second.stdout.contains("Sent 2 notices to chat.") && second.stderr.isEmpty, "\(second)")
        #expect(try server.requests().map { $0.body["text"] as? String } == ["First word.", "First word.", "Second word."])
        #expect(!(try sandbox.ok(["notify", "list"]).stdout.contains("waiting")))
    }

    @Test func anUnreachableWebhookChangesNothingButTheQueue() throws {
        let sandbox = try Sandbox()
        try Self.publicIncident(sandbox)
        // Nothing listens on port 9 of this machine.
        try sandbox.ok(["notify", "add", "http://127.0.0.1:9/hook"])
        let result = try sandbox.run(["update", "--public", "Still investigating."])
        #expect(result.status == 0 && result.stderr.hasPrefix("incident: warning: webhook 1 (127.0.0.1) failed: "), "\(result)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try sandbox.ok(["notify", "list"]).stdout.contains("1 waiting"))
    }

    @Test func aPublicUpdateOnAnInternalIncidentIsRefusedAndChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Internal only"])
        let before = try sandbox.dump(sandbox.defaultDatabase)
        expectFailure(try sandbox.run(["update", "--public", "Hello"]), status: 1,
                      mentioning: "INC-1 is not shown on the status page", "incident set INC-1 --public")
        expectFailure(try sandbox.run(["notify", "add", "ftp://chat.example/hook"]), status: 64, mentioning: "is not a webhook URL")
        expectFailure(try sandbox.run(["notify", "remove", "3"]), status: 66, mentioning: "No webhook \"3\"")
        #expect(try sandbox.dump(sandbox.defaultDatabase) == before)
    }

    @Test func webhooksAreListedAndRemoved() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Anything"])
        try sandbox.ok(["notify", "add", "https://hooks.example/a"])
        try sandbox.ok(["notify", "add", "https://hooks.example/b", "--format", "json"])
        expectFailure(try sandbox.run(["notify", "add", "https://hooks.example/a"]), status: 64, mentioning: "already added")
        #expect(try sandbox.ok(["notify", "list"]).stdout == "1  slack  https://hooks.example/a\n2  json  https://hooks.example/b\n")
        try sandbox.ok(["notify", "remove", "https://hooks.example/a"])
        #expect(try sandbox.ok(["notify", "list"]).stdout == "2  json  https://hooks.example/b\n")
    }

    @Test func aPostedChecklistUpdateIsAnnouncedToo() throws {
        let world = try GitHubWorld()
        let server = try WebhookServer(in: world.sandbox)
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.ok("a.sqlite", ["notify", "add", server.url("/json"), "--format", "json"])
        try world.ok("a.sqlite", ["check", "1"])
        let posted = try world.ok("a.sqlite", ["update", "--post"])
        #expect(posted.stdout.contains("Sent 1 notice to chat."), "\(posted)")
        let body = try #require(try server.requests().first?.body as? [String: String])
        #expect(body["kind"] == "internal" && body["incident"] == "INC-1" && body["severity"] == "P0")
        #expect(body["url"] == "https://github.com/acme/ops/issues/1")
        #expect(body["text"]?.hasPrefix("### INC-1 update · ") == true)
    }
}
