import Foundation

/// Checks typed text before it is stored: never silently changed, refused with a reason instead.
public enum TextRules {
    /// A one-line field (title, item text, label): trimmed, non-empty, no line breaks or control characters.
    public static func line(_ text: String, field: String) throws(IncidentError) -> String {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .emptyText(field: field) }
        if trimmed.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .multilineText(field: field)
        }
        try refuseControlCharacters(trimmed, field: field, allowing: [])
        return trimmed
    }

    /// A label: a one-line field without a comma, which gh reads as a separator (`--label a,b` is two labels).
    public static func label(_ text: String) throws(IncidentError) -> String {
        let label = try line(text, field: "label")
        if label.contains(",") { throw .labelWithComma(label) }
        return label
    }

    /// A Markdown field (impact, summary, details): may span lines; surrounding blank lines are dropped.
    public static func block(_ text: String, field: String) throws(IncidentError) -> String {
        let trimmed = text.trimmingSpacesAndNewlines()
        guard !trimmed.isEmpty else { throw .emptyText(field: field) }
        try refuseControlCharacters(trimmed, field: field, allowing: ["\n", "\r"])
        return trimmed
    }

    /// An optional Markdown field, where empty text clears it.
    public static func optionalBlock(_ text: String?, field: String) throws(IncidentError) -> String? {
        guard let text, !text.trimmingSpacesAndNewlines().isEmpty else { return nil }
        return try block(text, field: field)
    }

    /// Tabs are always allowed; `allowed` adds line breaks for Markdown fields.
    private static func refuseControlCharacters(_ text: String, field: String, allowing allowed: [Unicode.Scalar]) throws(IncidentError) {
        for scalar in text.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            guard scalar != "\t", !allowed.contains(scalar) else { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw .invalidText(field: field, reason: "contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); remove it")
        }
    }
}
