import Foundation

/// Works one incident through its GitHub issue, with `gh`: publish (create, or merge then push), pull, join,
/// post updates, close. GitHub is the shared engine between responders' machines; each keeps its own store.
///
/// Merges are three-way: the record here, the body on GitHub, and the boxes as this machine last saw them there
/// (`SyncedState`). Nothing here changes until GitHub has answered: a failed `gh` leaves the record as it was.
public struct IssuePublisher {
    public let store: IncidentStore
    public let renderer: IncidentRenderer
    public let gh: GitHubCLI
    /// How many times a publish merges again when the issue changed under it.
    public var attempts = 3
    var now: () -> Date

    public init(store: IncidentStore, renderer: IncidentRenderer, gh: GitHubCLI = GitHubCLI(), now: @escaping () -> Date = Date.init) {
        self.store = store
        self.renderer = renderer
        self.gh = gh
        self.now = now
    }

    /// What `publish` did.
    public struct Published: Sendable {
        public var link: GitHubLink
        public var created: Bool
        public var labelsCreated: [String] = []
        public var assignees: [String] = []
        /// Boxes changed on GitHub since the last sync, now applied here.
        public var fromGitHub: [SyncPlan.Change] = []
        /// Items changed on both sides, kept as they are here (`--force`).
        public var overridden: [SyncPlan.Conflict] = []
        public var taskLines = 0
        /// Merges it took: more than one when the issue changed while publishing.
        public var passes = 1
        /// False when the issue changed again after the last push (publish again to merge that change).
        public var settled = true
    }

    /// Creates the incident's issue, or merges the issue's body and pushes a fresh render. A public repository is
    /// refused unless `allowingPublic`.
    public func publish(_ number: Int, repo: String?, force: Bool, allowingPublic: Bool = false) throws(IncidentError) -> Published {
        let incident = try store.incident(number)
        guard let link = incident.github else {
            let repo = try resolveRepo(repo, linked: nil)
            return try create(incident, repo: repo, learned: try checkVisibility(of: repo, allowingPublic: allowingPublic))
        }
        _ = try resolveRepo(repo, linked: link)
        let learned = try checkVisibility(of: link.repo, allowingPublic: allowingPublic)
        for pass in 1...attempts {
            let remote = try view(link, fields: "body,updatedAt")
            let local = try store.incident(number)
            let plan = try merge(remote.body ?? "", into: local, link: link, force: force)
            let merged = plan.applied(to: local, at: now(), by: store.actor)
            let body = try renderer.issueBody(merged, at: now())
            // GitHub can't compare-and-swap a body: the closest is to check it hasn't changed since it was read.
            guard try view(link, fields: "updatedAt").updatedAt == remote.updatedAt else {
                if pass == attempts { break }
                continue
            }
            _ = try gh.run(GitHubArguments.editBody(link.number, repo: link.repo), input: body)
            let synced = SyncPlan.boxes(of: try reader(for: merged).read(body), in: merged)
            let summary = "published to \(link.reference)" + (plan.changes.isEmpty ? "" : "; \(plan.changes.count) box(es) from GitHub applied")
            try store.recordGitHubSync(number, link: link, changes: plan.changes, synced: synced, summary: summary, learned: learned)
            let back = try view(link, fields: "body")
            let settled = Self.sameText(back.body ?? "", body)
            // Another publisher wrote after us: merge theirs on the next pass (ours is recorded as the base).
            if settled || pass == attempts {
                return Published(link: link, created: false, fromGitHub: plan.changes, overridden: plan.conflicts,
                                 taskLines: synced.count, passes: pass, settled: settled)
            }
        }
        throw .githubFailed(command: GitHubCLI.commandLine(GitHubArguments.editBody(link.number, repo: link.repo)),
                            message: "the issue changed during each of \(attempts) merges, so nothing was pushed; run `incident publish` again")
    }

    /// The `gh` commands publish would run, and the body, without running anything that changes GitHub.
    public func dryRun(_ number: Int, repo: String?) throws(IncidentError) -> String {
        let incident = try store.incident(number)
        let body = try renderer.issueBody(incident, at: now())
        var lines: [String]
        if let link = incident.github {
            lines = ["\(GitHubCLI.commandLine(GitHubArguments.viewIssue(link.number, repo: link.repo, fields: "body,updatedAt")))   # merged here first",
                     GitHubCLI.commandLine(GitHubArguments.editBody(link.number, repo: link.repo)) + "   # body below"]
        } else {
            let target = repo ?? "(the repository gh resolves here)"
            lines = incident.labels.map { GitHubCLI.commandLine(Self.createLabel($0, repo: target)) + "   # if missing" }
            lines.append(GitHubCLI.commandLine(createArguments(incident, repo: target)) + "   # body below")
        }
        return (lines + ["", body]).joined(separator: "\n")
    }

    /// The incident's `@login` assignees, as logins; team names and other text stay in the body only.
    public static func logins(_ assignees: [String]) -> [String] {
        assignees.compactMap { name in
            guard name.hasPrefix("@"), case let login = name.dropFirst(), (1...39).contains(login.count),
                  login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), login.first != "-" else { return nil }
            return String(login)
        }
    }

    /// `gh label create`: severity labels get their colour (P0 red … P4 pale blue); others a neutral grey.
    static func createLabel(_ name: String, repo: String) -> [String] {
        let colours = ["P0": "b60205", "P1": "d93f0b", "P2": "fbca04", "P3": "0e8a16", "P4": "c5def5"]
        if let colour = colours[name.uppercased()] {
            return GitHubArguments.createLabel(name, repo: repo, color: colour, description: "Incident severity \(name.uppercased())")
        }
        return GitHubArguments.createLabel(name, repo: repo, color: "ededed", description: "Incident label")
    }
}

