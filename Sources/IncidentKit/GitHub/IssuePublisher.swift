import Foundation

/// Works one incident through its GitHub issue, with `gh`: publish (create, or merge then push), pull, join,
/// post updates, close. GitHub is the shared engine between responders' machines; each keeps its own store.
///
/// The issue body carries the whole record in a hidden block (`SharedRecord`): every item with an identity that is the
/// same on every machine, every field with the time of its last change, and removals. `pull` and `publish` merge that
/// copy with the record here (three-way, against the copy of the last merge), so whatever anyone adds anywhere reaches
/// every machine, and the later of two changes to one field wins everywhere. Nothing here changes until GitHub has answered.
public struct IssuePublisher {
    public let store: IncidentStore
    public let renderer: IncidentRenderer
    public let gh: any GitHubRunning
    /// How many times a publish merges again when another publisher wrote over its push.
    public var attempts = 6
    var now: () -> Date

    public init(store: IncidentStore, renderer: IncidentRenderer, gh: any GitHubRunning = GitHubCLI(), now: @escaping () -> Date = Date.init) {
        self.store = store
        self.renderer = renderer
        self.gh = gh
        self.now = now
    }

    /// What a merge with the issue brought or moved here, over all of a command's passes.
    public struct MergeReport: Sendable {
        /// Boxes ticked or unticked by the merge ("checked action 4: Roll back").
        public var ticks: [String] = []
        /// What else came in from the issue ("2 actions", "1 timeline entry").
        public var arrived: [String] = []
        /// Numbers that moved ("action 12 is now action 13"): the numbers shown before no longer name the same item.
        public var renumbered: [String] = []
        /// Fields changed here and elsewhere since the last sync; the later change won.
        public var conflicts: [String] = []
        /// Task lines on GitHub no incident wrote (typed in the browser): listed, never guessed.
        public var notHere: [TaskLine] = []

        mutating func add(_ outcome: MergeOutcome) {
            ticks += outcome.tickLines
            arrived += outcome.arrived
            renumbered += outcome.renumbered
            conflicts += outcome.conflicts
        }
    }

    /// What `publish` did.
    public struct Published: Sendable {
        public var link: GitHubLink
        public var created: Bool
        public var labelsCreated: [String] = []
        public var assignees: [String] = []
        public var merge = MergeReport()
        /// False when the issue already held everything here: nothing was written.
        public var pushed = true
        public var taskLines = 0
        /// Merges it took: more than one when another publisher wrote over a push.
        public var passes = 1
        /// The oldest timeline entries left out of the body's Markdown to stay within GitHub's limit (the hidden copy
        /// still holds them, so no machine loses them).
        public var foldedTimelineEntries = 0
        /// Tracked follow-up issues closed or reopened after the push: "closed acme/ops#57 (action 2 is done)".
        public var followUps: [String] = []
    }

    /// The most characters GitHub takes in an issue body.
    public static let bodyLimit = 65_536

    /// The body for `incident`: its Markdown, then the hidden copy of `record`. When that is longer than GitHub takes,
    /// the oldest timeline entries are folded out of the Markdown (a note in the body says how many and where they are);
    /// the hidden copy always holds the whole record. A record too large even then is refused before anything is pushed.
    func issueBody(_ incident: Incident, record: SharedRecord, issue: String) throws(IncidentError) -> (body: String, folded: Int) {
        let block = "\n" + record.bodyBlock() + "\n"
        let whole = try renderer.issueBody(incident, at: now()) + block
        if whole.utf16.count <= Self.bodyLimit { return (whole, 0) }
        func body(keeping kept: Int) throws(IncidentError) -> String {
            var shown = incident
            let folded = incident.timeline.count - kept
            shown.timeline = Array(incident.timeline.suffix(kept))
            shown.sections.insert(FreeSection(title: "Earlier timeline", markdown: """
                The \(folded) oldest timeline entr\(folded == 1 ? "y is" : "ies are") folded out of this body to stay within \
                GitHub's \(Self.bodyLimit) characters. Every responder's record still has \(folded == 1 ? "it" : "them"): \
                `incident timeline list` or `incident export` shows the whole timeline.
                """), at: 0)
            return try renderer.issueBody(shown, at: now()) + block
        }
        // The most entries that fit, newest kept: a binary search over how many are kept.
        var (low, high) = (0, incident.timeline.count - 1)
        guard try body(keeping: 0).utf16.count <= Self.bodyLimit else {
            throw .issueBodyTooLong(issue: issue, characters: try body(keeping: 0).utf16.count, limit: Self.bodyLimit)
        }
        while low < high {
            let middle = (low + high + 1) / 2
            if try body(keeping: middle).utf16.count <= Self.bodyLimit { low = middle } else { high = middle - 1 }
        }
        return (try body(keeping: low), incident.timeline.count - low)
    }

