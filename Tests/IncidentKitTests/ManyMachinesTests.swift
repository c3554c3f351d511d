import Foundation
import Testing
@testable import IncidentKit

/// One issue on a GitHub that behaves as GitHub does for these calls: calls are served one at a time, an edit replaces
/// the body (last writer wins), and `updatedAt` moves on every write. Each call first waits a little, as a network
/// round trip does, so publishers running at once interleave. Issues created after the first are follow-ups (numbered
/// from 2): `issue list`, `close` and `reopen` work on them, and `setClosed` plays a person closing one in the browser.
final class GitHubStandIn: GitHubRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var body = "", title = "", labels: [String] = [], updatedAt = 0, created = false
    private(set) var calls: [[String]] = []
    /// Issues after the first (the incident's): follow-ups, numbered from 2 as GitHub numbers them.
    struct OtherIssue {
        var title: String, body: String, labels: [String], assignees: [String]
        var closedAt: Int?, createdAt: Int, updatedAt: Int
        var comments: [String] = []
    }
    private var others: [Int: OtherIssue] = [:]

    /// Issue `number` other than the incident's.
    func other(_ number: Int) -> OtherIssue? { lock.withLock { others[number] } }

    /// A person closes (or reopens) issue `number` in the browser; returns the time GitHub gives it.
    @discardableResult
    func setClosed(_ number: Int, _ closed: Bool) -> Date {
        lock.withLock {
            updatedAt += 1
            others[number]?.closedAt = closed ? updatedAt : nil
            others[number]?.updatedAt = updatedAt
            return Self.date(updatedAt)
        }
    }

    /// GitHub's clock: `tick` seconds after a fixed start.
    static func date(_ tick: Int) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + Double(tick)) }
    static func stamp(_ tick: Int) -> String { ISO8601DateFormatter().string(from: date(tick)) }
    let latency: ClosedRange<UInt32>

    /// Runs once, right after the next successful body edit (another responder acting in that moment).
    private var afterNextEdit: (@Sendable () -> Void)?

    init(latency: ClosedRange<UInt32> = 200...2_000) { self.latency = latency }

    func afterNextEdit(_ action: @escaping @Sendable () -> Void) { lock.withLock { afterNextEdit = action } }

    var issueBody: String { lock.withLock { body } }
    var issueLabels: [String] { lock.withLock { labels } }

    /// A person sets the incident issue's labels in the browser.
    func setLabels(_ names: [String]) {
        lock.withLock {
            labels = names
            updatedAt += 1
        }
    }
    func callLog() -> [[String]] { lock.withLock { calls } }
    func clearCalls() { lock.withLock { calls = [] } }

    func run(_ arguments: [String], input: String?) throws(IncidentError) -> String {
        usleep(UInt32.random(in: latency))
        // GitHub refuses a longer body, with this message (gh relays it).
        if let input, (input.utf16.count) > 65_536, arguments.contains("--body-file=-") {
            throw .githubFailed(command: "gh " + arguments.joined(separator: " "), message: "GraphQL: Body is too long (maximum is 65536 characters) (updateIssue)")
        }
        let output = lock.withLock {
            calls.append(arguments)
            let flags = Dictionary(arguments.compactMap { word -> (String, String)? in
                guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return nil }
                return (String(word[..<equals]), String(word[word.index(after: equals)...]))
            }, uniquingKeysWith: { a, _ in a })
            switch (arguments[0], arguments[1]) {
            case ("repo", "view"): return flags["--json"] == "visibility" ? #"{"visibility":"PRIVATE"}"# : #"{"nameWithOwner":"acme/ops"}"#
            case ("label", "list"): return "[" + labels.map { #"{"name":"\#($0)"}"# }.joined(separator: ",") + "]"
            case ("label", "create"): return ""
            case ("issue", "create") where created:
                updatedAt += 1
                let number = others.count + 2
                others[number] = OtherIssue(title: flags["--title"] ?? "", body: input ?? "",
                                            labels: arguments.filter { $0.hasPrefix("--label=") }.map { String($0.dropFirst(8)) },
                                            assignees: arguments.filter { $0.hasPrefix("--assignee=") }.map { String($0.dropFirst(11)) },
                                            closedAt: nil, createdAt: updatedAt, updatedAt: updatedAt)
                return "https://github.com/acme/ops/issues/\(number)\n"
            case ("issue", "create"):
                (body, title, created) = (input ?? "", flags["--title"] ?? "", true)
                labels = arguments.filter { $0.hasPrefix("--label=") }.map { String($0.dropFirst(8)) }
                updatedAt += 1
                return "https://github.com/acme/ops/issues/1\n"
            case ("issue", "close"), ("issue", "reopen"):
                // gh posts the comment, then changes the state; an issue already in that state is left as it is.
                guard let number = arguments.last.flatMap(Int.init), others[number] != nil else { return "" }
                let closing = arguments[1] == "close"
                if (others[number]?.closedAt != nil) == closing { return "" }
                updatedAt += 1
                if let comment = flags["--comment"] { others[number]?.comments.append(comment) }
                others[number]?.closedAt = closing ? updatedAt : nil
                others[number]?.updatedAt = updatedAt
                return ""
            case ("issue", "list"):
                let wanted = Set((flags["--json"] ?? "").split(separator: ",").map(String.init))
                let label = flags["--label"]
                let listed: [[String: Any]] = others.sorted { $0.key > $1.key }.filter { label == nil || $0.value.labels.contains(label!) }.map { number, issue in
                    let object: [String: Any] = ["number": number, "state": issue.closedAt == nil ? "OPEN" : "CLOSED", "title": issue.title,
                                                 "createdAt": Self.stamp(issue.createdAt), "updatedAt": Self.stamp(issue.updatedAt),
                                                 "closedAt": issue.closedAt.map { Self.stamp($0) as Any } ?? NSNull()]
                    return object.filter { wanted.contains($0.key) }
                }
                let data = try? JSONSerialization.data(withJSONObject: listed, options: [.sortedKeys])
                return String(decoding: data ?? Data(), as: UTF8.self)
            case ("issue", "edit"):
                if arguments.contains("--body-file=-") { body = input ?? "" }
                if let newTitle = flags["--title"] { title = newTitle }
                for word in arguments where word.hasPrefix("--add-label=") { labels.append(String(word.dropFirst(12))) }
                for word in arguments where word.hasPrefix("--remove-label=") { labels.removeAll { $0 == String(word.dropFirst(15)) } }
                updatedAt += 1
                return "https://github.com/acme/ops/issues/1\n"
            case ("issue", "view"):
                let stamp = Self.stamp(updatedAt)
                let object: [String: Any] = ["body": body, "title": title, "labels": labels.map { ["name": $0] }, "assignees": [[String: String]](),
                                             "state": "OPEN", "number": 1, "url": "https://github.com/acme/ops/issues/1", "updatedAt": stamp]
                let wanted = Set((flags["--json"] ?? "").split(separator: ",").map(String.init))
                let data = try? JSONSerialization.data(withJSONObject: object.filter { wanted.contains($0.key) }, options: [.sortedKeys])
                return String(decoding: data ?? Data(), as: UTF8.self)
            default: return ""
            }
        }
        if arguments.starts(with: ["issue", "edit"]), let action = lock.withLock({ () -> (@Sendable () -> Void)? in
            defer { afterNextEdit = nil }
            return afterNextEdit
        }) {
            action()
        }
        return output
    }
}

