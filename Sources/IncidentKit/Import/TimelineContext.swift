import Foundation

/// The date and zone that timed lines without their own take, as people write timelines: the date stated once
/// (title, front matter, a `Date:` line, the file name, a date heading), the zone stated once ("All times in
/// UTC"), and a time earlier than the one before it on the same date rolling over to the next day.
struct TimelineContext {
    /// The incident's date as the document states it once.
    var documentDate: (Int, Int, Int)?
    /// The date of the entries being read: a date heading, a bare date line, or the last fully dated entry.
    var currentDate: (Int, Int, Int)?
    /// The zone the document states once, and how it wrote it.
    var zone: TimeZoneName?
    var zoneText: String?
    /// "Unless otherwise noted all events happened on 2019-10-21": an entry's own date then applies to it alone.
    var pinnedDate: (Int, Int, Int)?
    private var last: Date?
    private var firstDay: (Int, Int, Int)?

    /// A time read from a line: an explicit date (if written) and zone (if written).
    struct Stamp {
        var day: (Int, Int, Int)?
        var hour: Int, minute: Int
        var zone: TimeZoneName?
        /// The line after the time and its separator.
        var rest: String
        /// Marked as on the day after the timeline's date (`翌 00:10`).
        var nextDay = false
        /// A date written without a time of day: the entry stands at the start of that day.
        var isDateOnly = false
    }

    /// The instant of `stamp`, with the date and zone the document gave; nil when no date is known.
    mutating func instant(_ stamp: Stamp, fallbackZone: TimeZone?) -> Date? {
        if stamp.isDateOnly, let day = stamp.day {
            // A dated line starts its day as a date heading does; its time is unknown, so it moves no clock.
            setDay(day)
            let wall = Int64(CivilTime.days(year: day.0, month: day.1, day: day.2)) * 86_400
            let zone = stamp.zone ?? zone ?? fallbackZone.map(TimeZoneName.zone) ?? .local
            return Date(timeIntervalSince1970: TimeInterval(wall - Int64(zone.offset(forWallClock: wall))))
        }
        let explicit = stamp.day != nil || stamp.nextDay
        if let day = stamp.day, pinnedDate == nil { currentDate = day }
        guard var day = stamp.day ?? currentDate ?? pinnedDate ?? documentDate else { return nil }
        if stamp.day == nil {
            // `翌 00:10` is the day after the one the timeline started on, however many such lines follow.
            let start = firstDay ?? day
            firstDay = start
            if stamp.nextDay {
                let next = CivilTime(seconds: Int64(CivilTime.days(year: start.0, month: start.1, day: start.2) + 1) * 86_400)
                day = (next.year, next.month, next.day)
            }
        }
        let wall = Int64(CivilTime.days(year: day.0, month: day.1, day: day.2)) * 86_400 + Int64(stamp.hour * 3600 + stamp.minute * 60)
        let zone = stamp.zone ?? zone ?? fallbackZone.map(TimeZoneName.zone) ?? .local
        var date = Date(timeIntervalSince1970: TimeInterval(wall - Int64(zone.offset(forWallClock: wall))))
        // 23:50 then 00:10 on the same stated date: the second is the next day.
        if !explicit, let last, date < last, last.timeIntervalSince(date) < 86_400 {
            date += 86_400
            let next = CivilTime(seconds: Int64(wall) + 86_400)
            currentDate = (next.year, next.month, next.day)
        }
        last = date
        return date
    }

    /// The year of the entries being read, for dates written without one (`Feb 21, 13:00`).
    var year: Int? { (currentDate ?? pinnedDate ?? documentDate)?.0 }

    /// Starts a new day (a date heading or a bare date line).
    mutating func setDay(_ day: (Int, Int, Int)) {
        currentDate = day
        last = nil
    }