    /// Creates the incident's issue, or merges the issue's copy of the record and pushes the merged record. A public
    /// repository is refused unless `allowingPublic`. Task lines typed on GitHub (no incident wrote them) stop it unless
    /// `force`, which drops them. In the common case it makes three `gh` calls: read, write, read back. Then each tracked
    /// follow-up whose box differs from its issue's state (as last seen here) is closed or reopened, one call each.
    public func publish(_ number: Int, repo: String?, force: Bool, allowingPublic: Bool = false) throws(IncidentError) -> Published {
        var published = try publishRecord(number, repo: repo, force: force, allowingPublic: allowingPublic)
        published.followUps = try settleFollowUps(of: number, publishedTo: published.link)
        return published
    }

    private func publishRecord(_ number: Int, repo: String?, force: Bool, allowingPublic: Bool) throws(IncidentError) -> Published {
        let incident = try store.incident(number)
        guard let link = incident.github else {
            let repo = try resolveRepo(repo, linked: nil)
            return try create(incident, repo: repo, learned: try checkVisibility(of: repo, allowingPublic: allowingPublic))
        }
        _ = try resolveRepo(repo, linked: link)
        let learned = try checkVisibility(of: link.repo, allowingPublic: allowingPublic)
        var remote = try view(link, fields: "body,labels,title,updatedAt")
        var published = Published(link: link, created: false)
        for pass in 1...attempts {
            published.passes = pass
            let (copy, notHere) = try remoteCopy(of: remote, for: try store.incident(number))
            if !notHere.isEmpty, !force {
                throw .githubLinesNotHere(issue: link.reference, lines: notHere.map { "\"\($0.text)\"" })
            }
            // Worked out and rolled back: the record here takes the merge once GitHub has the push.
            let outcome = try store.mergeShared(number, with: copy, remembering: false, commit: false) { _ in "" }
            let merged = outcome.incident
            let (body, folded) = try issueBody(merged, record: outcome.record, issue: link.reference)
            published.foldedTimelineEntries = folded
            published.taskLines = merged.actions.count + merged.criteria.count
            let remoteLabels = Set((remote.labels ?? []).map { $0.name.lowercased() })
            let labels = merged.issueLabels
            let addLabels = labels.filter { !remoteLabels.contains($0.lowercased()) }
            let removeLabels = (remote.labels ?? []).map(\.name).filter { name in !labels.contains { $0.lowercased() == name.lowercased() } }
            let title = remote.title == merged.title ? nil : merged.title
            if pass == 1, outcome.record == copy.record, !copy.isLegacy, !copy.bodyIsBehind, notHere.isEmpty, title == nil, addLabels.isEmpty, removeLabels.isEmpty {
                // The issue already holds everything here: writing would only move its `updatedAt`.
                published.pushed = false
                try settle(number, copy: copy, trial: outcome, link: link, summary: "\(link.reference) already holds everything here",
                           learned: learned, into: &published)
                return published
            }
            try edit(link, body: body, title: title, addLabels: addLabels, removeLabels: removeLabels)
            // The body is on GitHub: whoever merges it before we settle knows the new items by these identities.
            try store.rememberIdentities(number, outcome.assigned)
            let back = try view(link, fields: "body,labels,title,updatedAt")
            if Self.sameText(back.body ?? "", body) {
                try settle(number, copy: copy, trial: outcome, link: link, summary: "published to \(link.reference)", learned: learned,
                           into: &published)
                return published
            }
            // Another publisher wrote after us; what they wrote holds what they merged. Merge it and push again.
            remote = back
        }
        throw .githubFailed(command: GitHubCLI.commandLine(GitHubArguments.editBody(link.number, repo: link.repo)),
                            message: "other publishers wrote over each of \(attempts) pushes; everything is kept here, so run `incident publish` again")
    }

    /// Stores the merge that was pushed (the same merge again, now committed, its new items named as pushed) and
    /// remembers the pushed record as the issue's copy.
    private func settle(_ number: Int, copy: RemoteCopy?, trial: MergeOutcome, link: GitHubLink, summary: String,
                        learned: RepositoryVisibility?, into published: inout Published) throws(IncidentError) {
        let outcome = try store.mergeShared(number, with: copy, remembering: false, suggested: trial.assigned) { outcome in
            summary + (outcome.arrived.isEmpty && outcome.ticks.isEmpty ? "" : " after merging " + (outcome.tickLines + outcome.arrived).joined(separator: ", "))
        }
        published.merge.add(outcome)
        try store.recordPushed(number, record: trial.record, link: link, summary: summary, learned: learned)
    }