/// Two machines on one issue: A declared the incident (with `actions`) and published it; B joined from the issue.
struct TwoMachines {
    let github = GitHubStandIn(latency: 0...0)
    let renderer: IncidentRenderer
    let a: IncidentStore, b: IncidentStore
    let publisherA: IssuePublisher, publisherB: IssuePublisher
    let incident: Incident

    init(title: String, actions: [String] = []) throws {
        renderer = try RenderingFixtures.renderer()
        (a, b) = (try IncidentStore.inMemory(actor: "a"), try IncidentStore.inMemory(actor: "b"))
        incident = try a.declare(IncidentDraft(title: title, severity: .p1, declaredAt: Date()))
        for text in actions { _ = try a.addAction(incident.number, text: text) }
        (publisherA, publisherB) = (IssuePublisher(store: a, renderer: renderer, gh: github), IssuePublisher(store: b, renderer: renderer, gh: github))
        _ = try publisherA.publish(incident.number, repo: "acme/ops", force: false)
        _ = try publisherB.join("1", repo: "acme/ops")
    }
}

/// What one machine did, to check against every record at the end.
private struct Contribution: Hashable {
    enum Kind: String { case tick, action, timeline, why }
    var kind: Kind
    var text: String
}

@Suite struct ManyMachinesTests {
    static let machines = 10, rounds = 12

