import Foundation

/// The nearest of a list of words to a mistyped one, for "did you mean …?" (`timline` → `timeline`).
public enum Suggestion {
    /// The candidate closest to `typed` by edit distance (ignoring case), when it is close enough to be the
    /// word meant: at most a third of its length away, or a prefix of it (`medium` for `medium-term`).
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let word = Array(typed.lowercased())
        guard !word.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let distance = lowered.hasPrefix(String(word)) && word.count >= 3 ? 1 : editDistance(word, Array(lowered))
            if distance <= max(1, min(word.count, lowered.count) / 3), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// ` Did you mean "x"?` (with a leading space), or nothing when no candidate is close.
    public static func didYouMean(_ typed: String, among candidates: [String], quote: Character = "\"") -> String {
        closest(to: typed, among: candidates).map { " Did you mean \(quote)\($0)\(quote)?" } ?? ""
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (`cehck` → `check`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
