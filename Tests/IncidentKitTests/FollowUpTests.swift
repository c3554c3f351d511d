import Foundation
import Testing
@testable import IncidentKit

/// Follow-ups as GitHub issues, in process against `GitHubStandIn`: tracking creates one issue per action, a pull reads
/// every tracked issue's state in one more call and turns a close into a tick at the close time, a publish closes the
/// issue of an action ticked here.
@Suite struct FollowUpTests {
    /// Machine A with a published P1 and three medium- or long-term actions (the second owned by @alice, due), plus
    /// one immediate action that `--all-open` leaves out.
    private static func world() throws -> (GitHubStandIn, IncidentStore, IssuePublisher, Int) {
        let github = GitHubStandIn(latency: 0...0)
        let store = try IncidentStore.inMemory(actor: "alice")
        let publisher = IssuePublisher(store: store, renderer: try RenderingFixtures.renderer(), gh: github)
        let incident = try store.declare(IncidentDraft(title: "Queue backlog", severity: .p1, declaredAt: Date(timeIntervalSinceNow: -3600)))
        _ = try store.addAction(incident.number, text: "Drain the queue")
        _ = try store.addAction(incident.number, text: "Add a consumer", horizon: .mediumTerm)
        _ = try store.addAction(incident.number, text: "Alert on lag", horizon: .mediumTerm, details: "`lag > 1000` for 5 minutes",
                                owner: "@alice", due: Date(timeIntervalSinceNow: 86_400))
        _ = try store.addAction(incident.number, text: "Capacity review", horizon: .longTerm, owner: "infra team")
        _ = try publisher.publish(incident.number, repo: "acme/ops", force: false)
        return (github, store, publisher, incident.number)
    }

    @Test func trackingCreatesOneIssuePerActionWithLabelsOwnerAndALinkBackAndTrackingAgainCreatesNone() throws {
        let (github, store, publisher, number) = try Self.world()
        github.clearCalls()
        let tracked = try publisher.track(number, actions: nil, repo: nil)
        #expect(tracked.created.map(\.action) == [2, 3, 4])
        #expect(tracked.created.map(\.issue.reference) == ["acme/ops#2", "acme/ops#3", "acme/ops#4"])
        #expect(github.callLog().filter { $0.starts(with: ["issue", "create"]) }.count == 3)
        let alert = try #require(github.other(3))
        #expect(alert.title == "Alert on lag")
        #expect(alert.labels == ["follow-up", "P1"] && alert.assignees == ["alice"])
        #expect(alert.body.contains("acme/ops#1") && alert.body.contains("`lag > 1000` for 5 minutes") && alert.body.contains("@alice"))
        // A team name is no GitHub login: the issue has no assignee.
        #expect(github.other(4)?.assignees == [])
        #expect(try store.incident(number).actions.map { $0.tracked?.reference } == [nil, "acme/ops#2", "acme/ops#3", "acme/ops#4"])

        github.clearCalls()
        let again = try publisher.track(number, actions: nil, repo: nil)
        #expect(again.created.isEmpty && again.already.map(\.action) == [2, 3, 4])
        #expect(try publisher.track(number, actions: [3], repo: nil).created.isEmpty)
        #expect(github.callLog().isEmpty)
    }

