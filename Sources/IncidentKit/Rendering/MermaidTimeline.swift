import Foundation

/// A ` ```mermaid ` timeline of an incident, which GitHub draws as a diagram.
enum MermaidTimeline {
    static func render(_ incident: Incident, zone: TimeZone?) -> String {
        var lines = ["timeline", "    title \(clean(incident.id)) timeline"]
        for entry in incident.timeline {
            lines.append("    \(clean(TimeFormat.local(entry.at, in: zone))) : \(clean(entry.kind.rawValue)) — \(clean(entry.text))")
        }
        return lines.joined(separator: "\n")
    }

    /// Mermaid reads `:` as an event separator and `#`/`;` as entity and statement syntax: keep words only.
    private static func clean(_ text: String) -> String {
        let kept = text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case ":": return "∶"
            case "#", ";", "`", "<", ">", "{", "}", "\"": return " "
            default: return String(scalar)
            }
        }.joined()
        let words = kept.split(whereSeparator: \.isWhitespace)
        let joined = words.joined(separator: " ")
        return joined.count > 120 ? String(joined.prefix(119)) + "…" : joined
    }
}
