import Foundation

/// One variable of the process's environment. `ProcessInfo.processInfo.environment` copies the whole environment
/// into a dictionary each time it is asked: 0.4M instructions, three times in `incident check` (callgrind).
public enum Environment {
    public static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