    @Test func aPullReadsEveryTrackedIssueInOneMoreCallAndTicksAtTheCloseTime() throws {
        let (github, store, publisher, number) = try Self.world()
        github.clearCalls()
        _ = try publisher.pull(number)
        #expect(github.callLog().map { $0.prefix(2).joined(separator: " ") } == ["issue view"], "no tracked items: no second call")

        _ = try publisher.track(number, actions: [2, 3, 4], repo: nil)
        let closedAt = github.setClosed(3, true)
        github.clearCalls()
        let pulled = try publisher.pull(number)
        #expect(github.callLog().map { $0.prefix(2).joined(separator: " ") } == ["issue view", "issue list"])
        #expect(pulled.followUpsRead == 3 && pulled.merge.ticks == ["checked action 3: Alert on lag"])
        let alert = try #require(try store.incident(number).actions.first { $0.number == 3 })
        #expect(alert.doneAt == closedAt && alert.doneBy == "GitHub")
        #expect(try store.incident(number).actions.filter(\.isDone).map(\.number) == [3])

        // Nothing changed on GitHub since: the next pull applies nothing (an untick here stays).
        _ = try store.setActions([3], done: false, in: number)
        _ = try publisher.pull(number)
        #expect(try store.incident(number).actions.first { $0.number == 3 }?.isDone == false)
        _ = try store.setActions([3], done: true, in: number)

        // Reopened on GitHub: unticked at the next pull.
        github.setClosed(3, false)
        let reopened = try publisher.pull(number)
        #expect(reopened.merge.ticks == ["unchecked action 3: Alert on lag"])
        #expect(try store.incident(number).actions.first { $0.number == 3 }?.isDone == false)
    }

    @Test func tickingHereClosesTheIssueOnPublishWithACommentAndUntickingReopensIt() throws {
        let (github, store, publisher, number) = try Self.world()
        _ = try publisher.track(number, actions: [2, 4], repo: nil)
        _ = try store.setActions([2], done: true, in: number)
        github.clearCalls()
        let published = try publisher.publish(number, repo: nil, force: false)
        let closes = github.callLog().filter { $0.starts(with: ["issue", "close"]) }
        #expect(closes.count == 1 && closes.first?.last == "2")
        #expect(github.other(2)?.closedAt != nil && github.other(4)?.closedAt == nil)
        #expect(github.other(2)?.comments.first?.contains("action 2 of INC-1 (acme/ops#1)") == true)
        #expect(published.followUps == ["closed acme/ops#2 (action 2 is done)"])

        // Published again with nothing changed: no call for the follow-ups; a pull sees the close it made and changes nothing.
        github.clearCalls()
        _ = try publisher.publish(number, repo: nil, force: false)
        #expect(!github.callLog().contains { $0.starts(with: ["issue", "close"]) })
        _ = try publisher.pull(number)
        #expect(try store.incident(number).actions.first { $0.number == 2 }?.doneBy == "alice")

        _ = try store.setActions([2], done: false, in: number)
        github.clearCalls()
        let reopened = try publisher.publish(number, repo: nil, force: false)
        #expect(github.callLog().filter { $0.starts(with: ["issue", "reopen"]) }.count == 1)
        #expect(github.other(2)?.closedAt == nil && reopened.followUps == ["reopened acme/ops#2 (action 2 is open again)"])
    }

    @Test func theLinkTravelsWithTheRecordAndAnotherMachineLearnsTheCloseToo() throws {
        let (github, a, publisherA, number) = try Self.world()
        _ = try publisherA.track(number, actions: [2], repo: nil)
        _ = try publisherA.publish(number, repo: nil, force: false)
        let b = try IncidentStore.inMemory(actor: "bob")
        let publisherB = IssuePublisher(store: b, renderer: try RenderingFixtures.renderer(), gh: github)
        _ = try publisherB.join("1", repo: "acme/ops")
        #expect(try b.incident(1).actions.first { $0.number == 2 }?.tracked?.reference == "acme/ops#2")
        #expect(github.issueBody.contains("Add a consumer (acme/ops#2)"))

        // Closed on GitHub: both machines tick it at the close time; their records agree.
        let closedAt = github.setClosed(2, true)
        _ = try publisherB.pull(1)
        _ = try publisherA.pull(number)
        #expect(try b.incident(1).actions.first { $0.number == 2 }?.doneAt == closedAt)
        #expect(try a.incident(number).actions.first { $0.number == 2 }?.doneAt == closedAt)
        // B publishes: the issue is closed already as far as B saw, so no close call.
        github.clearCalls()
        _ = try publisherB.publish(1, repo: nil, force: false)
        #expect(!github.callLog().contains { $0.starts(with: ["issue", "close"]) })
    }

