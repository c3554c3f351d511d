import Foundation
import Testing
@testable import IncidentKit

/// Our trimming stands in for Foundation's `trimmingCharacters(in:)` with its standard sets: check it trims the same.
@Suite struct TrimmingTests {
    static let sets: [(CharacterSet, @Sendable (String) -> String, @Sendable (Substring) -> String)] = [
        (.whitespaces, { $0.trimmingSpaces() }, { $0.trimmingSpaces() }),
        (.whitespacesAndNewlines, { $0.trimmingSpacesAndNewlines() }, { $0.trimmingSpacesAndNewlines() }),
        (.newlines, { $0.trimmingNewlines() }, { $0.trimmingNewlines() }),
    ]

    @Test func everyScalarOfTheBasicPlaneIsTrimmedOrKeptAsFoundationDoes() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "b", alone = String(scalar)
            for (set, ours, _) in Self.sets {
                #expect(ours(alone) == alone.trimmingCharacters(in: set), "U+\(String(value, radix: 16)) in \(set)")
                #expect(ours(text) == text, "U+\(String(value, radix: 16)) inside text")
            }
        }
    }

    @Test func randomTextIsTrimmedAsFoundationTrimsIt() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{2028}", "\u{3000}", "\u{85}", "a", "é", "e\u{301}", " \u{301}", "🚨", "INC-7", "#"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let substring = ("x" + text + "y").dropFirst().dropLast()
            for (set, ours, oursOnSubstring) in Self.sets {
                #expect(ours(text) == text.trimmingCharacters(in: set), "\(Array(text.unicodeScalars))")
                #expect(oursOnSubstring(substring) == substring.trimmingCharacters(in: set), "\(Array(text.unicodeScalars))")
            }
        }
    }
}
