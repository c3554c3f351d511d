/// Trimming as Foundation's `trimmingCharacters(in:)` does with its three standard sets, by Unicode scalar, but
/// without the NSString bridge, whose first use in a process is a noticeable share of a short command such as
/// `incident check` (which trims the reference it is given).
enum Trimming {
    /// `CharacterSet.whitespaces`: tab, the space separators (Unicode category Zs) and, as Foundation's set has it
    /// here, U+200B ZERO WIDTH SPACE (`TrimmingTests` compares every scalar of the basic plane).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
            || (!scalar.isASCII && (scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator))
    }

    /// `CharacterSet.newlines`: U+000A–U+000D, U+0085, U+2028, U+2029.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// `CharacterSet.whitespacesAndNewlines`.
    static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool { isSpace(scalar) || isNewline(scalar) }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (`trimmingCharacters(in: .whitespaces)`).
    public func trimmingSpaces() -> String { trimming(Trimming.isSpace) }
    /// Without leading and trailing spaces, tabs and line breaks (`trimmingCharacters(in: .whitespacesAndNewlines)`).
    public func trimmingSpacesAndNewlines() -> String { trimming(Trimming.isSpaceOrNewline) }
    /// Without leading and trailing line breaks (`trimmingCharacters(in: .newlines)`).
    public func trimmingNewlines() -> String { trimming(Trimming.isNewline) }

    /// By scalar, as Foundation trims: the kept range can start or end inside a grapheme (a space before a
    /// combining mark), so it is cut from the UTF-8 view, whose indices scalars share.
    private func trimming(_ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }), let last = scalars.lastIndex(where: { !trimmed($0) }) else {
            return ""
        }
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }
}