    /// 10 responders on 10 machines (10 databases) join one P0 and, for 12 rounds, each pulls, does one or two things,
    /// and publishes, all at the same time; a publish that fails is retried after a pull. Then each pulls and publishes in
    /// turn, twice, and pulls once more. Every contribution is on the issue and in every record exactly once, and all
    /// ten render the same body. One seed in the short run, four at full size (`FAULTS_FULL_SIZE=1`, bench/faults.sh);
    /// bench/many-machines.sh plays the same with the built binary and the `gh` stand-in.
    @Test(arguments: FullSize.enabled ? [1, 2, 3, 4] : [1] as [UInt64])
    func tenMachinesConvergeWithNothingLostOrDuplicated(seed: UInt64) throws {
        let github = GitHubStandIn()
        let renderer = try RenderingFixtures.renderer()
        let stores = try (0..<Self.machines).map { try IncidentStore.inMemory(actor: "responder\($0)") }
        @Sendable func publisher(_ machine: Int) -> IssuePublisher { IssuePublisher(store: stores[machine], renderer: renderer, gh: github) }

        let first = try stores[0].declare(IncidentDraft(title: "API returns 503 on every request", severity: .p0, declaredAt: Date()))
        for text in ["Roll back the deploy", "Page the database team", "Check the connection pool"] {
            _ = try stores[0].addAction(first.number, text: text)
        }
        _ = try publisher(0).publish(first.number, repo: "acme/ops", force: false)
        for machine in 1..<Self.machines {
            guard case .imported = try publisher(machine).join("1", repo: "acme/ops") else { Issue.record("machine \(machine) did not join"); return }
        }

        let log = NSLock()
        nonisolated(unsafe) var made: [Contribution] = []
        nonisolated(unsafe) var failures: [String] = []
        for round in 1...Self.rounds {
            DispatchQueue.concurrentPerform(iterations: Self.machines) { machine in
                var random = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(round * 100 + machine))
                let store = stores[machine], publisher = publisher(machine)
                do {
                    _ = try publisher.pull(1)
                    var mine: [Contribution] = []
                    for _ in 0..<Int.random(in: 1...2, using: &random) {
                        let tag = "m\(machine) r\(round) \(Int.random(in: 0..<1000, using: &random))"
                        switch Int.random(in: 0..<4, using: &random) {
                        case 0:
                            let open = try store.incident(1).actions.filter { !$0.isDone }
                            guard let pick = open.randomElement(using: &random) else { continue }
                            _ = try store.setActions([pick.number], done: true, in: 1)
                            mine.append(Contribution(kind: .tick, text: pick.text))
                        case 1:
                            _ = try store.addAction(1, text: "action \(tag)", horizon: .mediumTerm)
                            mine.append(Contribution(kind: .action, text: "action \(tag)"))
                        case 2:
                            _ = try store.addTimelineEntry(1, text: "entry \(tag)", at: Date())
                            mine.append(Contribution(kind: .timeline, text: "entry \(tag)"))
                        default:
                            _ = try store.addWhy(1, text: "why \(tag)")
                            mine.append(Contribution(kind: .why, text: "why \(tag)"))
                        }
                    }
                    log.withLock { made += mine }
                    var published = false
                    for _ in 0..<5 where !published {
                        do {
                            _ = try publisher.publish(1, repo: nil, force: false)
                            published = true
                        } catch {
                            _ = try publisher.pull(1)
                        }
                    }
                    if !published { log.withLock { failures.append("machine \(machine) round \(round): publish kept failing") } }
                } catch {
                    log.withLock { failures.append("machine \(machine) round \(round): \(error)") }
                }
            }
        }
        // A quiet period: each machine pulls and publishes in turn, twice; then each pulls.
        for _ in 1...2 {
            for machine in 0..<Self.machines {
                _ = try publisher(machine).pull(1)
                _ = try publisher(machine).publish(1, repo: nil, force: false)
            }
        }
        for machine in 0..<Self.machines { _ = try publisher(machine).pull(1) }
        #expect(failures.isEmpty, "\(failures)")

