import Foundation

/// A time at the start of a line, as people write timelines: `10:34`, `2019-07-02 10:34`, `[11:02]`, `**~14:30** -`,
/// `2:54 PM PST:`, `06:15am - First alert`, `21:28 UTC:`, `2022-06-10 22:00 (UTC) -`, `2022-01-05    09:10`.
enum TimedText {
    static let pattern = try! NSRegularExpression(pattern: #"""
        ^[\s*_\[~(]*(?:(\d{4})-(\d{2})-(\d{2})(?:T|\s*,?\s+))?~?(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?(?:\s*\(?\s*(Z|UTC|GMT|[A-Z]{2,5}|[A-Z]{2,4}[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2})\b\s*\)?)?[\s*_\]~)]*(?:[-–—:|]+[\s*_]*)?
        """#, options: [])

    static let monthDate = try! NSRegularExpression(pattern:
        #"^([\s*_\[~(]*)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?,?\s*"#,
        options: [.caseInsensitive])
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Feb 04, 2021, 21:45` → `2021-02-04 21:45`, so month-name dates read like ISO ones; without a year
    /// (`Feb 21, 13:00`), `year` (the document's) is used, else the text is left as it is.
    static func isoMonthDate(_ text: String, year defaultYear: Int? = nil) -> String {
        guard text.contains(where: \.isLetter),
              let match = monthDate.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let lead = Range(match.range(at: 1), in: text), let name = Range(match.range(at: 2), in: text),
              let day = Range(match.range(at: 3), in: text).flatMap({ Int(text[$0]) }),
              let year = Range(match.range(at: 4), in: text).map({ String(text[$0]) }) ?? defaultYear.map(String.init),
              let month = months.firstIndex(of: text[name].lowercased()), let whole = Range(match.range, in: text) else { return text }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return String(text[lead]) + "\(year)-\(pad(month + 1))-\(pad(day)) " + String(text[whole.upperBound...])
    }

    /// False when `text` can't match `pattern` or `monthDate`: after the opening marks both allow, a time or a date
    /// starts with a digit, a month name with a letter. Decided on the first bytes, so that a line of prose costs no
    /// regular expression (Foundation's copies the line to UTF-16 first); anything not ASCII goes to the expressions.
    static func mayStartWithTime(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !leadingMarks.contains($0) }) else { return false }
        switch bytes[first] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
            return true
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            let word = String(decoding: bytes[first...].prefix(3).map { $0 | 0x20 }, as: UTF8.self)
            return months.contains(word)
        default:
            return false
        }
    }

    /// What `pattern` and `monthDate` allow before a time: ASCII white space, `*`, `_`, `[`, `~` and `(`.
    private static let leadingMarks: Set<UInt8> = Set([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20] + "*_[~(".utf8)

    /// The time at the start of `text`, or nil. A word after the time that isn't a zone stays in the text.
    static func leading(_ original: String, year: Int? = nil) -> TimelineContext.Stamp? {
        guard mayStartWithTime(original) else { return nil }
        let text = isoMonthDate(original, year: year)
        guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ index: Int) -> String? { Range(match.range(at: index), in: text).map { String(text[$0]) } }
        guard var hour = group(4).flatMap(Int.init), let minute = group(5).flatMap(Int.init), minute < 60 else { return nil }
        if let meridiem = group(6)?.lowercased().first {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == "p" ? 12 : 0)
        }
        guard hour < 24 else { return nil }
        var day: (Int, Int, Int)?
        if let year = group(1).flatMap(Int.init), let month = group(2).flatMap(Int.init), let date = group(3).flatMap(Int.init) {
            guard (1...12).contains(month), (1...31).contains(date) else { return nil }
            day = (year, month, date)
        }
        var rest = String(text[Range(match.range, in: text)!.upperBound...])
        var zone: TimeZoneName?
        if let written = group(7) {
            if let found = TimelineContext.zone(named: written) {
                zone = found
            } else {
                // `10:00 API down`: API is the first word of the text, not a zone.
                guard let start = Range(match.range(at: 7), in: text) else { return nil }
                rest = String(text[start.lowerBound...])
                rest = rest.drop { $0 == "*" || $0 == "_" || $0 == ")" }.description
            }
        }
        return TimelineContext.Stamp(day: day, hour: hour, minute: minute, zone: zone,
                                     rest: rest.trimmingSpaces())
    }
}
