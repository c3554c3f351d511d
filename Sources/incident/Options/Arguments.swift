import Foundation
import IncidentKit

/// Splits positional words into an optional incident reference and what follows.
enum Arguments {
    /// `[REF] TEXT`: two words mean the first is the reference (INC-12, inc-12 or 12).
    static func referenceAndText(_ words: [String], what: String) throws(IncidentError) -> (Int?, String) {
        switch words.count {
        case 1: return (nil, words[0])
        case 2: return (try IncidentReference.parse(words[0]), words[1])
        case 0: throw .emptyText(field: what)
        default:
            throw .invalidText(field: what, reason: "was given as \(words.count) separate words; quote it, e.g. \"\(words.joined(separator: " "))\"")
        }
    }

    /// `[REF] N…`: the reference must be written INC-<n>; numbers may be lists (1,2) or ranges (1-3).
    static func referenceAndNumbers(_ words: [String]) throws(IncidentError) -> (Int?, [Int]) {
        var rest = words[...]
        var reference: Int?
        if let first = rest.first, IncidentReference.isPrefixed(first) {
            reference = try IncidentReference.parse(first)
            rest = rest.dropFirst()
        }
        var numbers: [Int] = []
        for word in rest {
            for part in word.split(separator: ",") {
                numbers += try itemNumbers(String(part))
            }
        }
        guard !numbers.isEmpty else { throw .invalidItemNumber(words.joined(separator: " ")) }
        var seen = Set<Int>()
        return (reference, numbers.filter { seen.insert($0).inserted })
    }

    /// `[REF] N`: exactly one item number.
    static func referenceAndItem(_ words: [String]) throws(IncidentError) -> (Int?, Int) {
        let (reference, numbers) = try referenceAndNumbers(words)
        guard numbers.count == 1 else { throw .invalidItemNumber(words.joined(separator: " ")) }
        return (reference, numbers[0])
    }

    /// `[REF]` alone.
    static func reference(_ word: String?) throws(IncidentError) -> Int? {
        try word.map { text throws(IncidentError) in try IncidentReference.parse(text) }
    }

    private static func itemNumbers(_ text: String) throws(IncidentError) -> [Int] {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count),
              let low = Int(bounds[0]), let high = Int(bounds[bounds.count - 1]), low > 0, low <= high, high - low < 1000
        else { throw .invalidItemNumber(text) }
        return Array(low...high)
    }
}

/// Parses a TIME option, naming nothing when it was not given.
func parseTime(_ text: String?, default fallback: Date = Date()) throws(IncidentError) -> Date {
    guard let text else { return fallback }
    return try TimeExpression.parse(text)
}

/// Prints one line to standard output (written directly: `print` costs generic start-up work on every run), with
/// control characters shown, not sent (`TerminalText`).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((TerminalText.visible(text) + "\n").utf8))
}