extension IssuePublisher {
    private func create(_ incident: Incident, repo: String, learned: RepositoryVisibility?) throws(IncidentError) -> Published {
        // A label stored before commas were refused would be split by gh into labels that don't exist.
        for label in incident.labels where label.contains(",") { throw .labelWithComma(label) }
        // Labels first, so issue creation can't fail halfway on a label GitHub doesn't know.
        let listed = try gh.run(GitHubArguments.listLabels(repo: repo))
        let existing = Set(((try? JSONDecoder().decode([RemoteIssue.Label].self, from: Data(listed.utf8))) ?? []).map { $0.name.lowercased() })
        var created: [String] = []
        for label in incident.labels where !existing.contains(label.lowercased()) && !created.contains(label) {
            _ = try gh.run(Self.createLabel(label, repo: repo))
            created.append(label)
        }
        let body = try renderer.issueBody(incident, at: now())
        let output = try gh.run(createArguments(incident, repo: repo), input: body)
        guard let link = output.split(whereSeparator: \.isNewline).reversed().lazy.compactMap({ GitHubLink(url: String($0)) }).first else {
            throw .githubFailed(command: GitHubCLI.commandLine(createArguments(incident, repo: repo)), message: "it printed no issue URL (\(output.prefix(80)))")
        }
        let synced = SyncPlan.boxes(of: try reader(for: incident).read(body), in: incident)
        try store.recordGitHubSync(incident.number, link: link, changes: [], synced: synced, summary: "published to \(link.reference) (created \(link.url))",
                                   learned: learned)
        return Published(link: link, created: true, labelsCreated: created, assignees: Self.logins(incident.assignees), taskLines: synced.count)
    }

    private func createArguments(_ incident: Incident, repo: String) -> [String] {
        GitHubArguments.createIssue(repo: repo, title: incident.title, labels: incident.labels, assignees: Self.logins(incident.assignees))
    }

    /// The three-way plan for `body` against the record here; conflicts and lines this record lacks stop it unless forced.
    func merge(_ body: String, into local: Incident, link: GitHubLink, force: Bool) throws(IncidentError) -> SyncPlan {
        let document = try reader(for: local).read(body)
        let plan = try plan(document, local)
        guard !force else { return plan }
        if !plan.conflicts.isEmpty {
            throw .githubConflicts(issue: link.reference, items: plan.conflicts.map {
                "\($0.kind.rawValue) \($0.number) \"\($0.text)\" (\($0.fileDone ? "done" : "open") there, \($0.localDone ? "done" : "open") here)"
            })
        }
        let missing = plan.unmatched + plan.newTasks
        if !missing.isEmpty { throw .githubLinesNotHere(issue: link.reference, lines: missing.map { "\"\($0.text)\"" }) }
        return plan
    }

    /// The three-way plan of an issue body read against the record here and the boxes last seen on GitHub.
    func plan(_ document: ImportedDocument, _ local: Incident) throws(IncidentError) -> SyncPlan {
        let changed = try document.renderedAt.map { date throws(IncidentError) in try store.itemsChanged(in: local.number, since: date) } ?? []
        return SyncPlan(document: document, incident: local, base: try store.syncedState(of: local.number)) { kind, number in
            changed.contains(ItemKey(kind, number))
        }
    }

    /// An importer that reads a body of this incident's issue (whose title is the issue's, not a line of the body).
    func reader(for incident: Incident) -> IncidentImporter {
        var importer = IncidentImporter(defaultSeverity: incident.severity, zone: renderer.zone, now: now())
        importer.title = incident.title
        importer.freeSectionTitles = Set(incident.sections.map { $0.title.lowercased() })
        return importer
    }

    func view(_ link: GitHubLink, fields: String) throws(IncidentError) -> RemoteIssue {
        let arguments = GitHubArguments.viewIssue(link.number, repo: link.repo, fields: fields)
        return try RemoteIssue.decode(try gh.run(arguments), command: GitHubCLI.commandLine(arguments))
    }

    /// `--repo`, else the linked issue's repository, else what gh resolves from the working directory.
    func resolveRepo(_ explicit: String?, linked: GitHubLink?) throws(IncidentError) -> String {
        if let explicit {
            let parts = explicit.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                throw .invalidText(field: "--repo", reason: "must be OWNER/NAME, e.g. acme/ops")
            }
            if let linked, linked.repo.lowercased() != explicit.lowercased() {
                throw .invalidText(field: "--repo", reason: "is \(explicit), but this incident is published to \(linked.reference); leave --repo out")
            }
            return explicit
        }
        if let linked { return linked.repo }
        let arguments = GitHubArguments.currentRepository
        let output = try gh.run(arguments)
        struct Repo: Decodable { var nameWithOwner: String }
        guard let repo = try? JSONDecoder().decode(Repo.self, from: Data(output.utf8)) else {
            throw .githubFailed(command: GitHubCLI.commandLine(arguments), message: "its output is not the JSON gh prints")
        }
        return repo.nameWithOwner
    }

    /// Bodies compared as GitHub keeps them: it may turn line ends into CRLF and drop trailing blanks.
    static func sameText(_ a: String, _ b: String) -> Bool {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.reversed().drop { $0 == " " }.reversed() }.map { String($0) }.joined(separator: "\n")
                .trimmingSpacesAndNewlines()
        }
        return clean(a) == clean(b)
    }
}
