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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: "`"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""):
                pendingSpace = !bytes.isEmpty
                continue
            default:
                break
            }
            if pendingSpace {
                bytes.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            if byte == UInt8(ascii: ":") {
                bytes.append(contentsOf: "∶".utf8)
            } else {
                bytes.append(byte)
            }
        }
        let cleaned = String(decoding: bytes, as: UTF8.self)
        return cleaned.count > 120 ? String(cleaned.prefix(119)) + "…" : cleaned
    }
}
