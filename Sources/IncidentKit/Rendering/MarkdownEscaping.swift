import Foundation

/// Keeps user text from changing a Markdown document's structure, while inline Markdown (bold, code) still works.
public enum MarkdownEscaping {
    /// One-line text placed inside a line (a heading, list item or bold label).
    ///
    /// Raw HTML (`<script>`, `<!-- … -->`) is shown as text, and a leading `#`, `>`, list marker, fence,
    /// table pipe or `[ ]` box is backslash-escaped so it can't start a block of its own. Backslashes and
    /// an `&` that would start an entity are escaped too, so `unescapeInline` gives back exactly what was typed.
    public static func inline(_ text: String) -> String {
        let result = escapeAngleBrackets(text, backslashes: true)
        // A backslash only escapes punctuation, so an ordered-list number is escaped at its dot.
        let digits = result.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count < 10, let next = result.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + result.dropFirst(digits.count)
        }
        return startsBlock(result) ? "\\" + result : result
    }

    /// Text for a table cell: inline rules plus escaped pipes.
    public static func tableCell(_ text: String) -> String {
        let escaped = inline(text)
        guard escaped.utf8.contains(UInt8(ascii: "|")) else { return escaped }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(escaped.utf8.count + 8)
        for byte in escaped.utf8 {
            if byte == UInt8(ascii: "|") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A Markdown block the user wrote (details, sections): its structure is kept, but it can't swallow
    /// what follows: an unclosed code fence is closed and HTML comments and blocks are shown as text.
    public static func block(_ markdown: String) -> String {
        let (text, openFence) = mapOutsideFences(markdown) { escapeAngleBrackets($0, backslashes: false) }
        guard let openFence else { return text }
        return text + "\n" + String(repeating: openFence.character, count: openFence.length)
    }

    /// Applies `transform` to the lines outside fenced code blocks; returns the fence left open at the end, if any.
    private static func mapOutsideFences(_ markdown: String, _ transform: (String) -> String) -> (String, Fence?) {
        var lines: [String] = []
        var openFence: Fence?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let fence = openFence {
                if fence.isClosed(by: line) { openFence = nil }
                lines.append(line)
            } else if let fence = Fence(opening: line) {
                openFence = fence
                lines.append(line)
            } else {
                lines.append(transform(line))
            }
        }
        return (lines.joined(separator: "\n"), openFence)
    }

    /// A fenced code block's opening line, by CommonMark's rules (so what counts as code here counts there too).
    struct Fence {
        var character: Character
        var length: Int

        init?(opening line: String) {
            let indent = line.prefix { $0 == " " }.count
            guard indent <= 3 else { return nil }
            let rest = line.dropFirst(indent)
            guard let first = rest.first, first == "`" || first == "~" else { return nil }
            let run = rest.prefix { $0 == first }.count
            // A backtick fence's info string may not contain backticks.
            guard run >= 3, first == "~" || !rest.dropFirst(run).contains("`") else { return nil }
            (character, length) = (first, run)
        }

        /// A closing fence: the same character, at least as many, and nothing after but spaces.
        func isClosed(by line: String) -> Bool {
            let indent = line.prefix { $0 == " " }.count
            guard indent <= 3 else { return false }
            let rest = line.dropFirst(indent)
            let run = rest.prefix { $0 == character }.count
            return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
        }
    }

    /// Indents every non-empty line, to nest a block under a list item.
    public static func indent(_ text: String, by width: Int) -> String {
        let prefix = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }
            .joined(separator: "\n")
    }

    /// Outside code spans, a `<` that could open HTML, a comment or an autolink (`<b`, `</`, `<!--`, `<?`) becomes
    /// `&lt;` and an `&` that could start an entity (`&amp;`, `&#60;`) becomes `&amp;` (and, for one-line text, `\\`
    /// becomes `\\\\`), so no raw HTML or comment reaches the document and the text can be read back exactly. Every
    /// other `<` and `&` (`p99 < 200ms`, `R&D`) is left as typed, so the text pastes as it reads.
    static func escapeAngleBrackets(_ text: String, backslashes: Bool) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") || (backslashes && $0 == UInt8(ascii: "\\")) })
        else { return text }
        // Bytes, not characters: every replacement is ASCII, so multi-byte UTF-8 passes through intact.
        let source = Array(utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count + 16)
        var inCode = false
        var ticks = 0
        for (index, byte) in source.enumerated() {
            if byte == UInt8(ascii: "`") {
                ticks += 1
                bytes.append(byte)
                continue
            }
            if ticks > 0 {
                inCode.toggle()
                ticks = 0
            }
            switch byte {
            case UInt8(ascii: "<") where !inCode && opensMarkup(after: index, in: source): bytes.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: "&") where !inCode && startsEntity(at: index, in: source): bytes.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "\\") where !inCode && backslashes: bytes.append(contentsOf: [byte, byte])
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the `<` at `index` could start raw HTML or an autolink: CommonMark needs a letter, `/`, `!` or `?` next.
    private static func opensMarkup(after index: Int, in source: [UInt8]) -> Bool {
        guard index + 1 < source.count else { return false }
        let next = source[index + 1]
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20) || next == UInt8(ascii: "/")
            || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
    }

    /// Whether the `&` at `index` reads as an entity or character reference: `&name;`, `&#123;` or `&#x7B;`.
    private static func startsEntity(at index: Int, in source: [UInt8]) -> Bool {
        var position = index + 1
        if position < source.count, source[position] == UInt8(ascii: "#") { position += 1 }
        let start = position
        while position < source.count, position - start <= 32,
              (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(source[position] | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[position]) {
            position += 1
        }
        return position > start && position < source.count && source[position] == UInt8(ascii: ";")
    }

    /// The inverse of `inline` and `tableCell`: backslash escapes of punctuation and `&lt;`/`&amp;` undone outside code spans.
    public static func unescapeInline(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") }) else { return text }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        bytes.reserveCapacity(source.count)
        var inCode = false
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "`") {
                var run = 0
                while index < source.count, source[index] == UInt8(ascii: "`") { bytes.append(source[index]); index += 1; run += 1 }
                inCode.toggle()
                continue
            }
            if !inCode, byte == UInt8(ascii: "\\"), index + 1 < source.count, isASCIIPunctuation(source[index + 1]) {
                bytes.append(source[index + 1])
                index += 2
                continue
            }
            if !inCode, byte == UInt8(ascii: "&"), let (replacement, length) = entity(at: index, in: source) {
                bytes.append(replacement)
                index += length
                continue
            }
            bytes.append(byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The inverse of `block` for text that had no unclosed fence: `&lt;` and `&amp;` undone outside code.
    public static func unescapeBlock(_ markdown: String) -> String {
        guard markdown.containsLiterally("&") else { return markdown }
        return mapOutsideFences(markdown, unescapeEntities).0
    }

    private static func unescapeEntities(_ line: String) -> String {
        let source = Array(line.utf8)
        var bytes: [UInt8] = []
        var inCode = false
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "`") {
                while index < source.count, source[index] == UInt8(ascii: "`") { bytes.append(source[index]); index += 1 }
                inCode.toggle()
                continue
            }
            if !inCode, source[index] == UInt8(ascii: "&"), let (replacement, length) = entity(at: index, in: source) {
                bytes.append(replacement)
                index += length
                continue
            }
            bytes.append(source[index])
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func entity(at index: Int, in source: [UInt8]) -> (UInt8, Int)? {
        for (name, byte) in [("&lt;", UInt8(ascii: "<")), ("&amp;", UInt8(ascii: "&"))] {
            let pattern = Array(name.utf8)
            if index + pattern.count <= source.count, Array(source[index..<index + pattern.count]) == pattern {
                return (byte, pattern.count)
            }
        }
        return nil
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static func startsBlock(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next() else { return false }
        let second = bytes.next(), third = bytes.next()
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "="):
            return true
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return second == first && third == first
        case UInt8(ascii: "["):
            // "[ ]", "[x]" and "[X]" would read as a task box.
            return third == UInt8(ascii: "]") && (second == UInt8(ascii: " ") || second == UInt8(ascii: "x") || second == UInt8(ascii: "X"))
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "_"):
            // A list marker, or a thematic break such as "---" or "***".
            return second == nil || second == UInt8(ascii: " ") || (second == first && third == first && first != UInt8(ascii: "+"))
        default:
            return false
        }
    }
}
