import Foundation

/// Follow-ups as GitHub issues: an action becomes an issue of its own (`track`), its issue's state comes back as its
/// box (`pull`, `refreshFollowUps`), and its box goes out as the issue's state (`publish`).
extension IssuePublisher {
    /// What `track` did.
    public struct Tracked: Sendable {
        public var repo: String?
        /// Actions tracked now, with their new issues.
        public var created: [(action: Int, text: String, issue: TrackedIssue)] = []
        /// Actions tracked before: nothing was done for them.
        public var already: [(action: Int, issue: TrackedIssue)] = []
        public var labelsCreated: [String] = []
    }

    /// Creates one GitHub issue per action of incident `number` (`actions`, or every open medium- and long-term action
    /// when nil): the action's text as title, the `follow-up.md` body, the labels `follow-up` and the severity (created
    /// when missing), the owner assigned when it is an `@login`. Each link is stored as soon as its issue exists, so a
    /// failure leaves the actions already tracked tracked and names the rest. An action tracked before is left alone.
    /// The repository is `repo`, else the incident's issue's, else the one gh resolves; a public one is refused unless
    /// `allowingPublic`.
    public func track(_ number: Int, actions numbers: [Int]?, repo: String?, allowingPublic: Bool = false) throws(IncidentError) -> Tracked {
        let incident = try store.incident(number)
        var picked: [ActionItem] = []
        if let numbers {
            for item in numbers {
                guard let action = incident.actions.first(where: { $0.number == item }) else {
                    throw .itemOutOfRange(.action, number: item, incident: number, count: incident.actions.count)
                }
                if !picked.contains(where: { $0.number == item }) { picked.append(action) }
            }
        } else {
            picked = incident.actions.filter { !$0.isDone && $0.horizon != .immediate }
        }
        var result = Tracked()
        result.already = picked.compactMap { action in action.tracked.map { (action.number, $0) } }
        let pending = picked.filter { $0.tracked == nil }
        guard !pending.isEmpty else { return result }

        // Unlike a publish, `repo` may differ from the incident's issue's: follow-ups often belong to another team's repository.
        let target: String
        if let repo { target = try resolveRepo(repo, linked: nil) } else if let linked = incident.github { target = linked.repo } else {
            target = try resolveRepo(nil, linked: nil)
        }
        result.repo = target
        var learned = try checkVisibility(of: target, allowingPublic: allowingPublic)
        let labels = [GitHubArguments.followUpLabel, incident.severity.label]
        result.labelsCreated += try createMissingLabels(labels, in: target)
        for (index, action) in pending.enumerated() {
            let arguments = GitHubArguments.createIssue(repo: target, title: action.text, labels: labels,
                                                        assignees: Self.logins(action.owner.map { [$0] } ?? []))
            do throws(IncidentError) {
                let output = try gh.run(arguments, input: try renderer.followUpBody(action, of: incident))
                guard let link = output.split(whereSeparator: \.isNewline).reversed().lazy.compactMap({ GitHubLink(url: String($0)) }).first else {
                    throw IncidentError.githubFailed(command: GitHubCLI.commandLine(arguments), message: "it printed no issue URL (\(output.prefix(80)))")
                }
                let issue = TrackedIssue(repo: link.repo, number: link.number)
                try store.setTracked(number, action: action.number, as: issue, createdAt: now())
                if let known = learned {
                    try store.rememberVisibility(known, of: target)
                    learned = nil
                }
                result.created.append((action.number, action.text, issue))
            } catch {
                throw Self.partly(error, done: result.created.map { "action \($0.action) as \($0.issue.reference)" },
                                  left: pending[index...].map(\.number))
            }
        }
        return result
    }

