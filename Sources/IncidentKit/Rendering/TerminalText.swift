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
        // One pass over the bytes decides; most text has neither a control character nor a colour (plane-15 scalars
        // start with F3), and is returned as it is.
        var previous: UInt8 = 0, mayHaveColour = false
        for byte in text.utf8 {
            if isControl(byte, after: previous) { return rewritten(text) }
            if byte == 0xF3 { mayHaveColour = true }
            previous = byte
        }
        return mayHaveColour ? rewritten(text) : text
    }

    /// Whether any byte of `text` is a control character that `visible` shows.
    static func needsCaretNotation(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if isControl(byte, after: previous) { return true }
            previous = byte
        }
        return false
    }

    /// C0 but newline and tab, DEL, and the second byte of a C1 character (U+0080–U+009F are C2 80 … C2 9F).
    private static func isControl(_ byte: UInt8, after previous: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F)
    }

    /// Controls in caret notation; the colour token as `ESC [`.
    private static func rewritten(_ text: String) -> String {
        let token = Array(TextStyle.escapeToken.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == token[0], scalars[index...].starts(with: token) {
                result.append(contentsOf: "\u{1B}[".unicodeScalars)
                index += token.count
                continue
            }
            appendVisible(scalars[index], to: &result)
            index += 1
        }
        return String(result)
    }

    private static func appendVisible(_ scalar: Unicode.Scalar, to result: inout String.UnicodeScalarView) {
        switch scalar.value {
        case 0x0A, 0x09: result.append(scalar)
        case 0x00..<0x20:
            result.append("^")
            result.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
        case 0x7F: result.append(contentsOf: "^?".unicodeScalars)
        case 0x80...0x9F: result.append(contentsOf: "<U+00\(String(scalar.value, radix: 16, uppercase: true))>".unicodeScalars)
        default: result.append(scalar)
        }
    }
}
