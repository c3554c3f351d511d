/// Text on its way to a terminal or a pipe: control characters that could drive the terminal are shown, not sent.
///
/// Stored text stays exactly as it arrived; only what is printed changes. C0 controls but newline and tab, DEL and
/// the C1 controls (U+0080–U+009F, which some terminals obey as 8-bit escapes) could set the window title, clear
/// the screen, fake coloured output or write to the clipboard (OSC 52). They are shown in caret notation
/// (`^[` for ESC, `^?` for DEL) and C1 as `<U+009B>`, much as `cat -v` and `less` show them.
public enum TerminalText {
    /// `text` with every control character made visible, then this process's own colour codes (see `TextStyle`)
    /// turned into real escape sequences: only colour this tool chose reaches the terminal.
    public static func visible(_ text: String) -> String {
        let shown = needsCaretNotation(text) ? caretNotation(text) : text
        return shown.contains(TextStyle.escapeToken) ? shown.replacingOccurrences(of: TextStyle.escapeToken, with: "\u{1B}[") : shown
    }

    /// Whether any byte of `text` is a control character that `visible` changes.
    static func needsCaretNotation(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x0A && byte != 0x09 { return true }
            if byte == 0x7F { return true }
            // U+0080–U+009F are C2 80 … C2 9F in UTF-8.
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            previous = byte
        }
        return false
    }

    static func caretNotation(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.append(scalar)
            case 0x00..<0x20:
                result.append("^")
                result.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
            case 0x7F: result.append(contentsOf: "^?".unicodeScalars)
            case 0x80...0x9F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "<U+00\(hex)>".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