    /// The states of `issues` on GitHub: one `gh issue list` per repository (follow-ups carry the `follow-up` label).
    /// An issue GitHub doesn't list (its label removed, or past the limit) is left out: its item keeps its box.
    func readStates(of issues: Set<TrackedIssue>) throws(IncidentError) -> [TrackedIssueState] {
        struct Listed: Decodable { var number: Int; var state: String; var createdAt: String?; var closedAt: String?; var updatedAt: String? }
        func date(_ text: String?) -> Date? { text.flatMap { try? Date($0, strategy: .iso8601) } }
        var states: [TrackedIssueState] = []
        let byRepo = Dictionary(grouping: issues) { $0.repo.lowercased() }
        for key in byRepo.keys.sorted() {
            let wanted = byRepo[key] ?? []
            let arguments = GitHubArguments.listFollowUps(repo: wanted[0].repo)
            let output = try gh.run(arguments)
            guard let listed = try? JSONDecoder().decode([Listed].self, from: Data(output.utf8)) else {
                throw .githubFailed(command: GitHubCLI.commandLine(arguments), message: "its output is not the JSON gh prints (\(output.prefix(80)))")
            }
            let numbers = Dictionary(wanted.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for item in listed {
                guard let issue = numbers[item.number] else { continue }
                let closed = item.state.uppercased() == "CLOSED"
                states.append(TrackedIssueState(issue: issue, isClosed: closed, createdAt: date(item.createdAt),
                                                closedAt: closed ? date(item.closedAt) : nil, updatedAt: date(item.updatedAt)))
            }
        }
        return states.sorted { $0.issue < $1.issue }
    }

    /// What `refreshFollowUps` did.
    public struct Refreshed: Sendable {
        /// Tracked issues whose state was read.
        public var read = 0
        /// Per incident, the boxes GitHub's states ticked or unticked: "checked action 2: Add a consumer".
        public var ticks: [(incident: Int, lines: [String])] = []
    }

    /// Reads the state of every tracked follow-up of every incident (one `gh` call per repository) and applies what
    /// changed on GitHub since the last look: closed → ticked at the close time, reopened → unticked.
    public func refreshFollowUps() throws(IncidentError) -> Refreshed {
        let byIncident = try store.trackedIssues()
        var result = Refreshed()
        guard !byIncident.isEmpty else { return result }
        let states = try readStates(of: Set(byIncident.values.joined()))
        result.read = states.count
        let byIssue = Dictionary(states.map { ($0.issue, $0) }, uniquingKeysWith: { a, _ in a })
        for (number, issues) in byIncident.sorted(by: { $0.key < $1.key }) {
            let observed = issues.compactMap { byIssue[$0] }
            guard !observed.isEmpty else { continue }
            let outcome = try store.applyTrackedStates(number, observed) { outcome in
                "follow-ups read from GitHub: " + outcome.tickLines.joined(separator: ", ")
            }
            if let outcome, !outcome.tickLines.isEmpty { result.ticks.append((number, outcome.tickLines)) }
        }
        return result
    }

    /// Closes the issue of each tracked action of incident `number` that is done here and not closed there (as last
    /// seen), and reopens each one not done here and closed there, with a comment naming the incident. Returns what it did.
    func settleFollowUps(of number: Int, publishedTo link: GitHubLink) throws(IncidentError) -> [String] {
        let incident = try store.incident(number)
        let plan = try followUpPlan(incident)
        var lines: [String] = []
        for step in plan {
            do throws(IncidentError) {
                _ = try gh.run(step.arguments)
            } catch {
                throw Self.partly(error, done: ["published to \(link.reference)"] + lines, left: [],
                                  pending: "\(step.issue.reference) not \(step.close ? "closed" : "reopened") yet; the next publish tries again")
            }
            try store.rememberStates([TrackedIssueState(issue: step.issue, isClosed: step.close)])
            lines.append("\(step.close ? "closed" : "reopened") \(step.issue.reference) (action \(step.action) is \(step.close ? "done" : "open again"))")
        }
        return lines
    }

    /// The close and reopen calls a publish of `incident` makes for its tracked follow-ups.
    func followUpPlan(_ incident: Incident) throws(IncidentError) -> [(issue: TrackedIssue, action: Int, close: Bool, arguments: [String])] {
        let tracked = incident.actions.filter { $0.tracked != nil }
        guard !tracked.isEmpty else { return [] }
        let seen = try store.seenStates(of: tracked.compactMap(\.tracked))
        let source = incident.github.map { "\(incident.id) (\($0.reference))" } ?? incident.id
        var plan: [(issue: TrackedIssue, action: Int, close: Bool, arguments: [String])] = []
        for action in tracked {
            guard let issue = action.tracked else { continue }
            // Never seen here (tracked on another machine): a done item's issue is closed, which gh accepts if it already is.
            let closedThere = seen[issue]?.isClosed ?? false
            if action.isDone, !closedThere {
                let by = action.doneBy.map { " by \($0)" } ?? ""
                let when = action.doneAt.map { " at \(TimeFormat.utc($0))" } ?? ""
                plan.append((issue, action.number, true, GitHubArguments.closeFollowUp(
                    issue.number, repo: issue.repo, comment: "Done: action \(action.number) of \(source) was checked\(by)\(when).")))
            } else if !action.isDone, seen[issue]?.isClosed == true {
                plan.append((issue, action.number, false, GitHubArguments.reopenFollowUp(
                    issue.number, repo: issue.repo, comment: "Reopened: action \(action.number) of \(source) is not done any more.")))
            }
        }
        return plan
    }

    /// `error` with what was done before it and what was left undone, in its message (so it stays one line of its kind).
    static func partly(_ error: IncidentError, done: [String], left: [Int], pending: String? = nil) -> IncidentError {
        var notes: [String] = []
        if !done.isEmpty { notes.append("done before it: " + done.joined(separator: ", ")) }
        if !left.isEmpty { notes.append("not tracked: " + (left.count == 1 ? "action " : "actions ") + left.map(String.init).joined(separator: ", ")) }
        if let pending { notes.append(pending) }
        guard !notes.isEmpty else { return error }
        let note = " (" + notes.joined(separator: "; ") + ")"
        switch error {
        case .githubUnavailable(let command, let message): return .githubUnavailable(command: command, message: message + note)
        case .githubFailed(let command, let message): return .githubFailed(command: command, message: message + note)
        default: return error
        }
    }
}
