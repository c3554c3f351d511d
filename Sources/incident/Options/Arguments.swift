import Foundation
import IncidentKit

/// Splits positional words into an optional incident reference and what follows.
enum Arguments {
    /// `[REF] TEXT`: two words mean the first is the reference (INC-12, inc-12 or 12); two words that aren't
    /// are text typed without quotes.
    static func referenceAndText(_ words: [String], what: String) throws(IncidentError) -> (Int?, String) {
        switch words.count {
        case 1: return (nil, words[0])
        case 2:
            guard let reference = try? IncidentReference.parse(words[0]) else { throw unquoted(words, what: what) }
            return (reference, words[1])
        case 0: throw .emptyText(field: what)
        default:
            let rest = IncidentReference.isPrefixed(words[0]) ? Array(words.dropFirst()) : words
            throw unquoted(rest, what: what)
        }
    }

    /// TEXT alone, as one argument.
    static func text(_ words: [String], what: String) throws(IncidentError) -> String {
        guard words.count <= 1 else { throw unquoted(words, what: what) }
        guard let text = words.first else { throw .emptyText(field: what) }
        return text
    }

    /// "The title was given as 3 separate words; quote it, e.g. "Database is down"."
    static func unquoted(_ words: [String], what: String) -> IncidentError {
        .invalidText(field: what, reason: "was given as \(words.count) separate words; quote it, e.g. \"\(words.joined(separator: " "))\"")
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

/// Parses a TIME option (`fallback` when it was not given). A time in the future is refused unless `future` is set
/// or, at the terminal of `console`, the user says it is meant.
func parseTime(_ text: String?, future: Bool, default fallback: Date = Date(), console: Console) throws(IncidentError) -> Date {
    guard let text else { return fallback }
    let date = try TimeExpression.parse(text)
    guard !future else { return date }
    do {
        try TimeExpression.checkNotFuture(date, typed: text)
    } catch {
        if console.confirmed("\(TimeFormat.local(date)) is in the future. Record it anyway? [y/N] ") { return date }
        throw error
    }
    return date
}
