import Foundation

/// Files of this repository that the scripts tests run or compare against.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The first of `candidates` that is an executable file.
    static func tool(_ candidates: String...) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a script of this repository with bash, in `sandbox`'s folder, and waits for it.
    static func runScript(_ script: String, _ arguments: [String], in sandbox: Sandbox,
                         environment: [String: String?] = [:]) throws -> CLIResult {
        try CLI.launch([path(script)] + arguments, in: sandbox.dir, scratch: sandbox.scratch, environment: environment,
                       executable: URL(fileURLWithPath: "/bin/bash")).finish()
    }
}
