import Foundation
import Testing

/// Two responders' machines (two databases) working one incident through a GitHub issue, against the `gh`
/// stand-in in `Support/` (GitHub itself is unreachable from the test machines): publish, tick on GitHub,
/// join, pull, post updates, and every failure as one line with both records unchanged.
final class GitHubWorld {
    let sandbox: Sandbox
    let state: URL
    static let support = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support")

    init(users: [String] = ["alice", "bob"]) throws {
        sandbox = try Sandbox()
        state = sandbox.scratch.appendingPathComponent("gh-state.json")
        try write(["default_repo": "acme/ops", "users": users, "clock": "2030-01-01T00:00:00Z",
                   "repos": ["acme/ops": ["labels": ["incident": ["color": "d73a4a", "description": "An incident"]]]]])
    }

    var environment: [String: String?] { ["PATH": "\(Self.support.path):/usr/local/bin:/usr/bin:/bin", "GH_STUB_STATE": state.path] }

    /// `incident ARGS` on machine `db` (a database file in the sandbox), with the stand-in first on PATH.
    @discardableResult
    func run(_ db: String, _ arguments: [String], environment extra: [String: String?] = [:]) throws -> CLIResult {
        try sandbox.run(arguments + ["--db", db], environment: environment.merging(extra) { $1 })
    }

    @discardableResult
    func ok(_ db: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try run(db, arguments)
        #expect(result.status == 0, "incident \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Types the reference P0 incident (`scripts/example-incident.sh`) into machine `db`.
    /// The script runs once per test process (its 24 commands as processes of the built binary, into a file kept until
    /// the process exits); each machine gets a copy of the file it wrote. ExampleScriptTests test the script itself.
    func typeInExample(_ db: String) throws {
        let typed = try Self.typedExample.get()
        #expect(typed.result.status == 0 && typed.result.stdout == "INC-1\n", "\(typed.result)")
        try FileManager.default.copyItem(at: typed.file, to: sandbox.dir.appendingPathComponent(db))
    }

    private static let typedExample: Result<(file: URL, result: CLIResult), any Error> = Result {
        let sandbox = try Sandbox()
        let script = repositoryTemplates.deletingLastPathComponent().appendingPathComponent("scripts/example-incident.sh")
        let result = try CLI.launch([script.path, CLI.binary.path, "--db", "example.sqlite"], in: sandbox.dir, scratch: sandbox.scratch,
                                    executable: URL(fileURLWithPath: "/bin/bash")).finish()
        guard result.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "example-incident.sh failed: \(result)"]) }
        // Every command has exited, so the file holds everything (its write-ahead log was folded in and removed).
        try FileManager.default.copyItem(at: sandbox.dir.appendingPathComponent("example.sqlite"), to: keptExample)
        atexit { try? FileManager.default.removeItem(at: GitHubWorld.keptExample) }
        return (keptExample, result)
    }

    private static let keptExample = FileManager.default.temporaryDirectory.appendingPathComponent("incident-p0-example-\(getpid()).sqlite")

    func read() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])
    }

    func write(_ object: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: state)
    }

    func issue(_ number: Int = 1) throws -> [String: Any] {
        let repos = try #require(try read()["repos"] as? [String: Any])
        let repo = try #require(repos["acme/ops"] as? [String: Any])
        let issues = try #require(repo["issues"] as? [String: Any])
        return try #require(issues[String(number)] as? [String: Any], "no issue \(number)")
    }

    func body(_ number: Int = 1) throws -> String { try #require(try issue(number)["body"] as? String) }

    /// Someone edits the issue on GitHub: `edit` rewrites its body (and `closing` closes it).
    func editOnGitHub(_ number: Int = 1, closing: Bool = false, _ edit: (String) -> String) throws {
        var all = try read()
        var repos = try #require(all["repos"] as? [String: Any]), repo = try #require(repos["acme/ops"] as? [String: Any])
        var issues = try #require(repo["issues"] as? [String: Any]), issue = try #require(issues[String(number)] as? [String: Any])
        issue["body"] = edit(try #require(issue["body"] as? String))
        issue["updatedAt"] = "2031-01-01T00:00:0\(Int.random(in: 0...9))Z"
        if closing { issue["state"] = "CLOSED" }
        issues[String(number)] = issue
        repo["issues"] = issues
        repos["acme/ops"] = repo
        all["repos"] = repos
        try write(all)
    }

    /// Adds `key` (a fail rule or a hook) to the state.
    func add(_ key: String, _ rule: [String: Any]) throws {
        var all = try read()
        all[key] = ((all[key] as? [[String: Any]]) ?? []) + [rule]
        try write(all)
    }

    func calls() throws -> [[String]] {
        ((try read()["calls"] as? [[String: Any]]) ?? []).compactMap { $0["argv"] as? [String] }
    }

    /// Ticks (or unticks) the task line whose text starts with `text` in a body.
    static func tick(_ body: String, _ text: String, done: Bool = true) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let from = done ? "- [ ] " : "- [x] ", to = done ? "- [x] " : "- [ ] "
            return line.hasPrefix(from + text) ? to + line.dropFirst(from.count) : String(line)
        }.joined(separator: "\n")
    }

    static func isTicked(_ body: String, _ text: String) -> Bool {
        body.split(separator: "\n").contains { $0.hasPrefix("- [x] " + text) }
    }
}

