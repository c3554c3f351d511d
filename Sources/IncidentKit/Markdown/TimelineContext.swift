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

    /// A time read from a line: an explicit date (if written) and zone (if written).
    struct Stamp {
        var day: (Int, Int, Int)?
        var hour: Int, minute: Int
        var zone: TimeZoneName?
        /// The line after the time and its separator.
        var rest: String
    }

    /// The instant of `stamp`, with the date and zone the document gave; nil when no date is known.
    mutating func instant(_ stamp: Stamp, fallbackZone: TimeZone?) -> Date? {
        let explicit = stamp.day != nil
        if let day = stamp.day, pinnedDate == nil { currentDate = day }
        guard let day = stamp.day ?? currentDate ?? pinnedDate ?? documentDate else { return nil }
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

    /// A line that is only a date (a date heading, or a bare date paragraph).
    /// Decided on the bytes (`YYYY-MM-DD` between the marks of a heading or emphasis), without Foundation's trimming
    /// and a regular expression: the importer asks this of every line of a timeline.
    static func dateOnly(_ text: String) -> (Int, Int, Int)? {
        let bytes = Array(text.utf8)
        let marks: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: ":")]
        guard let first = bytes.firstIndex(where: { !marks.contains($0) }), let last = bytes.lastIndex(where: { !marks.contains($0) }),
              last - first == 9 else { return nil }
        let date = bytes[first...last]
        func number(_ offset: Int, _ length: Int) -> Int? {
            var value = 0
            for byte in date.dropFirst(offset).prefix(length) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard date[first + 4] == UInt8(ascii: "-"), date[first + 7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return (year, month, day)
    }

    static let zonePattern = try! NSRegularExpression(pattern:
        #"(?i)\b(?:all\s+)?times\s+(?:are\s+|listed\s+)?(?:given\s+)?(?:in\s+)?\(?([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?(?:/[A-Za-z_]+)?)"#)

    /// "All times in UTC", "All times CET (GMT+1)", "Times are US/Pacific", "(all times in PST/PDT)".
    static func zoneStatement(in line: String) -> (TimeZoneName, String)? {
        guard line.containsIgnoringASCIICase("times"),
              let match = zonePattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let range = Range(match.range(at: 1), in: line) else { return nil }
        let text = String(line[range])
        return zone(named: text).map { ($0, text) }
    }

    /// A zone as documents name it: an abbreviation (a fixed offset), `GMT+2`, a pair like `PST/PDT` or an IANA name
    /// (following daylight saving).
    static func zone(named text: String) -> TimeZoneName? {
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
        var titleDate: (Int, Int, Int)?, keyDate: (Int, Int, Int)?
        for (index, text) in lines.enumerated() where !consumed.contains(index + 1) {
            // A statement may wrap onto the next line ("… all times are in\nUTC."). The two are joined only when one
            // says "times": joining every line to the next copied the whole document once more.
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if context.zoneText == nil,
               text.containsIgnoringASCIICase("times") || next?.containsIgnoringASCIICase("times") == true,
               case let statement = next.map({ text + " " + $0 }) ?? text,
               let (zone, written) = TimelineContext.zoneStatement(in: statement) {
                if importer.zoneOverride == nil { context.zone = zone }
                context.zoneText = written
                if let day = TimelineContext.date(in: statement) { context.pinnedDate = day }
            }
            // Only a heading can give the title's date: the line is trimmed only when it may be one.
            if titleDate == nil, let first = text.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
               first == UInt8(ascii: "#") || first >= 0x80, case let trimmed = text.trimmingSpaces(), trimmed.hasPrefix("#") {
                titleDate = TimelineContext.date(in: trimmed)
            }
            if keyDate == nil, let (key, value) = ImportText.keyValue(text),
               ["date", "date/time", "last modified", "incident date", "started"].contains(key) {
                keyDate = TimelineContext.date(in: value)
            }
        }
        context.documentDate = context.documentDate ?? titleDate ?? keyDate ?? Self.fileTitle(importer.fileName)?.date
    }
}