    /// Writes the body (and the title and labels when they changed). A label GitHub doesn't have yet is created, then added.
    private func edit(_ link: GitHubLink, body: String, title: String?, addLabels: [String], removeLabels: [String]) throws(IncidentError) {
        do {
            _ = try gh.run(GitHubArguments.editBody(link.number, repo: link.repo, title: title, addLabels: addLabels, removeLabels: removeLabels),
                           input: body)
        } catch .githubFailed(let command, let message) where !addLabels.isEmpty && message.contains("not found") {
            // gh applies the body and the labels separately: the body is in; create the missing labels, then add them.
            _ = try createMissingLabels(addLabels, in: link.repo)
            do {
                _ = try gh.run(GitHubArguments.editLabels(link.number, repo: link.repo, add: addLabels))
            } catch {
                throw .githubFailed(command: command, message: message)
            }
        }
    }

    /// The issue's copy of the record: the hidden block, with boxes ticked or unticked in the browser since (the visible
    /// box differs from the block) as changes made on GitHub at the issue's last edit; or, in a body the previous release
    /// wrote, the record its Markdown and markers give. Also the task lines no incident wrote.
    func remoteCopy(of remote: RemoteIssue, for local: Incident) throws(IncidentError) -> (RemoteCopy, [TaskLine]) {
        let body = remote.body ?? ""
        let at = remote.updatedAt.flatMap { try? Date($0, strategy: .iso8601) } ?? now()
        if var record = try SharedRecord.read(fromBody: body) {
            // A box changed in the browser was changed after the copy it was shown with was written.
            let onGitHub = Stamp.onGitHub(at, after: record)
            let written = record.value(SharedField.type)
            if let labels = remote.labels { record = record.observingTypeLabels(labels.map(\.name), stamp: onGitHub) }
            let document = try reader(for: local).read(SharedRecord.visiblePart(of: body))
            let numbers: [ItemKind: [Int: String]] = [.action: record.numbers(.action), .criterion: record.numbers(.criterion)]
            var notHere: [TaskLine] = []
            for line in document.tasks {
                guard let number = line.markerNumber, let uid = numbers[line.kind == .criterion ? .criterion : .action]?[number] else {
                    notHere.append(line)
                    continue
                }
                if line.checked != (record.items[uid]?.value("done") != nil) {
                    record.items[uid]?.fields["done"] = Register(line.checked ? SharedRecord.done(at, "GitHub") : nil, onGitHub)
                }
            }
            return (RemoteCopy(record: record, isLegacy: false, updatedAt: at, bodyIsBehind: record.value(SharedField.type) != written), notHere)
        }
        var importer = reader(for: local)
        importer.numbersFromMarkers = true
        let document = try importer.read(body)
        var incident = document.incident
        // Only what an incident wrote (a marker names it) is the previous release's record; hand-typed lines are listed.
        let marked = Set(document.tasks.compactMap { line in line.markerNumber.map { ItemKey(line.kind, $0) } })
        incident.actions = incident.actions.filter { marked.contains(ItemKey(.action, $0.number)) }
        incident.criteria = incident.criteria.filter { marked.contains(ItemKey(.criterion, $0.number)) }
        return (RemoteCopy(record: SharedRecord.legacy(incident), isLegacy: true, updatedAt: at), document.tasks.filter { $0.markerNumber == nil })
    }