        let records = try stores.map { try $0.incident(1) }
        let issue = try #require(try SharedRecord.read(fromBody: github.issueBody)).incident(on: records[0]).0
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let bodies = try records.map { try renderer.issueBody($0, at: at) }
        #expect(Set(bodies).count == 1, "the ten records render \(Set(bodies).count) different bodies")
        #expect(try renderer.issueBody(issue, at: at) == bodies[0])

        var lost = 0, duplicated = 0
        for record in records + [issue] {
            for contribution in made {
                let count: Int
                switch contribution.kind {
                case .tick: count = record.actions.filter { $0.text == contribution.text && $0.isDone }.count
                case .action: count = record.actions.filter { $0.text == contribution.text }.count
                case .timeline: count = record.timeline.filter { $0.text == contribution.text }.count
                case .why: count = record.whys.filter { $0.text == contribution.text }.count
                }
                if count == 0 { lost += 1 }
                if count > 1 { duplicated += 1 }
            }
            #expect(record.actions.map(\.number) == Array(1...record.actions.count), "numbers agree and have no gaps")
        }
        #expect(lost == 0 && duplicated == 0, "lost \(lost), duplicated \(duplicated)")
        let kinds = Dictionary(grouping: made, by: \.kind).mapValues(\.count)
        print("many machines (seed \(seed)): \(made.count) contributions (\(kinds[.tick] ?? 0) ticks, \(kinds[.action] ?? 0) actions, "
              + "\(kinds[.timeline] ?? 0) timeline entries, \(kinds[.why] ?? 0) whys); lost \(lost), duplicated \(duplicated); "
              + "\(Set(bodies).count) distinct body across \(Self.machines) machines; \(github.callLog().count) gh calls")
        #expect(made.count >= Self.machines * Self.rounds)
    }

    /// Round trips are what people feel: a pull is one call; a publish of a change here is read, write, read back; a
    /// publish with nothing new is one read.
    @Test func pullIsOneCallAndPublishThree() throws {
        let machines = try TwoMachines(title: "Queue backlog", actions: ["Drain the queue"])
        let (github, b) = (machines.github, machines.b)
        let publisherB = machines.publisherB

        github.clearCalls()
        _ = try publisherB.pull(1)
        #expect(github.callLog().map { $0.prefix(2).joined(separator: " ") } == ["issue view"])

        _ = try b.addAction(1, text: "Add a consumer")
        github.clearCalls()
        let published = try publisherB.publish(1, repo: nil, force: false)
        #expect(github.callLog().map { $0.prefix(2).joined(separator: " ") } == ["issue view", "issue edit", "issue view"])
        #expect(published.pushed)

        github.clearCalls()
        let again = try publisherB.publish(1, repo: nil, force: false)
        #expect(github.callLog().count == 1 && !again.pushed)

        // A label added here rides in the same edit as the body.
        var changes = IncidentChanges()
        changes.addLabels = ["database"]
        _ = try b.update(1, with: changes)
        github.clearCalls()
        _ = try publisherB.publish(1, repo: nil, force: false)
        let edit = try #require(github.callLog().first { $0.starts(with: ["issue", "edit"]) })
        #expect(github.callLog().count == 3 && edit.contains("--add-label=database"))
    }

    /// A removal made on one machine removes the item on every machine; a copy that lacks an item (overwritten by a
    /// concurrent publish) never does.
    @Test func aRemovalTravelsButAnAbsenceDoesNot() throws {
        let machines = try TwoMachines(title: "Queue backlog", actions: ["Drain the queue", "Add a consumer", "Alert on lag"])
        let (github, a, b) = (machines.github, machines.a, machines.b)
        let (publisherA, publisherB, incident) = (machines.publisherA, machines.publisherB, machines.incident)

        #expect(try b.removeItem(1, kind: .action, item: 2) == "Add a consumer")
        _ = try publisherB.publish(1, repo: nil, force: false)
        let pulled = try publisherA.pull(incident.number)
        #expect(try a.incident(incident.number).actions.map(\.text) == ["Drain the queue", "Alert on lag"])
        #expect(pulled.merge.renumbered == ["action 2 was removed on another machine"])
        // Numbers don't move: action 3 is still action 3 everywhere.
        #expect(try a.incident(incident.number).actions.map(\.number) == [1, 3])

        // An old copy of the body without action 3 (a concurrent publisher's) doesn't remove it.
        let old = github.issueBody
        _ = try a.addAction(incident.number, text: "Write the postmortem")
        _ = try publisherA.publish(incident.number, repo: nil, force: false)
        _ = try github.run(["issue", "edit", "--repo=acme/ops", "--body-file=-", "--", "1"], input: old)
        _ = try publisherA.pull(incident.number)
        #expect(try a.incident(incident.number).actions.map(\.text) == ["Drain the queue", "Alert on lag", "Write the postmortem"])
        _ = try publisherA.publish(incident.number, repo: nil, force: false)
        #expect(github.issueBody.contains("Write the postmortem") && !github.issueBody.contains("- [ ] Add a consumer"))
    }
}

