import Foundation

/// Imports a team's archive: many documents (files, folders, or issues from `gh … --json`), each on its own, so one
/// bad document never stops the rest. Importing the same source again is idempotent: its path (or issue URL) and a
/// hash of its text are stored; an unchanged source is skipped and a changed one updates its incident.
public struct ArchiveImport {
    /// One document to import.
    public struct Source: Sendable {
        /// Where it came from, as stored: an absolute path, `standard input`, or an issue URL.
        public var key: String
        /// How the output names it.
        public var name: String
        public var text: String
        /// The file name (title and date of last resort), if it is a file.
        public var fileName: String?
        /// From `gh --json`: the issue's title, labels and assignees, which win over the body's.
        public var title: String?
        public var labels: [String]?
        public var assignees: [String]?
        /// Why the source couldn't be read (a file that isn't text): reported as that document's failure.
        public var failure: IncidentError?

        public init(key: String, name: String, text: String, fileName: String? = nil) {
            (self.key, self.name, self.text, self.fileName) = (key, name, text, fileName)
        }
    }

    /// What happened to one document.
    public enum Outcome: Sendable {
        case created(Incident, notes: [String], report: ImportReport)
        case updated(Incident, changes: [String], report: ImportReport)
        case unchanged(Int)
        case failed(IncidentError)
    }

    public let store: IncidentStore?
    public var importer: IncidentImporter
    public var dryRun: Bool
    /// The sources imported before, read on the first document: one query for the archive, not one per document.
    private var imported: [String: (incident: Int, hash: String)]?

    public init(store: IncidentStore?, importer: IncidentImporter, dryRun: Bool) {
        (self.store, self.importer, self.dryRun) = (store, importer, dryRun)
    }

    /// Imports one document: new, updated, unchanged, or failed with the reason.
    public mutating func run(_ source: Source) -> Outcome {
        var outcome = Outcome.failed(.storageFailure("the document was not imported"))
        run([source]) { outcome = $1 }
        return outcome
    }

    /// Imports `sources` in order and hands each outcome to `report` once it is known. They go in groups of
    /// `groupSize`: the new documents of a group are stored in one transaction, a savepoint each. While this thread
    /// stores a group, the next group's documents are read on the others (`ReadAhead`): reading is most of the work
    /// and needs nothing from the database, which stays on this thread.
    public mutating func run(_ sources: [Source], groupSize: Int = 100, report: (Source, Outcome) -> Void) {
        var groups: [Range<Int>] = []
        var start = sources.startIndex
        while start < sources.endIndex {
            // A group never names a source twice: the first must be stored before the second is compared with it.
            var end = start, keys = Set<String>()
            while end < sources.endIndex, end - start < max(1, groupSize), keys.insert(sources[end].key).inserted { end += 1 }
            groups.append(start..<end)
            start = end
        }
        let hashes = sources.map { $0.failure == nil ? Self.hash($0.text) : "" }
        var loadFailure: IncidentError?
        if imported == nil {
            do {
                imported = try store?.importedSources() ?? [:]
            } catch {
                loadFailure = error
            }
        }
        var ahead = groups.first.map { readAhead(sources, hashes, $0, after: nil) }
        for (number, group) in groups.enumerated() {
            let reads = ahead?.wait() ?? [:]
            ahead = number + 1 < groups.count ? readAhead(sources, hashes, groups[number + 1], after: group) : nil
            let outcomes = runGroup(Array(sources[group]), hashes: Array(hashes[group]), reads: reads, loadFailure: loadFailure)
            for (source, outcome) in zip(sources[group], outcomes) { report(source, outcome) }
        }
    }

