import Foundation

extension ImportState {
    /// A heading inside a timeline section: a date (`### 2020-02-20`) starts that day; a time (`### 16:05 PST`,
    /// `### 2019-07-02 10:34 - Problem starts`) is an entry, whose text is the rest of the heading or, when that is
    /// empty, the paragraph under it.
    mutating func readTimelineHeading(_ block: MarkdownBlock) {
        let text = Self.headingTitle(block.markdown)
        if let day = WrittenTime.dateOnly(text) {
            context.setDay(day)
            consume(block.lines)
            dayHeading = day
        } else if let stamp = WrittenTime.leading(text, year: context.year) ?? WrittenTime.leadingDay(text, year: context.year),
                  let entry = timedEntry(stamp) {
            incident.timeline.append(entry)
            consume(block.lines)
            if stamp.rest.isEmpty { pendingEntry = incident.timeline.count - 1 }
        }
    }

    /// A paragraph inside a timeline section: bare dates start a day; a paragraph whose lines (or `<br>`-separated
    /// parts) begin with times is a run of entries, each continued by the lines that follow it without a time; and
    /// the first paragraph under a time heading with no text of its own is that entry's text.
    mutating func readTimelineParagraph(_ block: MarkdownBlock) {
        let underDayHeading = dayHeading
        dayHeading = nil
        let rows = block.lines.filter { !consumed.contains($0) }.map(line)
        if let index = pendingEntry {
            pendingEntry = nil
            let text = rows.map { $0.trimmingSpaces() }.joined(separator: " ")
            if WrittenTime.leading(text, year: context.year) == nil {
                incident.timeline[index].text = fieldText(text)
                incident.timeline[index].kind = ImportText.timelineKind(for: incident.timeline[index].text)
                consume(block.lines)
                return
            }
        }
        let parts = rows.flatMap { row in
            // Most rows have no `<br>`: splitting them with Foundation anyway copied each to UTF-16 three times.
            guard row.containsLiterally("<br") else { return [row.trimmingSpaces()].filter { !$0.isEmpty } }
            return ImportText.splitAtBreaks(row).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }
        var entries: [TimelineEntry] = []
        var texts: [String] = []
        var dateOnly: [Bool] = []
        for part in parts {
            if let day = WrittenTime.dateOnly(part) {
                context.setDay(day)
            } else if let stamp = WrittenTime.leading(part, year: context.year) ?? WrittenTime.leadingDay(part, year: context.year),
                      let entry = timedEntry(stamp) {
                entries.append(entry)
                texts.append(stamp.rest)
                dateOnly.append(stamp.isDateOnly)
            } else if !texts.isEmpty {
                texts[texts.count - 1] += (texts[texts.count - 1].isEmpty ? "" : " ") + part
            } else if let day = underDayHeading, entries.isEmpty, texts.isEmpty {
                // The first paragraph under a date heading with no time of its own: that day's event, at no time.
                let stamp = TimelineContext.Stamp(day: day, hour: 0, minute: 0, zone: nil, rest: part, isDateOnly: true)
                guard let entry = timedEntry(stamp) else { return }
                entries.append(entry)
                texts.append(part)
                dateOnly.append(true)
            } else {
                return   // prose before the first time: not a run of entries, left as written
            }
        }
        for (index, var entry) in entries.enumerated() {
            let text = fieldText(texts[index])
            entry.text = text.isEmpty ? "(no text)" : text
            entry.kind = Self.kind(for: text, dateOnly: dateOnly[index])
            incident.timeline.append(entry)
        }
        if !entries.isEmpty || parts.allSatisfy({ WrittenTime.dateOnly($0) != nil }) { consume(block.lines) }
    }

    /// The entry for a time read from a line, in the document's date and zone; nil when no date is known.
    mutating func timedEntry(_ stamp: TimelineContext.Stamp) -> TimelineEntry? {
        guard let at = context.instant(stamp, fallbackZone: importer.zone) else { return nil }
        let text = fieldText(stamp.rest)
        return TimelineEntry(at: at, kind: Self.kind(for: text, dateOnly: stamp.isDateOnly), text: text.isEmpty ? "(no text)" : text,
                             isManual: true)
    }

    /// What an entry marks; an entry with a date and no time is a note, whatever it says: a response milestone at the
    /// start of its day would be a time nobody wrote, and response-time figures would count it.
    static func kind(for text: String, dateOnly: Bool) -> TimelineKind {
        dateOnly ? .note : ImportText.timelineKind(for: text)
    }

    static let clockPattern = try! NSRegularExpression(pattern: #"(?i)\d{1,2}\s?[:：]\s?\d{2}|\d{1,2}\s?時|\b\d{1,2}\s?[ap]\.?m\b|\b\d{1,2}h\d{2}\b"#)

    /// Lines under a timeline heading that carry a clock time but no field took: kept only as text.
    func timedLinesKeptAsText() -> Int {
        timelineLines.subtracting(consumed).filter { number in
            let text = line(number)
            return Self.clockPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }.count
    }

    /// Text for a typed field: Markdown escapes undone, trailing `<br>` and spaces dropped, and in a document this
    /// tool didn't render, HTML entities decoded (`&lt;START&gt;` → `<START>`; the renderer's own `&amp;` is an escape).
    func fieldText(_ text: String) -> String {
        var cleaned = text.trimmingSpaces()
        while cleaned.hasSuffix("<br>") { cleaned = String(cleaned.dropLast(4)).trimmingSpaces() }
        let unescaped = MarkdownEscaping.unescapeInline(cleaned)
        return isOwnRender ? unescaped : TextRepair.decodeEntities(unescaped)
    }
}
