import Foundation
import Synchronization

/// Documents of an archive read on other threads while the importing thread stores the ones read before: on two
/// cores, reading the next group overlaps storing the current one. The database never leaves the importing thread.
final class ReadAhead: Sendable {
    /// A document read, or why it couldn't be.
    typealias Read = Result<(document: ImportedDocument, incident: Incident), IncidentError>

    private let reads = Mutex<[Int: Read]>([:])
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading `sources` (each named by its position in its group) on as many threads as there are cores.
    init(_ sources: [(index: Int, source: ArchiveImport.Source)], importer: IncidentImporter) {
        guard !sources.isEmpty else {
            finished.signal()
            return
        }
        DispatchQueue.global().async { [self] in
            let next = Mutex(0)
            // Documents range from a few to fifty kilobytes: each thread takes the next one when done, not a share.
            DispatchQueue.concurrentPerform(iterations: min(sources.count, ProcessInfo.processInfo.activeProcessorCount)) { _ in
                while true {
                    let position = next.withLock { position in
                        defer { position += 1 }
                        return position
                    }
                    guard position < sources.count else { return }
                    let read = Self.read(sources[position].source, with: importer)
                    reads.withLock { $0[sources[position].index] = read }
                }
            }
            finished.signal()
        }
    }

    /// The documents read, once all are.
    func wait() -> [Int: Read] {
        finished.wait()
        return reads.withLock { $0 }
    }

    /// Reads a document, with what its source says over the body (an issue's title, labels and assignees).
    static func read(_ source: ArchiveImport.Source, with importer: IncidentImporter) -> Read {
        var reader = importer
        reader.fileName = source.fileName
        if let title = source.title { reader.title = title }
        if let labels = source.labels { reader.labels = labels }
        return Result { () throws(IncidentError) in
            let document = try reader.read(source.text)
            var incident = document.incident
            if let assignees = source.assignees {
                incident.assignees = try assignees.map { name throws(IncidentError) in try TextRules.line(name, field: "assignee") }
            }
            return (document, incident)
        }
    }
}