@Suite struct GitHubTeamFlowTests {
    @Test func twoMachinesWorkOneIncidentThroughItsIssue() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        // A publishes: 19 task lines, every label created first, no team name passed as an assignee.
        let first = try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        #expect(first.lines.first == "https://github.com/acme/ops/issues/1")
        #expect(first.stdout.contains("19 task lines") && first.stdout.contains("labels created: P0, emergency, infrastructure"))
        let created = try world.issue()
        #expect((created["labels"] as? [String])?.count == 6)
        #expect((created["assignees"] as? [String]) == [])
        #expect(try world.body().components(separatedBy: "\n- [").count - 1 == 19)
        #expect(try world.calls().filter { $0.starts(with: ["label", "create"]) }.count == 6)
        #expect(try world.calls().first { $0.starts(with: ["issue", "create"]) }?.contains { $0.hasPrefix("--assignee") } == false)

        // Someone ticks action 4 on GitHub; A checks action 5 here; A publishes again: the body has both.
        try world.editOnGitHub { GitHubWorld.tick($0, "**Infrastructure Repair:**") }
        try world.ok("a.sqlite", ["check", "5"])
        let second = try world.ok("a.sqlite", ["publish"])
        #expect(second.stdout.contains("From GitHub: checked action 4"))
        let body = try world.body()
        #expect(GitHubWorld.isTicked(body, "**Infrastructure Repair:**") && GitHubWorld.isTicked(body, "**Remove Emergency Bypass:**"))
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT source, actor FROM itemEvent WHERE itemKind = 'action' AND itemNumber = 4").stdout == "sync|tester\n")

        // B joins from the issue, meets criterion 3 and publishes; A pulls and has it.
        let joined = try world.ok("b.sqlite", ["import", "--issue", "1", "--repo", "acme/ops"])
        #expect(joined.lines.first == "INC-1")
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT number FROM actionItem WHERE doneAt IS NOT NULL ORDER BY number").stdout == "4\n5\n")
        try world.ok("b.sqlite", ["criterion", "check", "3"])
        try world.ok("b.sqlite", ["publish"])
        #expect(GitHubWorld.isTicked(try world.body(), "Container startup completes successfully"))
        let pulled = try world.ok("a.sqlite", ["pull"])
        #expect(pulled.stdout.contains("From GitHub: met criterion 3: Container startup completes successfully"))
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT number FROM criterion WHERE metAt IS NOT NULL").stdout == "3\n")
        // Nothing was lost on either side: A's next publish keeps B's tick and A's own.
        try world.ok("a.sqlite", ["publish"])
        let last = try world.body()
        #expect(GitHubWorld.isTicked(last, "Container startup completes successfully") && GitHubWorld.isTicked(last, "**Remove Emergency Bypass:**"))

