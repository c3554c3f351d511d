import Foundation

extension IncidentText {
    /// Search results: a line per incident (reference, severity, status, day declared, title), its best passage under
    /// it with the matches highlighted as `style` shows them.
    public static func searchHits(_ hits: [SearchHit], style: TextStyle = .plain) -> String {
        hits.map { hit in
            let incident = hit.incident
            let snippet = hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
                .replacingOccurrences(of: "\u{1}", with: style.highlightStart)
                .replacingOccurrences(of: "\u{2}", with: style.highlightEnd)
            return "\(style.heading(incident.id.padding(toLength: 8, withPad: " ", startingAt: 0))) "
                + "\(style.severity(incident.severity, incident.severity.label))  \(style.status(incident.status, incident.status.rawValue))  "
                + "\(TimeFormat.utc(incident.declaredAt).prefix(10))  \(incident.title)\n         \(snippet)"
        }.joined(separator: "\n")
    }

    /// The follow-up list: a line per action (incident, horizon, box, number, text, owner, due time, overdue at `now`,
    /// the GitHub issue it is tracked as and that issue's state as last seen).
    public static func followUps(_ items: [FollowUp], now: Date, style: TextStyle = .plain) -> String {
        // Bytes appended to one buffer, made a string once: a line built by interpolation and joined at the end makes a
        // dozen intermediate strings per item, and appending to a growing String checks it each time, which dominates
        // a follow-up list of thousands of items.
        var text: [UInt8] = []
        text.reserveCapacity(items.count * 120)
        for item in items {
            if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
            append(item.incidentID, width: 8, to: &text)
            append(item.horizon.rawValue, width: 11, to: &text)
            append(style.box(item.isDone), width: 0, to: &text)
            append(String(item.number), width: 3, to: &text)
            text += item.text.utf8
            text += "  (".utf8
            text += item.owner.map { "owner " + $0 }?.utf8 ?? "no owner".utf8
            if let due = item.due {
                let when = "due " + TimeFormat.local(due)
                text += ", ".utf8
                text += (!item.isDone && due < now ? style.overdue(when + " (overdue)") : when).utf8
            }
            if let issue = item.tracked {
                text += ", ".utf8
                text += issue.reference.utf8
                text += " \(item.trackedState ?? "state not read yet")".utf8
            }
            text.append(UInt8(ascii: ")"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` (ASCII) padded with spaces to `width`, then the space between columns.
    private static func append(_ value: String, width: Int, to text: inout [UInt8]) {
        text += value.utf8
        text += repeatElement(UInt8(ascii: " "), count: max(0, width - value.utf8.count) + 1)
    }
}
