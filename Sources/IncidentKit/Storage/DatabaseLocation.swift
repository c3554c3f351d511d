import Foundation

/// Finds the database file the way `git` finds its repository: flag, environment, then nearest ancestor.
public enum DatabaseLocation {
    public static let folderName = "incidents"
    public static let fileName = "incidents.sqlite"

    /// `--db`, else `$INCIDENT_DB`, else `incidents/incidents.sqlite` in the nearest ancestor that has
    /// an `incidents/` folder, else `./incidents/incidents.sqlite`.
    /// `environment` and `workingDirectory` default to the process's, looked up only when needed.
    public static func resolve(explicit: String?, environment: [String: String]? = nil, workingDirectory: String? = nil) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment.map({ $0["INCIDENT_DB"] }) ?? Environment.value("INCIDENT_DB"), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let workingDirectory = workingDirectory ?? FileManager.default.currentDirectoryPath
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
