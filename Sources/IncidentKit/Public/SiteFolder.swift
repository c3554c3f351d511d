import Foundation

/// Writes a generated site into a folder: each file atomically and only when its bytes changed (a rebuild with no
/// change touches nothing), and removes the files an earlier build wrote that this one no longer has (an incident
/// taken off the page must not stay readable there). Only files carrying `marker` are ever removed.
public enum SiteFolder {
    public struct Outcome: Sendable {
        public var written: [String] = []
        public var unchanged: [String] = []
        public var removed: [String] = []
    }

    /// Writes `files` (by path below `folder`); removes the files in `cleaning` (a folder below `folder`) that are not
    /// among them, whose names match `stale` and that hold `marker`.
    public static func write(_ files: [String: String], into folder: String, cleaning: String = "", marker: String,
                             stale: (String) -> Bool) throws(IncidentError) -> Outcome {
        var outcome = Outcome()
        let manager = FileManager.default
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent(name)
            let data = Data(text.utf8)
            if manager.contents(atPath: path) == data {
                outcome.unchanged.append(name)
                continue
            }
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .unwritableOutput(path: path, reason: (error as NSError).localizedDescription)
            }
            outcome.written.append(name)
        }
        for sub in [cleaning] {
            let directory = (folder as NSString).appendingPathComponent(sub)
            for file in ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
                let name = sub.isEmpty ? file : (sub as NSString).appendingPathComponent(file)
                guard files[name] == nil, stale(file) else { continue }
                let path = (directory as NSString).appendingPathComponent(file)
                guard let data = manager.contents(atPath: path), String(decoding: data, as: UTF8.self).contains(marker) else { continue }
                do {
                    try manager.removeItem(atPath: path)
                } catch {
                    throw .unwritableOutput(path: path, reason: "an earlier build's file can't be removed (\((error as NSError).localizedDescription))")
                }
                outcome.removed.append(name)
            }
        }
        return outcome
    }
}