    @Test func aRefreshAppliesClosesAcrossIncidentsIncludingOnesNeverPublished() throws {
        let (github, store, publisher, number) = try Self.world()
        _ = try publisher.track(number, actions: [2], repo: nil)
        let other = try store.declare(IncidentDraft(title: "Disk full", severity: .p3, declaredAt: Date(timeIntervalSinceNow: -600)))
        _ = try store.addAction(other.number, text: "Rotate logs", horizon: .longTerm)
        let rotate = try #require(try publisher.track(other.number, actions: nil, repo: "acme/ops").created.first?.issue)
        #expect(try store.incident(other.number).github == nil)
        let closedAt = github.setClosed(rotate.number, true)
        github.clearCalls()
        let refreshed = try publisher.refreshFollowUps()
        #expect(github.callLog().map { $0.prefix(2).joined(separator: " ") } == ["issue list"])
        #expect(refreshed.read == 2 && refreshed.ticks.map(\.incident) == [other.number])
        #expect(try store.incident(other.number).actions.first?.doneAt == closedAt)
        #expect(try store.incident(number).actions.filter(\.isDone).isEmpty)
    }

    @Test func aFailedCreateKeepsTheActionsAlreadyTrackedAndNamesTheRest() throws {
        let (_, store, publisher, number) = try Self.world()
        let failing = IssuePublisher(store: store, renderer: try RenderingFixtures.renderer(), gh: FailingOnSecondCreate())
        #expect {
            _ = try failing.track(number, actions: nil, repo: nil)
        } throws: { error in
            guard case IncidentError.githubFailed(_, let message) = error else { return false }
            return message.contains("'bob' not found") && message.contains("done before it: action 2 as acme/ops#2")
                && message.contains("not tracked: actions 3, 4")
        }
        #expect(try store.incident(number).actions.map { $0.tracked?.reference } == [nil, "acme/ops#2", nil, nil])
        _ = publisher
    }

    @Test func aTrackedIssueRendersBesideItsItemAndImportsBack() throws {
        var incident = Incident(number: 1, title: "Queue backlog", severity: .p1, declaredAt: RenderingFixtures.now)
        incident.actions = [ActionItem(number: 1, horizon: .mediumTerm, text: "Add a consumer", owner: "infra", tracked: TrackedIssue(repo: "acme/ops", number: 57))]
        let body = try RenderingFixtures.renderer().issueBody(incident, at: RenderingFixtures.now)
        #expect(body.contains("- [ ] Add a consumer (acme/ops#57) _(owner: infra)_"))
        let back = try IncidentImporter(zone: RenderingFixtures.utc, now: RenderingFixtures.now).read(body).incident
        #expect(back.actions.first?.tracked == TrackedIssue(repo: "acme/ops", number: 57) && back.actions.first?.text == "Add a consumer")
        let html = try RenderingFixtures.renderer().postmortem(incident, format: .html, at: RenderingFixtures.now)
        #expect(html.contains(#"Add a consumer (<a href="https://github.com/acme/ops/issues/57">acme/ops#57</a>)"#))
    }
}

/// gh that creates the first follow-up issue (#2) and refuses the second's assignee, as GitHub does for an unknown login.
private final class FailingOnSecondCreate: GitHubRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var creates = 0

    func run(_ arguments: [String], input: String?) throws(IncidentError) -> String {
        let count: Int = lock.withLock {
            if arguments.starts(with: ["issue", "create"]) { creates += 1 }
            return creates
        }
        switch (arguments[0], arguments[1]) {
        case ("repo", "view"): return #"{"visibility":"PRIVATE"}"#
        case ("label", "list"): return "[]"
        case ("issue", "create") where count == 1: return "https://github.com/acme/ops/issues/2\n"
        case ("issue", "create"):
            throw .githubFailed(command: GitHubCLI.commandLine(arguments), message: "could not assign user: 'bob' not found")
        default: return ""
        }
    }
}
