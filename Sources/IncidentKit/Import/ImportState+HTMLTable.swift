import Foundation

extension ImportState {
    /// A timeline kept as a raw HTML `<table>` under a timeline heading: one entry per row whose first cells give a
    /// time (`<td>10:02</td>`, or a date cell then a time cell); the rest of the row is the entry's text.
    mutating func readTimelineHTMLTable(_ block: MarkdownBlock) {
        guard block.markdown.range(of: "<tr", options: .caseInsensitive) != nil else { return }
        var found = false, unread = 0
        for (index, cells) in Self.htmlRows(block.markdown).enumerated() {
            guard let entry = tableEntry(cells) else {
                if index > 0 { unread += 1 }
                continue
            }
            incident.timeline.append(entry)
            found = true
        }
        // The table is read as a whole or kept as a whole: a row after the header that gave no entry keeps the table
        // as written too, so its text is not lost.
        if found, unread == 0 { consume(block.lines) }
    }

    /// The entry a table row gives: the first cell starts with a time, or is a date and the second starts with one.
    mutating func tableEntry(_ cells: [String]) -> TimelineEntry? {
        guard let first = cells.first else { return nil }
        var stamp = WrittenTime.leading(first, year: context.year)
        var rest = Array(cells.dropFirst())
        if stamp == nil, let day = WrittenTime.dateOnly(first, year: context.year) {
            if let second = rest.first, var timed = WrittenTime.leading(second, year: day.0) {
                timed.day = timed.day ?? day
                stamp = timed
                rest.removeFirst()
            } else if !rest.isEmpty {
                // A date and no time: the row is an entry at the start of that day.
                stamp = TimelineContext.Stamp(day: day, hour: 0, minute: 0, zone: nil, rest: "", isDateOnly: true)
            }
        }
        if stamp == nil { stamp = WrittenTime.leadingDay(first, year: context.year) }
        guard let stamp, var entry = timedEntry(stamp) else { return nil }
        let text = fieldText(([stamp.rest] + rest).filter { !$0.isEmpty }.joined(separator: " — "))
        entry.text = text.isEmpty ? "(no text)" : text
        entry.kind = Self.kind(for: text, dateOnly: stamp.isDateOnly)
        return entry
    }

    private static let rowPattern = try! NSRegularExpression(pattern: #"<tr\b[^>]*>(.*?)(?:</tr>|(?=<tr\b)|$)"#,
                                                             options: [.caseInsensitive, .dotMatchesLineSeparators])
    private static let cellPattern = try! NSRegularExpression(pattern: #"<t[dh]\b[^>]*>(.*?)(?:</t[dh]>|(?=<t[dh]\b)|$)"#,
                                                              options: [.caseInsensitive, .dotMatchesLineSeparators])
    private static let tagPattern = try! NSRegularExpression(pattern: #"<[^>]+>"#)

    /// Each row's cells as plain text: tags dropped (`<br>` read as a space), entities decoded, spaces collapsed.
    static func htmlRows(_ html: String) -> [[String]] {
        rowPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { row in
            guard let body = Range(row.range(at: 1), in: html).map({ String(html[$0]) }) else { return nil }
            let cells = cellPattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap { cell -> String? in
                guard let range = Range(cell.range(at: 1), in: body) else { return nil }
                let inner = String(body[range])
                let plain = tagPattern.stringByReplacingMatches(in: inner, range: NSRange(inner.startIndex..., in: inner), withTemplate: " ")
                return TextRepair.decodeEntities(plain).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            return cells.isEmpty ? nil : cells
        }
    }
}
