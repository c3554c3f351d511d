import Foundation

/// A ` ```mermaid ` timeline of an incident, which GitHub draws as a diagram.
///
/// Mermaid's timeline grammar (`timeline.jison`) reads a line as `{period} : {event}`: the period may hold no `:`
/// or `#`, and an event runs until a `:` followed by white space. Only those characters are changed (to `∶`,
/// U+2236, which reads the same), and a `<` that would open an HTML tag in the drawn label (to `‹`); everything
/// else in the text, `p99 < 200ms` and `5xx > 50%` included, is drawn as typed.
enum MermaidTimeline {
    static func render(_ incident: Incident, zone: TimeZone?) -> String {
        var lines = ["timeline", "    title \(event(incident.id)) timeline"]
        for entry in incident.timeline {
            lines.append("    \(period(TimeFormat.local(entry.at, in: zone))) : \(event(entry.kind.rawValue + " — " + entry.text))")
        }
        return lines.joined(separator: "\n")
    }

    /// A period: no `:` (the separator) and no `#` (a comment there).
    private static func period(_ text: String) -> String {
        rewrite(text) { byte, _ in byte == UInt8(ascii: ":") || byte == UInt8(ascii: "#") }
    }

    /// An event: a `:` is kept unless white space (or the end) follows it, where mermaid would start another event.
    private static func event(_ text: String) -> String {
        rewrite(text) { byte, next in
            byte == UInt8(ascii: ":") && (next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t"))
        }
    }

    /// A `<` followed by a letter, `/`, `!` or `?`: the start of a tag or comment mermaid would read as HTML.
    private static func opensTag(_ byte: UInt8, _ next: UInt8?) -> Bool {
        guard byte == UInt8(ascii: "<"), let next else { return false }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20) || next == UInt8(ascii: "/")
            || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
    }

    /// Replaces the bytes `needsChange` picks with `∶` and a tag's `<` with `‹`, turns tabs into spaces, and shortens text over 120 characters.
    private static func rewrite(_ text: String, _ needsChange: (UInt8, UInt8?) -> Bool) -> String {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count + 8)
        for (index, byte) in source.enumerated() {
            let next = index + 1 < source.count ? source[index + 1] : nil
            if opensTag(byte, next) {
                bytes.append(contentsOf: "‹".utf8)
            } else if needsChange(byte, next) {
                bytes.append(contentsOf: "∶".utf8)
            } else {
                bytes.append(byte == UInt8(ascii: "\t") ? UInt8(ascii: " ") : byte)
            }
        }
        let cleaned = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        return cleaned.count > 120 ? String(cleaned.prefix(119)) + "…" : cleaned
    }
}
