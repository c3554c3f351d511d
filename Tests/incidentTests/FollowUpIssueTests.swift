import Foundation
import Testing

/// Follow-ups as GitHub issues end to end, against the `gh` stand-in: `action track`, a close on GitHub coming back
/// through `pull`, a tick here going out through `publish`, `actions`, `due` and `stats`.
@Suite struct FollowUpIssueTests {
    /// Runs the stand-in itself, as a person acting on GitHub would (`gh issue close 2`).
    private func gh(_ world: GitHubWorld, _ arguments: [String]) throws {
        let result = try CLI.launch(arguments, in: world.sandbox.dir, scratch: world.sandbox.scratch,
                                    environment: world.environment, executable: GitHubWorld.support.appendingPathComponent("gh")).finish()
        #expect(result.status == 0, "gh \(arguments.joined(separator: " ")): \(result)")
    }

    /// A published P1 with three medium-term actions (one owned by @alice, due in the past) and an immediate one.
    private func world() throws -> GitHubWorld {
        let world = try GitHubWorld(users: ["alice", "bob"])
        try world.ok("a.sqlite", ["new", "--p1", "Queue backlog", "--at", "-2h"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["action", "add", "Add a consumer", "--horizon", "medium-term"])
        try world.ok("a.sqlite", ["action", "add", "Alert on lag", "--horizon", "medium-term", "--owner", "@alice", "--due", "-1h",
                                  "--details", "`lag > 1000` for 5 minutes"])
        try world.ok("a.sqlite", ["action", "add", "Capacity review", "--horizon", "long-term", "--owner", "infra team"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        return world
    }

    @Test func trackPullAndPublishCarryFollowUpsBothWays() throws {
        let world = try world()
        // Tracking the three open medium- and long-term actions creates three issues with the labels, the owner and a link back.
        let tracked = try world.ok("a.sqlite", ["action", "track", "--all-open"])
        #expect(tracked.stdout.contains("Tracked action 2 of INC-1 as acme/ops#2: Add a consumer"))
        #expect(tracked.stdout.contains("Labels created: follow-up, P1."))
        for number in 2...4 {
            let issue = try world.issue(number)
            #expect(issue["labels"] as? [String] == ["follow-up", "P1"])
            #expect((issue["body"] as? String)?.contains("Follow-up from acme/ops#1") == true)
        }
        #expect(try world.issue(3)["assignees"] as? [String] == ["alice"] && world.issue(4)["assignees"] as? [String] == [])
        #expect(try world.issue(3)["title"] as? String == "Alert on lag")
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT number, trackedIssue FROM actionItem WHERE trackedIssue IS NOT NULL").stdout
                == "2|acme/ops#2\n3|acme/ops#3\n4|acme/ops#4\n")

        // Again: nothing is created.
        let creates = try world.calls().filter { $0.starts(with: ["issue", "create"]) }.count
        let again = try world.ok("a.sqlite", ["action", "track", "2", "3"])
        #expect(again.stdout.contains("Action 2 is already tracked as acme/ops#2; nothing changed."))
        #expect(try world.calls().filter { $0.starts(with: ["issue", "create"]) }.count == creates)

        // The incident's issue shows each tracked item with its issue.
        try world.ok("a.sqlite", ["publish"])
        #expect(try world.body().contains("- [ ] Add a consumer (acme/ops#2)"))

        // Closed on GitHub: the pull reads every tracked issue's state in one more call and ticks the item at the close time.
        try gh(world, ["issue", "close", "3", "--repo", "acme/ops"])
        let closedAt = try #require(try world.issue(3)["closedAt"] as? String)
        let before = try world.calls().count
        let pulled = try world.ok("a.sqlite", ["pull"])
        #expect(try world.calls().dropFirst(before).map { $0.prefix(2).joined(separator: " ") } == ["issue view", "issue list"])
        #expect(pulled.stdout.contains("From GitHub: checked action 3: Alert on lag"))
        let action = try actionJSON(world, 3)
        #expect(action["done"] as? Bool == true && action["doneBy"] as? String == "GitHub")
        #expect(action["doneAt"] as? String == closedAt)

        // Reopened on GitHub: unticked.
        try gh(world, ["issue", "reopen", "3", "--repo", "acme/ops"])
        try world.ok("a.sqlite", ["pull"])
        #expect(try actionJSON(world, 3)["done"] as? Bool == false)

        // Ticked here: the next publish closes its issue, with a comment naming the incident.
        try world.ok("a.sqlite", ["check", "2"])
        let published = try world.ok("a.sqlite", ["publish"])
        #expect(published.stdout.contains("Follow-up: closed acme/ops#2 (action 2 is done)."))
        #expect(try world.issue(2)["state"] as? String == "CLOSED")
        let comments = try #require(try world.issue(2)["comments"] as? [[String: Any]]).compactMap { $0["body"] as? String }
        #expect(comments.count == 1 && comments[0].contains("action 2 of INC-1 (acme/ops#1) was checked by tester"))

        // actions shows each tracked item's issue and state; --json has them.
        let list = try world.ok("a.sqlite", ["actions"])
        #expect(list.stdout.contains("acme/ops#2 closed") && list.stdout.contains("acme/ops#3 open"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(world.ok("a.sqlite", ["actions", "--json"]).stdout.utf8)) as? [[String: Any]])
        let entry = try #require(json.first { $0["number"] as? Int == 2 }?["tracked"] as? [String: Any])
        #expect(entry["issue"] as? String == "acme/ops#2" && entry["state"] as? String == "closed")
        #expect(entry["url"] as? String == "https://github.com/acme/ops/issues/2")

        // due lists the overdue tracked follow-up, even after the incident is closed.
        try world.ok("a.sqlite", ["close", "--force", "--resolution", "Drained"])
        let due = try world.run("a.sqlite", ["due"])
        #expect(due.status == 1 && due.stdout.contains("follow-up acme/ops#3 (action 3)") && due.stdout.contains("Alert on lag"))
    }

    @Test func aRefusedAssigneeKeepsTheActionsTrackedBeforeItAndNamesTheRest() throws {
        let world = try GitHubWorld(users: ["bob"])
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Add a consumer", "--horizon", "medium-term"])
        try world.ok("a.sqlite", ["action", "add", "Alert on lag", "--horizon", "medium-term", "--owner", "@alice"])
        try world.ok("a.sqlite", ["action", "add", "Capacity review", "--horizon", "long-term"])
        let failed = try world.run("a.sqlite", ["action", "track", "--all-open"])
        expectFailure(failed, status: 74, mentioning: "could not assign user: 'alice' not found",
                      "done before it: action 1 as acme/ops#1", "not tracked: actions 2, 3")
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT number, trackedIssue FROM actionItem WHERE trackedIssue IS NOT NULL").stdout
                == "1|acme/ops#1\n")

        // gh missing: one line, nothing changed here.
        let before = try world.sandbox.dump("a.sqlite")
        let missing = try world.sandbox.run(["action", "track", "3", "--db", "a.sqlite"], environment: ["PATH": "/usr/bin:/bin", "GH_STUB_STATE": world.state.path])
        expectFailure(missing, status: 69, mentioning: "gh (the GitHub CLI) is not on PATH")
        #expect(try world.sandbox.dump("a.sqlite") == before)
    }

    /// `stats --json` counts tracked follow-ups per severity; checked against the same figures computed here from the rows.
    @Test func statsCountFollowUpsBySeverityAsComputedFromTheRecord() throws {
        let world = try GitHubWorld()
        for (severity, title) in [("--p0", "Checkout down"), ("--p2", "Slow search"), ("--p0", "Login loop")] {
            try world.ok("a.sqlite", ["new", severity, title, "--at", "-3h"])
            for (index, due) in ["2099-01-01", "-1m", "2099-06-01"].enumerated() {
                try world.ok("a.sqlite", ["action", "add", "\(title) follow-up \(index)", "--horizon", "long-term", "--due", due])
            }
            try world.ok("a.sqlite", ["action", "track", "--all-open", "--repo", "acme/ops"])
        }
        // Three closed on GitHub, one ticked here; the refresh reads them all in one call.
        for number in [1, 2, 7] { try gh(world, ["issue", "close", String(number), "--repo", "acme/ops"]) }
        try world.ok("a.sqlite", ["check", "INC-2", "3"])
        let before = try world.calls().count
        try world.ok("a.sqlite", ["actions", "--refresh"])
        #expect(try world.calls().dropFirst(before).map { $0.prefix(2).joined(separator: " ") } == ["issue list"])

        let rows = try world.sandbox.sqlite3("a.sqlite", """
            SELECT i.severity, ifnull(a.dueAt, ''), ifnull(a.doneAt, ''), ifnull(f.createdAt, '') FROM actionItem a
            JOIN incident i ON i.number = a.incidentNumber LEFT JOIN followUpIssue f ON f.issue = a.trackedIssue WHERE a.trackedIssue IS NOT NULL
            """).stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map { Double($0) } }
        var expected: [String: (created: Int, closed: Int, byDue: Int, times: [Double])] = [:]
        for row in rows {
            let key = "P\(Int(row[0] ?? -1))"
            expected[key, default: (0, 0, 0, [])].created += 1
            guard let done = row[2] else { continue }
            expected[key]?.closed += 1
            if let due = row[1], done <= due { expected[key]?.byDue += 1 }
            // The stand-in's clock runs in 2030: a box ticked here precedes its issue's creation there, and is no closing time.
            if let created = row[3], done >= created { expected[key]?.times.append(done - created) }
        }
        #expect(expected["P0"]?.closed == 3 && expected["P2"]?.closed == 1 && expected["P0"]?.byDue == 2)

        let stats = try #require(try JSONSerialization.jsonObject(with: Data(world.ok("a.sqlite", ["stats", "--json"]).stdout.utf8)) as? [String: Any])
        let figures = try #require(stats["trackedFollowUps"] as? [[String: Any]])
        #expect(figures.map { $0["severity"] as? String } == ["P0", "P2"])
        for entry in figures {
            let severity = try #require(entry["severity"] as? String)
            let want = try #require(expected[severity])
            #expect(entry["created"] as? Int == want.created && entry["closed"] as? Int == want.closed)
            #expect(entry["closedByDue"] as? Int == want.byDue && entry["timedCount"] as? Int == want.times.count)
            let sorted = want.times.sorted()
            // Nearest rank: the smallest value with at least half at or below it.
            let median = sorted.isEmpty ? nil : sorted[Int((0.5 * Double(sorted.count)).rounded(.up)) - 1]
            #expect(entry["medianSecondsToClose"] as? Double == median)
        }
        #expect(try world.ok("a.sqlite", ["stats"]).stdout.contains("Follow-ups tracked as GitHub issues"))
    }

    private func actionJSON(_ world: GitHubWorld, _ number: Int) throws -> [String: Any] {
        let actions = try #require(try JSONSerialization.jsonObject(with: Data(world.ok("a.sqlite", ["action", "list", "--json"]).stdout.utf8)) as? [[String: Any]])
        return try #require(actions.first { $0["number"] as? Int == number })
    }
}