    /// The `gh` commands publish would run, and the body, without running anything that changes GitHub.
    public func dryRun(_ number: Int, repo: String?) throws(IncidentError) -> String {
        let incident = try store.incident(number)
        let body = try renderer.issueBody(incident, at: now())
        var lines: [String]
        if let link = incident.github {
            let view = GitHubCLI.commandLine(GitHubArguments.viewIssue(link.number, repo: link.repo, fields: "body,labels,title,updatedAt"))
            lines = [view + "   # the issue's copy, merged with the record here first",
                     GitHubCLI.commandLine(GitHubArguments.editBody(link.number, repo: link.repo)) + "   # the merged body (this record's render below)",
                     view + "   # read back; merged and pushed again if another publisher wrote meanwhile"]
        } else {
            let target = repo ?? "(the repository gh resolves here)"
            lines = incident.issueLabels.map { GitHubCLI.commandLine(Self.createLabel($0, repo: target)) + "   # if missing" }
            lines.append(GitHubCLI.commandLine(createArguments(incident, repo: target)) + "   # body below")
        }
        lines += try followUpPlan(incident).map { GitHubCLI.commandLine($0.arguments) + "   # follow-up" }
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

    /// Creates those of `labels` that `repo` doesn't have (names compare case-insensitively, as on GitHub), with one
    /// `gh label list` and a `gh label create` each; returns the ones created.
    func createMissingLabels(_ labels: [String], in repo: String) throws(IncidentError) -> [String] {
        let listed = try gh.run(GitHubArguments.listLabels(repo: repo))
        var existing = Set(((try? JSONDecoder().decode([RemoteIssue.Label].self, from: Data(listed.utf8))) ?? []).map { $0.name.lowercased() })
        var created: [String] = []
        for label in labels where existing.insert(label.lowercased()).inserted {
            _ = try gh.run(Self.createLabel(label, repo: repo))
            created.append(label)
        }
        return created
    }

    /// `gh label create`: severity labels get their colour (P0 red … P4 pale blue), type labels one blue; others a neutral grey.
    static func createLabel(_ name: String, repo: String) -> [String] {
        let colours = ["P0": "b60205", "P1": "d93f0b", "P2": "fbca04", "P3": "0e8a16", "P4": "c5def5"]
        if name == GitHubArguments.followUpLabel {
            return GitHubArguments.createLabel(name, repo: repo, color: "5319e7", description: "Follow-up of an incident, tracked by incident")
        }
        if let colour = colours[name.uppercased()] {
            return GitHubArguments.createLabel(name, repo: repo, color: colour, description: "Incident severity \(name.uppercased())")
        }
        if let type = IncidentType(label: name) {
            return GitHubArguments.createLabel(name, repo: repo, color: "1d76db", description: "Incident type \(type)")
        }
        return GitHubArguments.createLabel(name, repo: repo, color: "ededed", description: "Incident label")
    }
}

extension IssuePublisher {
    private func create(_ incident: Incident, repo: String, learned: RepositoryVisibility?) throws(IncidentError) -> Published {
        // A label stored before commas were refused would be split by gh into labels that don't exist.
        for label in incident.labels where label.contains(",") { throw .labelWithComma(label) }
        // Labels first, so issue creation can't fail halfway on a label GitHub doesn't know.
        let created = try createMissingLabels(incident.issueLabels, in: repo)
        // Items get their identities in the first copy of the record; the record here keeps them once the issue exists.
        let outcome = try store.mergeShared(incident.number, with: nil, remembering: false, commit: false) { _ in "" }
        let merged = outcome.incident
        let (body, folded) = try issueBody(merged, record: outcome.record, issue: repo)
        let output = try gh.run(createArguments(merged, repo: repo), input: body)
        guard let link = output.split(whereSeparator: \.isNewline).reversed().lazy.compactMap({ GitHubLink(url: String($0)) }).first else {
            throw .githubFailed(command: GitHubCLI.commandLine(createArguments(merged, repo: repo)), message: "it printed no issue URL (\(output.prefix(80)))")
        }
        var published = Published(link: link, created: true, labelsCreated: created, assignees: Self.logins(merged.assignees),
                                  taskLines: merged.actions.count + merged.criteria.count)
        published.foldedTimelineEntries = folded
        try settle(merged.number, copy: nil, trial: outcome, link: link, summary: "published to \(link.reference) (created \(link.url))",
                   learned: learned, into: &published)
        return published
    }

    private func createArguments(_ incident: Incident, repo: String) -> [String] {
        GitHubArguments.createIssue(repo: repo, title: incident.title, labels: incident.issueLabels, assignees: Self.logins(incident.assignees))
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

    /// The field a repository given by name is reported as (the CLI names its option).
    public static let repositoryField = "repository"

    /// The repository asked for, else the linked issue's repository, else what gh resolves from the working directory.
    func resolveRepo(_ explicit: String?, linked: GitHubLink?) throws(IncidentError) -> String {
        if let explicit {
            let parts = explicit.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                throw .invalidText(field: Self.repositoryField, reason: "must be OWNER/NAME, e.g. acme/ops")
            }
            if let linked, linked.repo.lowercased() != explicit.lowercased() {
                throw .repositoryMismatch(given: explicit, published: linked.reference)
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
        // Most bodies read back are the bytes written: no need to clean both.
        if a == b { return true }
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.reversed().drop { $0 == " " }.reversed() }.map { String($0) }.joined(separator: "\n")
                .trimmingSpacesAndNewlines()
        }
        return clean(a) == clean(b)
    }
}