/// The two-machine case of the issue: B adds an action and a timeline entry and publishes; A adds a timeline entry and
/// publishes. A's publish succeeds and carries B's work, and A's record has it.
@Suite struct TwoMachinesTests {
    @Test func aSecondPublisherCarriesTheFirstOnesWork() throws {
        let machines = try TwoMachines(title: "Checkout errors", actions: [])
        let (github, a, b) = (machines.github, machines.a, machines.b)
        let (publisherA, publisherB, incident) = (machines.publisherA, machines.publisherB, machines.incident)
        _ = try b.addAction(1, text: "Fail over to the second region")
        _ = try b.addTimelineEntry(1, text: "Errors traced to the payment gateway", at: Date())
        _ = try publisherB.publish(1, repo: nil, force: false)
        _ = try a.addTimelineEntry(incident.number, text: "Status page updated", at: Date())
        let published = try publisherA.publish(incident.number, repo: nil, force: false)
        #expect(published.pushed && published.merge.arrived == ["1 action", "1 timeline entry"])
        for text in ["Fail over to the second region", "Errors traced to the payment gateway", "Status page updated"] {
            #expect(github.issueBody.contains(text))
        }
        let record = try a.incident(incident.number)
        #expect(record.actions.map(\.text) == ["Fail over to the second region"])
        #expect(record.timeline.map(\.text).contains("Errors traced to the payment gateway"))
        _ = try publisherB.pull(1)
        #expect(try b.incident(1).timeline.map(\.text).contains("Status page updated"))
    }
}

