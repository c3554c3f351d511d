import Foundation

/// Keeps user text from changing a Markdown document's structure, while inline Markdown (bold, code) still works.
public enum MarkdownEscaping {
    /// One-line text placed inside a line (a heading, list item or bold label).
    ///
    /// Raw HTML (`<script>`, `<!-- … -->`) is shown as text, and a leading `#`, `>`, list marker, fence,
    /// table pipe or `[ ]` box is backslash-escaped so it can't start a block of its own.
    public static func inline(_ text: String) -> String {
        let result = escapeAngleBrackets(text)
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
        var lines: [String] = []
        var openFence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if let fence = openFence {
                if trimmed.hasPrefix(fence) { openFence = nil }
                lines.append(line)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                openFence = String(trimmed.prefix(while: { $0 == trimmed.first }))
                lines.append(line)
            } else {
                lines.append(escapeAngleBrackets(line))
            }
        }
        if let openFence { lines.append(openFence) }
        return lines.joined(separator: "\n")
    }

    /// Indents every non-empty line, to nest a block under a list item.
    public static func indent(_ text: String, by width: Int) -> String {
        let prefix = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }
            .joined(separator: "\n")
    }

    /// `<` outside code spans becomes `&lt;`, so no raw HTML or comment reaches the document.
    static func escapeAngleBrackets(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        // Bytes, not characters: every replacement is ASCII, so multi-byte UTF-8 passes through intact.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        var inCode = false
        var ticks = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "`") {
                ticks += 1
                bytes.append(byte)
                continue
            }
            if ticks > 0 {
                inCode.toggle()
                ticks = 0
            }
            if byte == UInt8(ascii: "<") && !inCode {
                bytes.append(contentsOf: [UInt8(ascii: "&"), UInt8(ascii: "l"), UInt8(ascii: "t"), UInt8(ascii: ";")])
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
