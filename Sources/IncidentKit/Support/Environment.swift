import Foundation

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the whole environment
/// into a dictionary each time it is asked, and a short command such as `incident check` asks several times.
public enum Environment {
    private static let slot = ThreadSlot()

    private final class Variables {
        let values: [String: String]
        init(_ values: [String: String]) { self.values = values }
    }

    /// The whole environment a command runs with in place of the process's, when set on this thread: a test that
    /// runs commands in-process gives each its own, as a child process would get, and the programs it starts
    /// (gh, curl, a pager) get the same.
    public static var replacement: [String: String]? { (slot.value as? Variables)?.values }

    /// Runs `body` with `variables` as this thread's whole environment.
    public static func withReplacement<Result>(_ variables: [String: String], _ body: () throws -> Result) rethrows -> Result {
        try slot.with(Variables(variables), body)
    }

    public static func value(_ name: String) -> String? {
        if let replacement { return replacement[name] }
        return getenv(name).map { String(cString: $0) }
    }

    /// Every variable, for finding programs on `PATH`.
    public static var all: [String: String] { replacement ?? ProcessInfo.processInfo.environment }
}