    /// Starts reading the documents of `group` that will need reading: those not imported before with the same text,
    /// and any whose source the group `after` (stored meanwhile) also names, which are compared once it is stored.
    private func readAhead(_ sources: [Source], _ hashes: [String], _ group: Range<Int>, after previous: Range<Int>?) -> ReadAhead {
        let storedMeanwhile = Set(previous.map { sources[$0].map(\.key) } ?? [])
        let toRead = group.filter { index in
            sources[index].failure == nil
                && (imported?[sources[index].key]?.hash != hashes[index] || storedMeanwhile.contains(sources[index].key))
        }
        // One document is read here: a thread to read it on would cost more than it saves.
        guard toRead.count > 1 else { return ReadAhead([], importer: importer) }
        return ReadAhead(toRead.map { (index: $0 - group.lowerBound, source: sources[$0]) }, importer: importer)
    }

    /// The outcome of each source of `group`, in order, with the documents `reads` already holds (by position in the
    /// group); any other that needs reading is read here.
    private mutating func runGroup(_ group: [Source], hashes: [String], reads: [Int: ReadAhead.Read],
                                   loadFailure: IncidentError?) -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: group.count)
        var toRead: [(index: Int, hash: String, previous: (incident: Int, hash: String)?)] = []
        for (index, source) in group.enumerated() {
            if let failure = source.failure ?? loadFailure {
                outcomes[index] = .failed(failure)
                continue
            }
            let previous = imported?[source.key]
            if let previous, previous.hash == hashes[index] {
                outcomes[index] = .unchanged(previous.incident)
            } else {
                toRead.append((index, hashes[index], previous))
            }
        }
        var pending: [(index: Int, incident: Incident, notes: [String], report: ImportReport, source: String, hash: String)] = []
        for entry in toRead {
            let source = group[entry.index]
            do {
                let (document, incident) = try (reads[entry.index] ?? ReadAhead.read(source, with: importer)).get()
                let report = ImportReport(document)
                if entry.previous == nil, store != nil, !dryRun {
                    pending.append((entry.index, incident, document.notes, report, source.key, entry.hash))
                    continue
                }
                let outcome = try settle(incident, notes: document.notes, report: report, source: source.key, hash: entry.hash,
                                         previous: entry.previous)
                if !dryRun, case .updated(let stored, _, _) = outcome { imported?[source.key] = (stored.number, entry.hash) }
                outcomes[entry.index] = outcome
            } catch {
                outcomes[entry.index] = .failed(error)
            }
        }
        store(&pending, into: &outcomes)
        return outcomes.map { $0 ?? .failed(.storageFailure("the document was not imported")) }
    }

    /// Stores the new documents read so far, in one transaction, and fills in their outcomes.
    private mutating func store(_ pending: inout [(index: Int, incident: Incident, notes: [String], report: ImportReport, source: String,
                                                   hash: String)], into outcomes: inout [Outcome?]) {
        guard let store, !pending.isEmpty else { return }
        let results: [Result<Incident, IncidentError>]
        do {
            results = try store.importIncidents(pending.map { ($0.incident, $0.source, $0.hash) })
        } catch {
            results = pending.map { _ in .failure(error) }
        }
        for (document, result) in zip(pending, results) {
            switch result {
            case .success(let stored):
                imported?[document.source] = (stored.number, document.hash)
                outcomes[document.index] = .created(stored, notes: document.notes, report: document.report)
            case .failure(let error):
                outcomes[document.index] = .failed(error)
            }
        }
        pending.removeAll()
    }

    /// A document that changed since it was imported, or any document in a dry run or without a store.
    private func settle(_ incident: Incident, notes: [String], report: ImportReport, source: String, hash: String,
                        previous: (incident: Int, hash: String)?) throws(IncidentError) -> Outcome {
        if let previous, let store {
            let before = try store.incident(previous.incident)
            let changes = Self.differences(before, incident)
            if dryRun { return .updated(before, changes: changes, report: report) }
            return .updated(try store.replaceImported(previous.incident, with: incident, source: source, hash: hash),
                            changes: changes, report: report)
        }
        return .created(incident, notes: notes, report: report)
    }

    /// FNV-1a (64 bits) of the text: enough to tell a changed file from an unchanged one.
    static func hash(_ text: String) -> String { String(FNV1a.hash(text), radix: 16) }

    /// What a re-import would change, in words: "tasks 5 → 7", "timeline 3 → 4", "title".
    static func differences(_ old: Incident, _ new: Incident) -> [String] {
        var changes: [String] = []
        if old.title != new.title { changes.append("title") }
        if old.severity != new.severity { changes.append("severity \(old.severity.label) → \(new.severity.label)") }
        let counts: [(String, Int, Int)] = [
            ("tasks", old.actions.count + old.criteria.count, new.actions.count + new.criteria.count),
            ("ticked", old.actions.filter(\.isDone).count + old.criteria.filter(\.isMet).count,
             new.actions.filter(\.isDone).count + new.criteria.filter(\.isMet).count),
            ("timeline entries", old.timeline.count, new.timeline.count), ("sections", old.sections.count, new.sections.count),
            ("whys", old.whys.count, new.whys.count),
        ]
        changes += counts.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) → \($0.2)" }
        if changes.isEmpty { changes.append("text") }
        return changes
    }
}

