import Foundation
import Testing

/// Compares output with a file under Goldens/; `UPDATE_GOLDENS=1 swift test` rewrites them on purpose.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try output.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Missing golden \(name); run UPDATE_GOLDENS=1 swift test to create it.", sourceLocation: sourceLocation)
            return
        }
        if output != expected {
            let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let index = (0..<min(outputLines.count, expectedLines.count)).first { outputLines[$0] != expectedLines[$0] }
                ?? min(outputLines.count, expectedLines.count)
            let got = index < outputLines.count ? String(outputLines[index]) : "<end>"
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            Issue.record("\(name) differs at line \(index + 1):\n  got:  \(got)\n  want: \(want)", sourceLocation: sourceLocation)
        }
    }
}
