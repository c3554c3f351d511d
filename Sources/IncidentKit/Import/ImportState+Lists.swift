import Foundation

extension ImportState {
    /// One why per top-level item: `**Why #2:** text (answers #1)`, `**ROOT CAUSE:**` marking the root cause.
    mutating func readWhys(_ list: MarkdownBlock) {
        for item in list.children where !isConsumed(item) {
            guard var text = firstLine(of: item) else { continue }
            if let prefix = text.range(of: #"^\*\*Why ?#?\d+:?\*\*:? ?"#, options: [.regularExpression, .caseInsensitive]) {
                text.removeSubrange(prefix)
            }
            var parent: Int? = incident.whys.last?.number
            if let answers = text.range(of: #" \(answers #\d+\)$"#, options: .regularExpression) {
                parent = Int(text[answers].filter(\.isNumber))
                text.removeSubrange(answers)
            }
            var isRootCause = false
            if text.hasPrefix("**ROOT CAUSE:** ") {
                text.removeFirst("**ROOT CAUSE:** ".count)
                isRootCause = true
            } else if text.range(of: "root cause", options: .caseInsensitive) != nil {
                isRootCause = true
            }
            let number = incident.whys.count + 1
            incident.whys.append(Why(number: number, text: fieldText(text),
                                     parent: parent.flatMap { $0 < number ? $0 : nil }, isRootCause: isRootCause))
            consume(item.lines)
        }
    }

    /// Timed top-level items: `**2025-09-15 19:17 PST** (detected): text` as rendered, an item that starts with a
    /// time (`[11:02] …`, `**~14:30** - …`, `2:54 PM PST: …`), or any item with a full date in it.
    /// A date item over a list of times (`* 11/25` then `    * 15:00 - …`) starts that day for the list under it; a
    /// timed item's own list (notes on the entry) joins its text, so nothing under it is lost.
    mutating func readTimelineList(_ list: MarkdownBlock) {
        for item in list.children where !isConsumed(item) && item.task == nil {
            let nested = item.children.dropFirst()
            guard let text = firstLine(of: item), nested.allSatisfy({ if case .list = $0.kind { true } else { false } }) else { continue }
            if let day = WrittenTime.dateOnly(text, year: context.year) {
                context.setDay(day)
                nested.forEach { readTimelineList($0) }
                if !nested.isEmpty, nested.allSatisfy(isConsumed) { consume(item.lines) }
                continue
            }
            let rendered = nested.isEmpty ? renderedEntry(text) : nil
            let timed = rendered == nil ? (WrittenTime.leading(text, year: context.year) ?? WrittenTime.leadingDay(text, year: context.year))
                .flatMap { timedEntry($0) } : nil
            guard var entry = rendered ?? timed ?? (nested.isEmpty ? foreignEntry(text) : nil) else { continue }
            let notes = nested.flatMap(\.descendants).filter { $0.kind == .paragraph }.map { fieldText($0.text) }.filter { !$0.isEmpty }
            if !notes.isEmpty { entry.text = ([entry.text] + notes).joined(separator: " — ") }
            incident.timeline.append(entry)
            consume(item.lines)
        }
    }

    /// A table (libcmark sees it as a paragraph of `|` lines) under a timeline heading: one entry per dated row.
    mutating func readTimelineTable(_ paragraph: MarkdownBlock) {
        let rows = paragraph.lines.filter { !consumed.contains($0) && line($0).trimmingSpaces().hasPrefix("|") }
        guard rows.count == paragraph.lines.count, rows.count >= 2 else { return }
        var read: [Int] = []
        for number in rows {
            let cells = line(number).split(separator: "|").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
                .filter { !$0.isEmpty }
            if let entry = tableEntry(cells) {
                incident.timeline.append(entry)
                read.append(number)
                continue
            }
            guard let (date, range) = ImportText.date(in: cells.joined(separator: " | "), zone: importer.zone) else { continue }
            let joined = cells.joined(separator: " | ")
            let rest = (String(joined[..<range.lowerBound]) + String(joined[range.upperBound...]))
                .split(separator: "|").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            let text = MarkdownEscaping.unescapeInline(rest.joined(separator: " — "))
            incident.timeline.append(TimelineEntry(at: date, kind: ImportText.timelineKind(for: text), text: text.isEmpty ? "(no text)" : text, isManual: true))
            read.append(number)
        }
        // The rows read, with the header and its `---` row; a row read as no time (`...`, a placeholder) stays as text.
        guard !read.isEmpty else { return }
        read.forEach { consume($0...$0) }
        consume(rows[0]...rows[min(1, rows.count - 1)])
    }

    private func renderedEntry(_ text: String) -> TimelineEntry? {
        // The expression runs on a UTF-16 copy of the text: only a line that can match pays for it.
        guard text.hasPrefix("**"), text.containsLiterally("** ("),
              let match = text.range(of: #"^\*\*[^*]+\*\* \([a-z-]+\): "#, options: .regularExpression) else { return nil }
        let head = text[match]
        guard let close = head.range(of: "** ("), let kindEnd = head.range(of: "): ", options: .backwards),
              let kind = TimelineKind(rawValue: String(head[close.upperBound..<kindEnd.lowerBound])),
              let at = try? TimeExpression.parse(String(head[head.index(head.startIndex, offsetBy: 2)..<close.lowerBound]), zone: importer.zone)
        else { return nil }
        return TimelineEntry(at: at, kind: kind, text: MarkdownEscaping.unescapeInline(String(text[match.upperBound...])), isManual: true)
    }

    private func foreignEntry(_ text: String) -> TimelineEntry? {
        guard let (date, range) = ImportText.date(in: text, zone: importer.zone) else { return nil }
        var rest = String(text[..<range.lowerBound]) + String(text[range.upperBound...])
        rest = rest.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let cleaned = MarkdownEscaping.unescapeInline(rest.trimmingSpaces())
        return TimelineEntry(at: date, kind: ImportText.timelineKind(for: cleaned), text: cleaned.isEmpty ? "(no text)" : cleaned, isManual: true)
    }

    /// `**Name:** https://url (note)` items under an "Affected Services" heading.
    mutating func readServices(_ list: MarkdownBlock) {
        for item in list.children where !isConsumed(item) && item.task == nil {
            guard let text = firstLine(of: item), item.children.count == 1, text.hasPrefix("**"),
                  let close = text.range(of: ":**") else { continue }
            let name = MarkdownEscaping.unescapeInline(String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound]))
            var detail = String(text[close.upperBound...]).trimmingSpaces()
            var url: String?
            if detail.hasPrefix("http://") || detail.hasPrefix("https://") {
                let end = detail.firstIndex(of: " ") ?? detail.endIndex
                url = MarkdownEscaping.unescapeInline(String(detail[..<end]))
                detail = String(detail[end...]).trimmingSpaces()
                if detail.hasPrefix("("), detail.hasSuffix(")") { detail = String(detail.dropFirst().dropLast()) }
            }
            let note = detail.isEmpty ? nil : MarkdownEscaping.unescapeInline(detail)
            guard !name.isEmpty, !incident.services.contains(where: { $0.name == name }) else { continue }
            incident.services.append(AffectedService(name: name, url: url, note: note))
            consume(item.lines)
        }
    }
}