extension ArchiveImport {
    /// What an error calls the issue JSON given to import.
    public static let issueJSONField = "input of gh's issue JSON"

    /// The Markdown files named: files as they are, folders searched recursively for `*.md` / `*.markdown`, sorted.
    /// Inside a folder, a symlink is followed only to a file in that folder: one that leads elsewhere (`/etc/passwd`,
    /// another user's notes), to a file or a folder, is `refused` with the reason. A link to a folder inside the
    /// archive adds nothing: that folder is read where it really lies.
    public static func files(_ paths: [String]) -> (found: [String], missing: [String], refused: [(path: String, reason: String)]) {
        var found: [String] = [], missing: [String] = [], refused: [(path: String, reason: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            let base = TrustedPath.resolved(path) ?? path
            let entries = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted()
            for name in entries {
                let file = (path as NSString).appendingPathComponent(name)
                let isMarkdown = name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown")
                var link = stat()
                guard lstat(file, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else {
                    if isMarkdown { found.append(file) }
                    continue
                }
                var target = stat()
                let leadsToFolder = stat(file, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
                guard isMarkdown || leadsToFolder else { continue }
                let resolved = TrustedPath.resolved(file)
                guard let resolved, TrustedPath.isInside(resolved, base) else {
                    refused.append((file, "it is a symlink to \(resolved ?? "nothing"), outside \(path); name it on its own to import it"))
                    continue
                }
                // A linked folder inside the archive is read where it really lies, once.
                if isMarkdown, !leadsToFolder { found.append(file) }
            }
        }
        return (found, missing, refused)
    }

    /// Issues from `gh issue view --json title,body,labels,assignees,number,url` (an object) or `gh issue list --json …`
    /// (an array).
    public static func issues(fromJSON text: String) throws(IncidentError) -> [Source] {
        let data = Data(text.utf8)
        let issues: [RemoteIssue]
        if let one = try? JSONDecoder().decode(RemoteIssue.self, from: data), text.trimmingSpaces().hasPrefix("{") {
            issues = [one]
        } else if let many = try? JSONDecoder().decode([RemoteIssue].self, from: data) {
            issues = many
        } else {
            throw .invalidText(field: issueJSONField, reason: "is not what `gh issue view --json title,body,labels,assignees,number,url` prints")
        }
        return try issues.enumerated().map { index, issue throws(IncidentError) in
            let name = issue.url ?? issue.number.map { "issue #\($0)" } ?? "issue \(index + 1)"
            try issue.refuseNUL(naming: name)
            var source = Source(key: issue.url ?? "gh-json:\(issue.number ?? index + 1)", name: name, text: issue.body ?? "")
            source.title = issue.title
            source.labels = issue.labels?.map(\.name)
            source.assignees = issue.assignees?.map { "@" + $0.login }
            return source
        }
    }
}
