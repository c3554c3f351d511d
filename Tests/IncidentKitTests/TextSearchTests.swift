import Foundation
import Testing
@testable import IncidentKit

/// The importer's byte-wise searches must find what Foundation's literal searches find.
@Suite struct TextSearchTests {
    /// Short texts over a small alphabet (so needles often occur), with multi-byte characters among them.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let alphabet: [String] = ["a", "b", "T", "t", "i", "m", "e", "s", " ", "-", "<", "!", "é", "🚨", "ß", "\t"]
        return (0..<count).map { _ in (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined() }
    }

    @Test func literalSearchAgreesWithFoundation() {
        let texts = Self.texts(3_000, seed: 7)
        for (index, text) in texts.enumerated() {
            let needle = String(texts[(index * 7 + 3) % texts.count].prefix(3))
            #expect(text.rangeLiterally(of: needle) == text.range(of: needle, options: .literal) || needle.isEmpty, "\(text) / \(needle)")
            #expect(text.containsLiterally("a") == text.contains("a" as Character))
            if let first = text.rangeLiterally(of: "a"), let second = text.rangeLiterally(of: "a", from: first.upperBound) {
                #expect(second == text.range(of: "a", options: .literal, range: first.upperBound..<text.endIndex))
            }
        }
    }

    @Test func caseInsensitiveSearchAgreesWithFoundationOnASCIICase() {
        for text in Self.texts(3_000, seed: 11) {
            let expected = text.lowercased().range(of: "times", options: .literal) != nil
            #expect(text.containsIgnoringASCIICase("times") == expected || text.contains("ß"), "\(text)")
        }
        #expect("All TIMES in UTC".containsIgnoringASCIICase("times") && !"All tim es".containsIgnoringASCIICase("times"))
    }

    /// A row split at its HTML breaks by bytes gives the pieces Foundation's replace-and-split gave.
    @Test func splittingAtBreaksAgreesWithFoundation() {
        var generator = SeededGenerator(seed: 13)
        let parts = ["<br>", "<br/>", "<br />", "<br", "<b>", "br>", "**16:27**", " x ", "é", "🚨", "/>", ">", " "]
        for _ in 0..<3_000 {
            let row = (0..<Int.random(in: 0...8, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            let expected = row.replacingOccurrences(of: "<br/>", with: "<br>").replacingOccurrences(of: "<br />", with: "<br>")
                .components(separatedBy: "<br>")
            #expect(ImportText.splitAtBreaks(row).map(String.init) == expected, "\(row)")
        }
    }
}
