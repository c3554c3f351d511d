import Foundation

/// Finding a literal piece of text by its UTF-8 bytes. A string literal given to `contains(_:)` or `range(of:)` picks
/// Foundation's, which on Linux copies the whole text to UTF-16 (CFString) on every call: the importer asks this of
/// every line and every document.
extension StringProtocol {
    /// Whether `needle` occurs in the text, byte for byte (no Unicode equivalence, no case folding).
    func containsLiterally(_ needle: String) -> Bool { rangeLiterally(of: needle) != nil }

    /// Whether `needle` (lowercase ASCII) occurs in the text in any mix of ASCII cases.
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let view = utf8
        var start = view.startIndex
        while let found = view[start...].firstIndex(where: { $0 | 0x20 == first }) {
            var index = found, matched = 0
            while matched < pattern.count, index < view.endIndex, Self.lowered(view[index]) == pattern[matched] {
                matched += 1
                index = view.index(after: index)
            }
            if matched == pattern.count { return true }
            start = view.index(after: found)
        }
        return false
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

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
        guard let needle = pattern.baseAddress, !pattern.isEmpty else { return start }
        guard let haystack = text.baseAddress else { return nil }
        // memchr finds each candidate first byte (a vectorised scan), memcmp checks the rest.
        var index = start
        while text.count - index >= pattern.count,
              let hit = memchr(haystack + index, Int32(needle.pointee), text.count - index - pattern.count + 1) {
            let offset = UnsafeRawPointer(haystack).distance(to: UnsafeRawPointer(hit))
            if memcmp(haystack + offset, needle, pattern.count) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }
}