        // show and list name the link.
        let json = try JSONSerialization.jsonObject(with: Data(try world.ok("a.sqlite", ["show", "--json"]).stdout.utf8)) as? [String: Any]
        let github = json?["github"] as? [String: Any]
        #expect(github?["repo"] as? String == "acme/ops" && github?["number"] as? Int == 1)
        #expect(github?["url"] as? String == "https://github.com/acme/ops/issues/1")
        #expect(try world.ok("a.sqlite", ["list"]).stdout.contains("[acme/ops#1]"))
    }

    @Test func postedUpdatesCarryOnlyWhatChangedSinceTheLastPost() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.ok("a.sqlite", ["check", "1", "2"])
        let posted = try world.ok("a.sqlite", ["update", "--post"])
        #expect(posted.stdout.contains("https://github.com/acme/ops/issues/1#issuecomment-"))
        try world.ok("a.sqlite", ["check", "3"])
        try world.ok("a.sqlite", ["update", "--post"])
        let comments = try #require(try world.issue()["comments"] as? [[String: Any]]).compactMap { $0["body"] as? String }
        #expect(comments.count == 2)
        #expect(comments[0].contains("VPC Connector Diagnosis") && comments[0].contains("Cloud SQL Connectivity Validation"))
        #expect(comments[1].contains("Network Configuration Review") && !comments[1].contains("Cloud SQL Connectivity Validation:** <!--"))
        // A failed post records nothing: the next update still reports action 6.
        try world.ok("a.sqlite", ["check", "6"])
        try world.add("fail", ["match": "issue comment", "preset": "network", "times": 1])
        let before = try world.sandbox.dump("a.sqlite")
        let failed = try world.run("a.sqlite", ["update", "--post"])
        expectFailure(failed, status: 69, mentioning: "`gh issue comment --repo=acme/ops --body-file=- -- 1` failed: error connecting to api.github.com")
        #expect(try world.sandbox.dump("a.sqlite") == before)
        #expect(try world.ok("a.sqlite", ["update", "--dry-run"]).stdout.contains("Full Service Restoration"))
    }

    /// GitHub's edit is last-writer-wins: a publisher that writes between our read and our write is overwritten on the
    /// issue. Nothing is lost: its record still holds the change, and its next publish merges our copy and puts it back.
    @Test func aPublisherOverwrittenBetweenOurReadAndOurPushPutsItsChangeBackNextTime() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        let beforeB = try world.body()
        try world.ok("b.sqlite", ["import", "--issue", "1", "--repo", "acme/ops"])
        try world.ok("b.sqlite", ["action", "add", "Page the database team", "--horizon", "immediate"])
        try world.ok("b.sqlite", ["publish"])
        let withB = try world.body()
        try world.ok("a.sqlite", ["check", "1"])
        // A reads the issue before B's publish lands: B's body is written right after A's read, then A writes over it.
        try world.editOnGitHub { _ in beforeB }
        try world.add("hooks", ["after": "issue view", "times": 1, "set_body": withB])
        let result = try world.ok("a.sqlite", ["publish"])
        #expect(result.stdout.contains("Published INC-1"))
        #expect(!(try world.body()).contains("Page the database team"))
        // B's next publish finds its action missing on the issue (not removed there): it comes back, with A's tick.
        try world.ok("b.sqlite", ["publish"])
        let body = try world.body()
        #expect(body.contains("Page the database team") && GitHubWorld.isTicked(body, "**VPC Connector Diagnosis:**"))
        try world.ok("a.sqlite", ["pull"])
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT COUNT(*) FROM actionItem WHERE text = 'Page the database team'").stdout == "1\n")
    }

    @Test func anotherPublisherWritingRightAfterUsIsMergedOnTheNextPass() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        let old = try world.body()
        try world.ok("a.sqlite", ["check", "2"])
        // Right after our push, a second publisher pushes a body rendered before our tick, with its own tick of action 8.
        try world.add("hooks", ["after": "issue edit", "times": 1,
                                "set_body": GitHubWorld.tick(old, "**Enhanced Monitoring:**")])
        let result = try world.ok("a.sqlite", ["publish"])
        #expect(result.stdout.contains("merged 2 times"))
        let body = try world.body()
        #expect(GitHubWorld.isTicked(body, "**Enhanced Monitoring:**") && GitHubWorld.isTicked(body, "**Cloud SQL Connectivity Validation:**"))
    }
}

