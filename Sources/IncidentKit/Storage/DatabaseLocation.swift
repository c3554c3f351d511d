import Foundation

/// Finds the database file the way `git` finds its repository: flag, environment, then nearest ancestor.
public enum DatabaseLocation {
    public static let folderName = "incidents"
    public static let fileName = "incidents.sqlite"

    /// `--db`, else `$INCIDENT_DB`, else `incidents/incidents.sqlite` in the nearest ancestor that has
    /// an `incidents/` folder, else `./incidents/incidents.sqlite`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["INCIDENT_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        var folder = URL(fileURLWithPath: workingDirectory, isDirectory: true).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(folderName, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.appendingPathComponent(fileName).path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return URL(fileURLWithPath: workingDirectory, isDirectory: true)
            .appendingPathComponent(folderName).appendingPathComponent(fileName).path
    }
}
