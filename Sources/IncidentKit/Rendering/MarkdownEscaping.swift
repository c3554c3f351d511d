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
        inline(text).replacingOccurrences(of: "|", with: "\\|")
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
        guard text.contains("<") else { return text }
        var result = ""
        var inCode = false
        var ticks = 0
        for character in text {
            if character == "`" {
                ticks += 1
                result.append(character)
                continue
            }
            if ticks > 0 {
                inCode.toggle()
                ticks = 0
            }
            result += (character == "<" && !inCode) ? "&lt;" : String(character)
        }
        return result
    }

    private static func startsBlock(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if "#>|=".contains(first) { return true }
        if text.hasPrefix("```") || text.hasPrefix("~~~") || text.hasPrefix("[ ]") || text.hasPrefix("[x]") || text.hasPrefix("[X]") {
            return true
        }
        if "-+*".contains(first), text.count == 1 || text.dropFirst().first == " " { return true }
        return text.hasPrefix("***") || text.hasPrefix("---") || text.hasPrefix("___")
    }
}