/// GitHub refuses bodies over 65,536 characters: a longer record still publishes, its oldest timeline entries folded out of
/// the Markdown (never out of the hidden copy, so no machine loses them); one too large even so is refused before any push.
@Suite struct BodyLimitTests {
    @Test func aLongTimelineIsFoldedAndEveryMachineKeepsAllOfIt() throws {
        let github = GitHubStandIn(latency: 0...0)
        let renderer = try RenderingFixtures.renderer()
        let (a, b) = (try IncidentStore.inMemory(actor: "a"), try IncidentStore.inMemory(actor: "b"))
        let start = Date().addingTimeInterval(-86_400)
        let incident = try a.declare(IncidentDraft(title: "Storage cluster degraded", severity: .p0, declaredAt: start))
        for index in 1...150 {
            let text = "Entry \(index): " + String(repeating: "replica lag measured on node \(index % 7) ", count: 5)
            _ = try a.addTimelineEntry(incident.number, text: text, at: start.addingTimeInterval(Double(index) * 60))
        }
        let published = try IssuePublisher(store: a, renderer: renderer, gh: github).publish(incident.number, repo: "acme/ops", force: false)
        #expect(published.foldedTimelineEntries > 0 && published.foldedTimelineEntries < 151)
        #expect(github.issueBody.utf16.count <= 65_536)
        #expect(github.issueBody.contains("oldest timeline entries are folded out of this body"))
        let visible = SharedRecord.visiblePart(of: github.issueBody)
        #expect(visible.contains("Entry 150:") && !visible.contains("Entry 1: "))
        _ = try IssuePublisher(store: b, renderer: renderer, gh: github).join("1", repo: "acme/ops")
        #expect(try b.incident(1).timeline.count == 151)
        #expect(try b.incident(1).timeline.map(\.text) == (try a.incident(incident.number)).timeline.map(\.text))
        // The fold is only in the body: the record here has no extra section.
        #expect(try a.incident(incident.number).sections.isEmpty && (try b.incident(1)).sections.isEmpty)
    }

    @Test func aRecordTooLargeEvenFoldedIsRefusedBeforeAnyPush() throws {
        let github = GitHubStandIn(latency: 0...0)
        let store = try IncidentStore.inMemory(actor: "a")
        let incident = try store.declare(IncidentDraft(title: "Storage cluster degraded", severity: .p0, declaredAt: Date()))
        try store.addSection(incident.number, FreeSection(title: "Raw notes", markdown: String(repeating: "a long pasted log line\n", count: 4_000)))
        let before = try store.incident(incident.number)
        #expect(throws: IncidentError.self) {
            _ = try IssuePublisher(store: store, renderer: try RenderingFixtures.renderer(), gh: github).publish(incident.number, repo: "acme/ops", force: false)
        }
        #expect(!github.callLog().contains { $0.starts(with: ["issue", "create"]) })
        #expect(try store.incident(incident.number) == before)
    }
}

/// An incident imported from a file and published keeps its items' identities when the file changes and is imported
/// again: the next publish updates them instead of adding copies.
@Suite struct ReimportTests {
    @Test func aReimportedFileKeepsItsItemsIdentities() throws {
        let github = GitHubStandIn(latency: 0...0)
        let store = try IncidentStore.inMemory(actor: "a")
        var record = Incident(number: 0, title: "Disk full on db-1", severity: .p1, declaredAt: Date(timeIntervalSince1970: 1_800_000_000))
        record.actions = [ActionItem(number: 1, horizon: .immediate, text: "Free space on db-1"),
                          ActionItem(number: 2, horizon: .longTerm, text: "Alert at 80% disk")]
        record.timeline = [TimelineEntry(at: Date(timeIntervalSince1970: 1_800_000_060), kind: .detected, text: "Disk alert fired", isManual: true)]
        let imported = try store.importIncident(record, source: "postmortems/db-1.md", hash: "one")
        let publisher = IssuePublisher(store: store, renderer: try RenderingFixtures.renderer(), gh: github)
        _ = try publisher.publish(imported.number, repo: "acme/ops", force: false)

        record.actions[1].text = "Alert at 75% disk"
        record.actions.append(ActionItem(number: 3, horizon: .longTerm, text: "Rotate logs daily"))
        _ = try store.replaceImported(imported.number, with: record, source: "postmortems/db-1.md", hash: "two")
        _ = try publisher.publish(imported.number, repo: nil, force: false)
        let shared = try #require(try SharedRecord.read(fromBody: github.issueBody)).incident(on: imported).0
        #expect(shared.actions.map(\.text) == ["Free space on db-1", "Alert at 75% disk", "Rotate logs daily"])
        #expect(shared.timeline.count == 1)
        #expect(try store.incident(imported.number).actions.map(\.text) == shared.actions.map(\.text))

        // An item the file no longer has was removed there: the removal travels. The importer numbers the rest anew.
        record.actions.remove(at: 0)
        for index in record.actions.indices { record.actions[index].number = index + 1 }
        _ = try store.replaceImported(imported.number, with: record, source: "postmortems/db-1.md", hash: "three")
        _ = try publisher.publish(imported.number, repo: nil, force: false)
        let after = try #require(try SharedRecord.read(fromBody: github.issueBody)).incident(on: imported).0
        #expect(after.actions.map(\.text) == ["Alert at 75% disk", "Rotate logs daily"])
        // The same items, not renamed ones: the removed one is the one that left the file.
        let uids = try #require(try SharedRecord.read(fromBody: github.issueBody))
        #expect(uids.items.values.filter { $0.kind == .action && $0.isRemoved }.map { $0.value("text") } == ["Free space on db-1"])
    }
}