    static let datePattern = try! NSRegularExpression(pattern: #"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])"#)

    /// The first `YYYY-MM-DD` in `text`.
    static func date(in text: String) -> (Int, Int, Int)? {
        guard let match = datePattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let year = Int(text[Range(match.range(at: 1), in: text)!]), let month = Int(text[Range(match.range(at: 2), in: text)!]),
              let day = Int(text[Range(match.range(at: 3), in: text)!]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (year, month, day)
    }


    /// How documents state their zone once, by language: the zone is the pattern's first group. "All times in UTC",
    /// "All times CET (GMT+1)", "Times are US/Pacific", "(all times in PST/PDT)", "All Timestamps in PST",
    /// "toutes les heures sont en UTC", "時刻はJSTで統一", "Zeitangaben in MEZ"; and a timeline heading's "(UTC)".
    static let zoneStatements: [NSRegularExpression] = [
        #"(?i)\b(?:all\s+)?(?:times|timestamps|hours)\s+(?:are\s+|listed\s+|shown\s+)?(?:given\s+)?(?:in\s+)?\(?"# + zoneGroup,
        #"(?i)\bheures?\s+(?:sont\s+)?(?:indiquées\s+|exprimées\s+)?(?:en\s+|\()"# + zoneGroup,
        #"(?i)\bzeit(?:angaben|en)\s+(?:sind\s+)?(?:in\s+)?"# + zoneGroup,
        #"時刻は(?:すべて|全て)?\s*"# + zoneGroup,
    ].map { try! NSRegularExpression(pattern: $0) }

    static let zoneGroup = #"([A-Za-z][A-Za-z_]*(?:\s+time)?(?:[+-]\d{1,2}(?::?\d{2})?)?(?:/[A-Za-z_]+)?)"#

    static let headingZone = try! NSRegularExpression(pattern: #"^#+.*\(\s*([A-Za-z][A-Za-z_+\-:/0-9]*)\s*\)"#)

    /// Words one of `zoneStatements` needs (lowercase ASCII or as written), looked for before any pattern runs.
    private static let statementWords = ["time", "heure", "zeit", "時刻"]

    /// Whether `line` has a word a zone statement needs, or is a heading with a parenthesis (`## Timeline (UTC)`):
    /// most lines are neither, and the patterns cost far more. (A bare parenthesis is in every Markdown link.)
    static func mayStateAZone(_ line: String) -> Bool {
        guard line.utf8.count >= 4 else { return false }
        if line.utf8.first(where: { $0 != UInt8(ascii: " ") }) == UInt8(ascii: "#"), line.utf8.contains(UInt8(ascii: "(")) { return true }
        return statementWords.contains { line.containsIgnoringASCIICase($0) }
    }

    /// The zone a line states for the whole document, and the zone as written.
    static func zoneStatement(in line: String) -> (TimeZoneName, String)? {
        guard mayStateAZone(line) else { return nil }
        let range = NSRange(line.startIndex..., in: line)
        for pattern in zoneStatements {
            guard let match = pattern.firstMatch(in: line, range: range), let found = Range(match.range(at: 1), in: line) else { continue }
            let text = String(line[found])
            if let zone = zone(named: text) { return (zone, text) }
        }
        // `## Timeline (UTC)`, `## タイムライン (JST)`.
        if TimeVocabulary.namesTimeline(line.lowercased()), let match = headingZone.firstMatch(in: line, range: range),
           let found = Range(match.range(at: 1), in: line), let zone = zone(named: String(line[found])) {
            return (zone, String(line[found]))
        }
        return nil
    }

    /// A zone as documents name it: an abbreviation (a fixed offset), `GMT+2`, a pair like `PST/PDT` or an IANA name
    /// (following daylight saving).
    static func zone(named text: String) -> TimeZoneName? {
        if let identifier = TimeVocabulary.zoneWords[text.lowercased()], let zone = TimeZone(identifier: identifier) { return .zone(zone) }
        let upper = text.uppercased()
        let seasonal = ["PST/PDT": "America/Los_Angeles", "PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
                        "EST/EDT": "America/New_York", "ET": "America/New_York", "CST/CDT": "America/Chicago",
                        "MST/MDT": "America/Denver", "CET/CEST": "Europe/Berlin", "GMT/BST": "Europe/London"]
        if let identifier = seasonal[upper], let zone = TimeZone(identifier: identifier) { return .zone(zone) }
        if text.contains("/"), let zone = TimeZone(identifier: text) { return .zone(zone) }
        return try? TimeZoneName.resolve(text)
    }
}

extension ImportState {
    /// The date and zone stated once: front matter (read before), the title line, a `Date:` / `Last modified:` line,
    /// the file name; "All times in …" anywhere. `--zone` wins over the document's zone.
    mutating func readContext() {
        if let override = importer.zoneOverride {
            context.zone = .zone(override)
        }
        var titleDate: (Int, Int, Int)?, keyDate: (Int, Int, Int)?, firstDate: (Int, Int, Int)?
        for (index, text) in lines.enumerated() where !consumed.contains(index + 1) {
            // A statement may wrap onto the next line ("… all times are in\nUTC.").
            if context.zoneText == nil, TimelineContext.mayStateAZone(text),
               case let statement = index + 1 < lines.count ? text + " " + lines[index + 1] : text,
               let (zone, written) = TimelineContext.zoneStatement(in: statement) {
                if importer.zoneOverride == nil { context.zone = zone }
                context.zoneText = written
                if let day = WrittenTime.date(in: statement) { context.pinnedDate = day }
            }
            let trimmed = text.trimmingSpaces()
            if titleDate == nil, trimmed.hasPrefix("#") { titleDate = WrittenTime.date(in: trimmed) }
            if keyDate == nil, let (key, value) = ImportText.keyValue(trimmed), TimeVocabulary.dateKeys.contains(key) {
                keyDate = WrittenTime.date(in: value)
            }
            if firstDate == nil { firstDate = WrittenTime.date(in: trimmed) }
        }
        // Last of all, the first full date the document writes (`### 発生日時` over `2021年11月25日午後3時`): a timeline
        // of times alone is on that day rather than nowhere.
        context.documentDate = context.documentDate ?? titleDate ?? keyDate ?? Self.fileTitle(importer.fileName)?.date ?? firstDate
    }
}
