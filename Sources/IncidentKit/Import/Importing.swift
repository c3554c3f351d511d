import Foundation

/// Importing postmortems people wrote: Markdown files, folders of them, standard input, or the issues `gh … --json`
/// prints. Each document is read on its own, so one bad document never stops the rest.
public struct Importing {
    /// How each document is read: the severity when it names none, the zone for times written without one, the title.
    public var importer: IncidentImporter

    /// A reader for what was typed; `zone` (UTC, PST, +05:30, Europe/Paris) wins over a document's "All times in …".
    public init(defaultSeverity: Severity, zone: String? = nil, repairingEncoding: Bool = true, title: String? = nil) throws(IncidentError) {
        importer = IncidentImporter(defaultSeverity: defaultSeverity)
        if let zone {
            guard let parsed = TimeExpression.timeZone(named: zone) else { throw .unknownTimeZone(zone) }
            importer.zoneOverride = parsed
        }
        importer.repairsEncoding = repairingEncoding
        importer.title = title
    }

    /// The documents `paths` name, in order: standard input for `-`, each file, each Markdown file found in a folder.
    /// A file that can't be read is that document's failure; a path that doesn't exist, or names no Markdown at all,
    /// fails the whole import before anything is stored.
    public static func sources(_ paths: [String], standardInput: Int32 = STDIN_FILENO) throws(IncidentError) -> [ArchiveImport.Source] {
        let (files, missing, refused) = ArchiveImport.files(paths.filter { $0 != "-" })
        if let first = missing.first { throw .unreadableFile(path: first, reason: "no such file or folder") }
        var sources: [ArchiveImport.Source] = []
        if paths.contains("-") {
            sources.append(.init(key: "standard input", name: "standard input", text: try InputFile.markdown("-", standardInput: standardInput)))
        }
        for file in files {
            var source = ArchiveImport.Source(key: URL(fileURLWithPath: file).standardizedFileURL.path, name: file, text: "", fileName: file)
            do {
                source.text = try InputFile.markdown(file)
            } catch {
                source.failure = error
            }
            sources.append(source)
        }
        for (file, reason) in refused {
            var source = ArchiveImport.Source(key: URL(fileURLWithPath: file).standardizedFileURL.path, name: file, text: "", fileName: file)
            source.failure = .unreadableFile(path: file, reason: reason)
            sources.append(source)
        }
        if sources.isEmpty { throw .unreadableFile(path: paths.joined(separator: " "), reason: "has no Markdown files (*.md)") }
        return sources
    }

    /// The issues in gh's JSON at `path` (`-`: standard input), each one document.
    public static func issues(at path: String, standardInput: Int32 = STDIN_FILENO) throws(IncidentError) -> [ArchiveImport.Source] {
        try ArchiveImport.issues(fromJSON: try InputFile.markdown(path, standardInput: standardInput))
    }

    /// Imports `sources` into `store` in order, handing each outcome to `report` as it is known, and counts them.
    /// A dry run, or no store, stores nothing and says what would happen.
    public func run(_ sources: [ArchiveImport.Source], into store: IncidentStore?, dryRun: Bool,
                    report: (ArchiveImport.Source, ArchiveImport.Outcome) -> Void) -> ArchiveImport.Tally {
        var archive = ArchiveImport(store: store, importer: importer, dryRun: dryRun)
        var tally = ArchiveImport.Tally(total: sources.count)
        archive.run(sources) { source, outcome in
            tally.count(outcome)
            report(source, outcome)
        }
        return tally
    }
}

extension ArchiveImport {
    /// How many documents of an import were new, updated, unchanged and failed.
    public struct Tally: Equatable, Sendable {
        public var total: Int
        public var new = 0, updated = 0, unchanged = 0, failed = 0

        mutating func count(_ outcome: Outcome) {
            switch outcome {
            case .created: new += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            case .failed: failed += 1
            }
        }

        /// Refuses an import where any document failed (the others were stored), so scripts see it.
        public func requireNoFailures() throws(IncidentError) {
            if failed > 0 { throw .importFailures(failed: failed, total: total) }
        }
    }
}