/// A push overwritten right after another machine merged it: the next push must name the new items as the first did,
/// or the other machine's copy and ours would hold the same entry twice.
@Suite struct OverwrittenPushTests {
    @Test func itemsKeepTheIdentityTheirFirstPushGaveThem() throws {
        let machines = try TwoMachines(title: "Checkout errors", actions: [])
        let (github, renderer, a, b) = (machines.github, machines.renderer, machines.a, machines.b)
        let (publisherA, publisherB, incident) = (machines.publisherA, machines.publisherB, machines.incident)
        let stale = github.issueBody
        _ = try a.addTimelineEntry(incident.number, text: "Gateway timeouts spiking", at: Date())
        // Right after A's push, B merges it, and a stale publisher writes an old body over the issue.
        github.afterNextEdit {
            _ = try? IssuePublisher(store: b, renderer: renderer, gh: github).pull(1)
            _ = try? github.run(["issue", "edit", "--repo=acme/ops", "--body-file=-", "--", "1"], input: stale)
        }
        let published = try publisherA.publish(incident.number, repo: nil, force: false)
        #expect(published.passes == 2)
        _ = try publisherB.publish(1, repo: nil, force: false)
        _ = try publisherA.pull(incident.number)
        for store in [a, b] {
            #expect(try store.incident(1).timeline.filter { $0.text == "Gateway timeouts spiking" }.count == 1)
        }
    }
}

/// What the people outside see travels too: the public flag and title, public updates, internal sections.
@Suite struct PublicFieldsTravelTests {
    @Test func publicUpdatesAndFlagsReachTheOtherMachine() throws {
        let machines = try TwoMachines(title: "Checkout errors", actions: [])
        let (a, b) = (machines.a, machines.b)
        let (publisherA, publisherB, incident) = (machines.publisherA, machines.publisherB, machines.incident)
        var changes = IncidentChanges()
        changes.isPublic = true
        changes.publicTitle = "Payments are failing"
        _ = try b.update(1, with: changes)
        _ = try b.recordPublicUpdate(1, text: "We are investigating failed payments.", at: Date()) { _, _, _ in "" }
        try b.addSection(1, FreeSection(title: "Suspects", markdown: "The gateway's new TLS setting.", isInternal: true))
        _ = try publisherB.publish(1, repo: nil, force: false)
        _ = try publisherA.pull(incident.number)
        let record = try a.incident(incident.number)
        #expect(record.isPublic && record.publicTitle == "Payments are failing")
        #expect(record.publicUpdates.map(\.text) == ["We are investigating failed payments."])
        #expect(record.sections.map(\.isInternal) == [true])
        // And back: A's second update reaches B, which keeps one copy of the first.
        _ = try a.recordPublicUpdate(incident.number, text: "A fix is being deployed.", at: Date()) { _, _, _ in "" }
        _ = try publisherA.publish(incident.number, repo: nil, force: false)
        _ = try publisherB.pull(1)
        #expect(try b.incident(1).publicUpdates.map(\.text) == ["We are investigating failed payments.", "A fix is being deployed."])
    }
}
