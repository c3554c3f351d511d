/// Finding a literal piece of text by its UTF-8 bytes. A string literal given to `contains(_:)` or `range(of:)` picks
/// Foundation's, which on Linux copies the whole text to UTF-16 (CFString) on every call: the importer asks this of
/// every line and every document.
extension StringProtocol {
    /// Whether `needle` occurs in the text, byte for byte (no Unicode equivalence, no case folding).
    func containsLiterally(_ needle: String) -> Bool { rangeLiterally(of: needle) != nil }

    /// Where `needle` first occurs in the text at or after `from`, byte for byte.
    func rangeLiterally(of needle: String, from: Index? = nil) -> Range<Index>? {
        let view = utf8
        let start = view.distance(from: view.startIndex, to: from ?? view.startIndex)
        var needle = needle
        let found: Int? = needle.withUTF8 { pattern in
            let search = { (text: UnsafeBufferPointer<UInt8>) -> Int? in Self.firstOffset(of: pattern, in: text, from: start) }
            if let offset = view.withContiguousStorageIfAvailable(search) { return offset }
            return Array(view).withUnsafeBufferPointer(search)
        }
        guard let found else { return nil }
        let lower = view.index(view.startIndex, offsetBy: found)
        return lower..<view.index(lower, offsetBy: needle.utf8.count)
    }

    private static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = pattern.first else { return start }
        guard text.count >= pattern.count else { return nil }
        var index = start
        let last = text.count - pattern.count
        while index <= last {
            if text[index] == first {
                var matched = 1
                while matched < pattern.count, text[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}
