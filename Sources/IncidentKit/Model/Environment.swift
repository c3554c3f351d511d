import Foundation

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the whole environment
/// into a dictionary each time it is asked, and a short command such as `incident check` asks several times.
public enum Environment {
    /// The whole environment a command runs with in place of the process's, when set: a test that runs commands
    /// in-process gives each its own, as a child process would get, and the programs it starts (gh, curl, a pager)
    /// get the same.
    @TaskLocal public static var replacement: [String: String]?

    public static func value(_ name: String) -> String? {
        if let replacement { return replacement[name] }
        return getenv(name).map { String(cString: $0) }
    }

    /// Every variable, for finding programs on `PATH`.
    public static var all: [String: String] { replacement ?? ProcessInfo.processInfo.environment }
}