@Suite struct GitHubFailureTests {
    /// Every gh failure: one line naming the gh command and its message, exit 69 or 74, both records and the issue unchanged.
    @Test(arguments: [
        (["match": "issue edit", "preset": "network"], Int32(69), "`gh issue edit --repo=acme/ops --body-file=- -- 1` failed: error connecting to api.github.com"),
        (["match": "issue view", "preset": "timeout"], Int32(69), "i/o timeout"),
        (["match": "issue edit", "stderr": "HTTP 502: Bad Gateway (https://api.github.com/graphql)"], Int32(74), "HTTP 502: Bad Gateway"),
    ] as [([String: String], Int32, String)])
    func aFailedPublishChangesNothing(_ rule: [String: String], status: Int32, message: String) throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.editOnGitHub { GitHubWorld.tick($0, "**Infrastructure Repair:**") }
        try world.ok("a.sqlite", ["check", "5"])
        let (before, issue) = (try world.sandbox.dump("a.sqlite"), try world.body())
        try world.add("fail", rule)
        expectFailure(try world.run("a.sqlite", ["publish"]), status: status, mentioning: message)
        #expect(try world.sandbox.dump("a.sqlite") == before)
        #expect(try world.body() == issue)
    }

    @Test func withoutGhOrLoginThePublishSaysSoAndChangesNothing() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        let before = try world.sandbox.dump("a.sqlite")
        let missing = try world.run("a.sqlite", ["publish", "--repo", "acme/ops"], environment: ["PATH": "/usr/bin:/bin"])
        expectFailure(missing, status: 69, mentioning: "gh (the GitHub CLI) is not on PATH")
        var state = try world.read()
        state["logged_in"] = false
        try world.write(state)
        expectFailure(try world.run("a.sqlite", ["publish", "--repo", "acme/ops"]), status: 69, mentioning: "gh auth login")
        #expect(try world.sandbox.dump("a.sqlite") == before)
    }

    @Test func aRepositoryOtherThanTheLinkedOneIsRefusedAndChangesNothing() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        let before = try world.sandbox.dump("a.sqlite")
        expectFailure(try world.run("a.sqlite", ["publish", "--repo", "acme/web"]), status: 64,
                      mentioning: "The --repo is acme/web, but this incident is published to acme/ops#1; leave --repo out.")
        expectFailure(try world.run("a.sqlite", ["publish", "--repo", "acme"]), status: 64, mentioning: "The --repo must be OWNER/NAME")
        #expect(try world.sandbox.dump("a.sqlite") == before)
    }

    @Test func anAssigneeGitHubDoesNotKnowFailsTheCreateAndLinksNothing() throws {
        let world = try GitHubWorld(users: ["alice"])
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["set", "--add-assignee", "@alice", "--add-assignee", "@carol"])
        let before = try world.sandbox.dump("a.sqlite")
        expectFailure(try world.run("a.sqlite", ["publish", "--repo", "acme/ops"]), status: 74, mentioning: "could not assign user: 'carol' not found")
        #expect(try world.sandbox.dump("a.sqlite") == before)
        #expect(try world.calls().last?.contains("--assignee=alice") == true)
    }

    @Test func taskLinesAddedOnGitHubStopThePublishUntilForced() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.editOnGitHub { $0.replacingOccurrences(of: "- [ ] **Regression Testing:**", with: "- [ ] Call the vendor\n- [ ] **Regression Testing:**") }
        let issue = try world.body()
        expectFailure(try world.run("a.sqlite", ["publish"]), status: 1, mentioning: "has task lines this record doesn't have: \"Call the vendor\"")
        #expect(try world.body() == issue)
        try world.ok("a.sqlite", ["publish", "--force"])
        #expect(!(try world.body().contains("Call the vendor")))
    }

    @Test func aDryRunPrintsTheCommandsAndTheBodyAndRunsNothing() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        let result = try world.ok("a.sqlite", ["publish", "--repo", "acme/ops", "--dry-run"])
        #expect(result.stdout.contains("gh label create --repo=acme/ops --color=b60205 '--description=Incident severity P0' -- P0"))
        #expect(result.stdout.contains("gh issue create --repo=acme/ops '--title="))
        #expect(result.stdout.contains("<!-- incident:action:1 -->"))
        #expect(try world.calls().isEmpty)
    }
}

@Suite struct GitHubJoinAndCloseTests {
    @Test func joiningAnIssueLinkedHerePullsInsteadOfDuplicating() throws {
        let world = try GitHubWorld()
        try world.typeInExample("a.sqlite")
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.editOnGitHub { GitHubWorld.tick($0, "**Infrastructure Repair:**") }
        let again = try world.ok("a.sqlite", ["import", "--issue", "https://github.com/acme/ops/issues/1"])
        #expect(again.lines.first == "INC-1" && again.stdout.contains("already linked here as INC-1"))
        #expect(again.stdout.contains("From GitHub: checked action 4"))
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT COUNT(*) FROM incident").stdout == "1\n")
    }

    @Test func aClosedIssueIsReportedAndPullCloseClosesHereToo() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.editOnGitHub { GitHubWorld.tick($0, "Drain the queue") }
        try world.editOnGitHub(closing: true) { $0 }
        #expect(try world.ok("a.sqlite", ["pull"]).stdout.contains("acme/ops#1 is closed on GitHub"))
        try world.ok("a.sqlite", ["pull", "--close"])
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT status FROM incident").stdout == "closed\n")
    }

    @Test func closeIssuePublishesTheFinalRecordThenClosesTheIssue() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.ok("a.sqlite", ["check", "1"])
        try world.ok("a.sqlite", ["close", "--close-issue"])
        let issue = try world.issue()
        #expect(issue["state"] as? String == "CLOSED")
        #expect(GitHubWorld.isTicked(issue["body"] as? String ?? "", "Drain the queue"))
        let unlinked = try world.run("a.sqlite", ["new", "--p3", "Other"])
        #expect(unlinked.status == 0)
        expectFailure(try world.run("a.sqlite", ["pull"]), status: 1, mentioning: "INC-2 is not published to GitHub")
    }
}

