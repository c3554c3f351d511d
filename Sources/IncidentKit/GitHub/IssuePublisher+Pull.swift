import Foundation

extension IssuePublisher {
    /// What `pull` (or a join of an issue already linked here) did.
    public struct Pulled: Sendable {
        public var link: GitHubLink
        public var merge = MergeReport()
        public var isClosedOnGitHub = false
        /// Tracked follow-up issues whose state was read.
        public var followUpsRead = 0
        /// Whether the pull closed the incident here because its issue is closed on GitHub.
        public var closedHere = false
        /// Why closing here was refused (open immediate work); what was pulled is stored all the same.
        public var closeRefusal: IncidentError?
    }

    /// Pulls incident `number`; when `closing` and its issue is closed on GitHub, closes it here too (if still open).
    public func pull(_ number: Int, closingWhenClosed closing: Bool) throws(IncidentError) -> Pulled {
        var pulled = try pull(number)
        if closing, pulled.isClosedOnGitHub, try store.incident(number).status.isOpen {
            do {
                _ = try store.close(number, at: now(), resolution: nil)
                pulled.closedHere = true
            } catch {
                pulled.closeRefusal = error
            }
        }
        return pulled
    }

    /// Merges the issue's copy of the record into the record here (with the type its `type:` label shows), with one `gh` call; when the record has tracked
    /// follow-ups, one more reads their issues' states (closed on GitHub since the last look: ticked; reopened: unticked).
    /// Changes made here stay here until the next publish.
    public func pull(_ number: Int) throws(IncidentError) -> Pulled {
        let local = try store.incident(number)
        guard let link = local.github else { throw .notPublished(number) }
        let remote = try view(link, fields: "body,labels,state,updatedAt")
        let (copy, notHere) = try remoteCopy(of: remote, for: local)
        let tracked = Set(local.actions.compactMap(\.tracked)).union(copy.record.items.values.compactMap { item in
            item.kind == .action && !item.isRemoved ? item.value("tracked").flatMap(TrackedIssue.init(reference:)) : nil
        })
        let observed = tracked.isEmpty ? [] : try readStates(of: tracked)
        let outcome = try store.mergeShared(number, with: copy, remembering: true, observed: observed) { outcome in
            "pulled from \(link.reference)" + (outcome.arrived.isEmpty ? ": nothing new" : ": \(outcome.arrived.joined(separator: ", ")) came in")
        }
        var pulled = Pulled(link: link, isClosedOnGitHub: remote.isClosed, followUpsRead: observed.count)
        pulled.merge.add(outcome)
        pulled.merge.notHere = notHere
        return pulled
    }

    /// What joining an issue did: a new incident, or a pull into the one already linked to it.
    public enum Joined: Sendable {
        case imported(Incident, notes: [String])
        case alreadyLinked(Int, Pulled)
    }

    /// A second responder joins: the issue (number or URL) becomes a local incident linked to it.
    public func join(_ issue: String, repo: String?) throws(IncidentError) -> Joined {
        let (repo, number) = try issueReference(issue, repo: repo)
        if let existing = try store.incidentLinked(to: repo, number: number) { return .alreadyLinked(existing, try pull(existing)) }
        let arguments = GitHubArguments.viewIssue(number, repo: repo, fields: "title,body,labels,assignees,number,url,state")
        let remote = try RemoteIssue.decode(try gh.run(arguments), command: GitHubCLI.commandLine(arguments))
        try remote.refuseNUL(naming: "\(repo)#\(number)")
        let link = GitHubLink(repo: repo, number: number, url: remote.url ?? "https://github.com/\(repo)/issues/\(number)")
        if let record = try SharedRecord.read(fromBody: remote.body ?? "") {
            // Joining pushes nothing, so a public repository is not refused here; its visibility is learned for later pushes.
            let learned = try store.visibility(of: repo) == nil ? try lookUpVisibility(of: repo) : nil
            let header = Incident(number: 0, title: remote.title ?? "GitHub issue \(link.reference)", severity: .p2, declaredAt: now())
            // The type as the issue's labels show it, changed there or not.
            let shown = record.observingTypeLabels((remote.labels ?? []).map(\.name), stamp: .onGitHub(now(), after: record))
            let joined = try store.joinShared(shown, header: header, link: link, learned: learned)
            return .imported(joined, notes: remote.isClosed ? ["the issue is closed on GitHub"] : [])
        }
        var importer = IncidentImporter(zone: renderer.zone, now: now())
        importer.title = remote.title
        importer.numbersFromMarkers = true
        let document = try importer.read(remote.body ?? "")
        var incident = document.incident
        if let labels = remote.labels {
            incident.labels = try labels.map { label throws(IncidentError) in try TextRules.label(label.name) }
            incident.takeTypeLabels()
        }
        for login in (remote.assignees ?? []).map(\.login) where !incident.assignees.contains("@" + login) { incident.assignees.append("@" + login) }
        let synced = SyncPlan.boxes(of: document, in: incident)
        // Joining pushes nothing, so a public repository is not refused here; its visibility is learned for later pushes.
        let learned = try store.visibility(of: repo) == nil ? try lookUpVisibility(of: repo) : nil
        let joined = try store.importIncident(incident, fromIssue: link, synced: synced, learned: learned)
        return .imported(joined, notes: document.notes + (remote.isClosed ? ["the issue is closed on GitHub"] : []))
    }

    /// Posts `text` as a comment on the incident's issue; returns the comment's URL. A public repository is refused
    /// unless `allowingPublic`.
    public func comment(_ number: Int, _ text: String, allowingPublic: Bool = false) throws(IncidentError) -> String {
        guard let link = try store.incident(number).github else { throw .notPublished(number) }
        let learned = try checkVisibility(of: link.repo, allowingPublic: allowingPublic)
        let output = try gh.run(GitHubArguments.comment(link.number, repo: link.repo), input: text)
        if let learned { try store.rememberVisibility(learned, of: link.repo) }
        return output.trimmingSpacesAndNewlines()
    }

    /// Closes the incident's issue on GitHub (after its final publish). A public repository is refused unless `allowingPublic`.
    public func closeIssue(_ number: Int, allowingPublic: Bool = false) throws(IncidentError) -> GitHubLink {
        guard let link = try store.incident(number).github else { throw .notPublished(number) }
        if let learned = try checkVisibility(of: link.repo, allowingPublic: allowingPublic) { try store.rememberVisibility(learned, of: link.repo) }
        _ = try gh.run(GitHubArguments.close(link.number, repo: link.repo))
        return link
    }

    /// `123` (with `--repo`, else the repository gh resolves) or `https://github.com/OWNER/NAME/issues/123`.
    func issueReference(_ text: String, repo: String?) throws(IncidentError) -> (String, Int) {
        if let link = GitHubLink(url: text) {
            _ = try resolveRepo(repo, linked: link)
            return (link.repo, link.number)
        }
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let number = Int(digits), number > 0 else { throw .invalidIssueReference(text) }
        return (try resolveRepo(repo, linked: nil), number)
    }
}
