import Foundation

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the whole environment
/// into a dictionary each time it is asked, and a short command such as `incident check` asks several times.
public enum Environment {
    public static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