/// Two machines the previous release linked to one issue (`Fixtures/linked-v11`, made by its `make.sh` with that
/// release) keep syncing after the upgrade: its markers map to the new identities, and nothing is duplicated.
@Suite struct GitHubUpgradeTests {
    @Test func machinesLinkedByThePreviousReleaseKeepSyncing() throws {
        let world = try GitHubWorld()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/linked-v11")
        for name in ["a.sqlite", "b.sqlite"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: world.sandbox.dir.appendingPathComponent(name))
        }
        try Data(contentsOf: fixtures.appendingPathComponent("gh-state.json")).write(to: world.state)
        let actions = try world.sandbox.sqlite3("a.sqlite", "SELECT COUNT(*) FROM actionItem").stdout

        // A box ticked on GitHub since the last sync of the old release still comes in.
        try world.editOnGitHub { GitHubWorld.tick($0, "**Infrastructure Repair:**") }
        try world.ok("b.sqlite", ["action", "add", "Rotate the connector's credentials", "--horizon", "medium-term"])
        try world.ok("b.sqlite", ["timeline", "add", "Credentials rotated", "--at", "2025-09-15 22:00 PST"])
        try world.ok("b.sqlite", ["publish"])
        try world.ok("a.sqlite", ["check", "5"])
        let published = try world.ok("a.sqlite", ["publish"])
        #expect(published.stdout.contains("Published INC-1"))
        try world.ok("b.sqlite", ["pull"])

        let body = try world.body()
        #expect(body.contains("<!-- incident:state "))
        for db in ["a.sqlite", "b.sqlite"] {
            #expect(try world.sandbox.sqlite3(db, "SELECT COUNT(*) FROM actionItem").stdout == "\(Int(actions.trimmingCharacters(in: .whitespacesAndNewlines))! + 1)\n")
            #expect(try world.sandbox.sqlite3(db, "SELECT COUNT(*) FROM actionItem WHERE text = 'Rotate the connector''s credentials'").stdout == "1\n")
            #expect(try world.sandbox.sqlite3(db, "SELECT COUNT(*) FROM timelineEntry WHERE text = 'Credentials rotated'").stdout == "1\n")
            #expect(try world.sandbox.sqlite3(db, "SELECT number FROM actionItem WHERE doneAt IS NOT NULL ORDER BY number").stdout == "3\n4\n5\n")
            #expect(try world.sandbox.sqlite3(db, "SELECT COUNT(*) - COUNT(DISTINCT text || at) FROM timelineEntry").stdout == "0\n")
        }
        #expect(try world.ok("a.sqlite", ["render"]).stdout.split(separator: "\n").dropFirst()
                == (try world.ok("b.sqlite", ["render"]).stdout.split(separator: "\n").dropFirst()))
    }

    /// The stand-in's call log: pull is one `gh` call, publish of a change here three (read, write, read back).
    @Test func pullMakesOneCallAndPublishThree() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        var state = try world.read()
        state["calls"] = []
        try world.write(state)
        try world.ok("a.sqlite", ["pull"])
        try world.ok("a.sqlite", ["check", "1"])
        try world.ok("a.sqlite", ["publish"])
        let calls = try world.calls().map { $0.prefix(2).joined(separator: " ") }
        #expect(calls == ["issue view", "issue view", "issue edit", "issue view"])
    }

    /// Offline (gh unreachable, exit 69) everything stays here; `show` counts what the issue doesn't have yet, and the
    /// next publish merges it all.
    @Test func offlineChangesAreKeptCountedAndPublishedLater() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        try world.add("fail", ["match": "issue view", "preset": "network", "times": 1])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["timeline", "add", "Consumers restarted"])
        let offline = try world.run("a.sqlite", ["publish"])
        #expect(offline.status == 69)
        #expect(try world.ok("a.sqlite", ["show"]).stdout.contains("2 changes here not yet on acme/ops#1"))
        try world.ok("a.sqlite", ["publish"])
        #expect(try world.body().contains("Drain the queue") && (try world.body()).contains("Consumers restarted"))
        #expect(!(try world.ok("a.sqlite", ["show"]).stdout.contains("not yet on")))
    }
}
