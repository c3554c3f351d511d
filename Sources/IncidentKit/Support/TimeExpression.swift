import Foundation

/// Reads the times responders type: ISO 8601, `YYYY-MM-DD HH:MM [ZONE]`, `HH:MM`, `-15m`, `now`.
public enum TimeExpression {
    /// Parses `text` relative to `now`; times without a zone are read in `zone`, else in the user's zone (`TZ`).
    ///
    /// A date alone is the start of that day, or with `dateOnlyMeansEndOfDay` its last second (a due date
    /// "2027-01-31" is met by anything done that day). `7:17pm`, `7:17 PM` and `7:17 p.m. PST` are 12-hour times.
    public static func parse(_ text: String, now: Date = Date(), zone: TimeZone? = nil,
                             dateOnlyMeansEndOfDay: Bool = false) throws(IncidentError) -> Date {
        let fallback: TimeZoneName = zone.map { .zone($0) } ?? .local
        let trimmed = text.trimmingSpaces()
        if trimmed.lowercased() == "now" { return now }
        if let offset = relativeOffset(trimmed) { return now.addingTimeInterval(offset) }
        var scanner = TimeScanner(trimmed)
        guard var fields = scanner.fields() else { throw .unparseableTime(text) }
        var zoneText = scanner.rest.trimmingSpaces()
        if let (isAfternoon, rest) = meridiem(zoneText) {
            guard fields.hasClock, (1...12).contains(fields.hour) else { throw .unparseableTime(text) }
            fields.hour = fields.hour % 12 + (isAfternoon ? 12 : 0)
            zoneText = rest
        }
        if dateOnlyMeansEndOfDay, !fields.hasClock {
            (fields.hour, fields.minute, fields.second) = (23, 59, 59)
        }
        let day: (Int, Int, Int)
        if let date = fields.date {
            day = date
        } else {
            // A bare clock time means today where the zone is.
            let todayZone = try zoneText.isEmpty ? fallback : TimeZoneName.resolve(zoneText)
            let local = CivilTime(seconds: Int64(now.timeIntervalSince1970) + Int64(todayZone.offset(at: now)))
            day = (local.year, local.month, local.day)
        }
        guard (1...12).contains(day.1), (1...31).contains(day.2), fields.hour < 24, fields.minute < 60,
              fields.second < 61 else { throw .unparseableTime(text) }
        let wall = Int64(CivilTime.days(year: day.0, month: day.1, day: day.2)) * 86_400
            + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        let resolved: TimeZoneName = try zoneText.isEmpty ? fallback : TimeZoneName.resolve(zoneText)
        return Date(timeIntervalSince1970: TimeInterval(wall - Int64(resolved.offset(forWallClock: wall))) + fields.fraction)
    }

    /// Throws when `date` is later than `now` by more than a clock's drift: a typed time in the future is nearly
    /// always a slip (19:17 meant yesterday, or PM for AM), and a milestone recorded there misleads every measure.
    public static func checkNotFuture(_ date: Date, typed text: String, now: Date = Date()) throws(IncidentError) {
        let ahead = date.timeIntervalSince(now)
        guard ahead > allowedDrift else { return }
        throw .futureTime(text, ahead: ahead)
    }

    /// How far ahead a typed time may be and still count as now: a time typed to the minute, on a clock a little fast.
    static let allowedDrift: TimeInterval = 120

    /// `am`/`pm` (any case, `a.m.`, `p.m.`) at the start of what follows a clock time, and what comes after it.
    static func meridiem(_ text: String) -> (Bool, String)? {
        let lower = text.lowercased()
        for (word, isAfternoon) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] where lower.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            guard rest.isEmpty || rest.first == " " else { continue }
            return (isAfternoon, String(rest).trimmingSpaces())
        }
        return nil
    }

    /// A zone as a person names it: `UTC`, `PST` (a fixed offset), `+05:30`, `America/Los_Angeles`; nil if unknown.
    public static func timeZone(named text: String) -> TimeZone? {
        switch try? TimeZoneName.resolve(text) {
        case .fixed(let seconds): TimeZone(secondsFromGMT: seconds)
        case .zone(let zone): zone
        case .local, nil: nil
        }
    }

    /// `-15m`, `-2h`, `-1d`, `-90s`, `-1h30m`, or the same with `ago` instead of the minus.
    static func relativeOffset(_ text: String) -> TimeInterval? {
        var body = Substring(text.lowercased())
        if body.hasPrefix("-") {
            body = body.dropFirst()
        } else if body.hasSuffix(" ago") {
            body = body.dropLast(4)
        } else {
            return nil
        }
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for character in body where character != " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit: TimeInterval
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard let value = Double(digits) else { return nil }
            total += value * unit
            // Further back than any incident record: refused, not turned into a time that can't be shown.
            guard total <= 100 * 366 * 86_400 else { return nil }
            digits = ""
            sawUnit = true
        }
        return sawUnit && digits.isEmpty ? -total : nil
    }
}

/// A zone as written after a time: a fixed offset, a named zone that follows daylight saving, or the user's zone.
enum TimeZoneName {
    case fixed(Int)
    case zone(TimeZone)
    case local

    /// Abbreviations are fixed offsets as written, in minutes east of UTC: PST is UTC−8 even in September.
    /// IST is India's +05:30 (not Irish or Israel time), the reading incident write-ups mean most often.
    static let abbreviations: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "PST": -480, "PDT": -420, "MST": -420, "MDT": -360, "CST": -360, "CDT": -300, "EST": -300, "EDT": -240,
        "AKST": -540, "AKDT": -480, "HST": -600,
        "BST": 60, "CET": 60, "CEST": 120, "WEST": 60, "EET": 120, "EEST": 180, "MSK": 180,
        "IST": 330, "SGT": 480, "HKT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    ]

    static func resolve(_ text: String) throws(IncidentError) -> TimeZoneName {
        let upper = text.uppercased()
        if let minutes = abbreviations[upper] { return .fixed(minutes * 60) }
        if let offset = parseOffset(upper.hasPrefix("UTC") || upper.hasPrefix("GMT") ? String(upper.dropFirst(3)) : upper) {
            return .fixed(offset)
        }
        if text.contains("/"), let zone = TimeZone(identifier: text) { return .zone(zone) }
        throw .unknownTimeZone(text)
    }

    /// `+05:30`, `-0800`, `+5`.
    static func parseOffset(_ text: String) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let hours = digits.count <= 2 ? Int(digits)! : Int(digits.prefix(digits.count - 2))!
        let minutes = digits.count <= 2 ? 0 : Int(digits.suffix(2))!
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    func offset(at date: Date) -> Int {
        switch self {
        case .fixed(let seconds): seconds
        case .zone(let zone): zone.secondsFromGMT(for: date)
        case .local: LocalZone.at(TimeFormat.seconds(date)).offset
        }
    }

    /// The offset in force at a local wall-clock time, given as seconds since 1970 read as if UTC.
    func offset(forWallClock wall: Int64) -> Int {
        switch self {
        case .fixed(let seconds):
            return seconds
        case .zone(let zone):
            // Guess with the offset at the wall time read as UTC, then correct once for a DST edge.
            let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - Int64(guess))))
        case .local:
            return LocalZone.offset(forWallClock: wall)
        }
    }
}

/// Scans `[YYYY-MM-DD[T| ]]HH:MM[:SS[.fff]]` or a date alone, leaving any zone in `rest`.
private struct TimeScanner {
    struct Fields {
        var date: (Int, Int, Int)?
        var hour = 0, minute = 0, second = 0
        var fraction: TimeInterval = 0
        /// False for a date alone.
        var hasClock = true
    }

    private var characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var rest: String { String(characters[index...]) }

    mutating func fields() -> Fields? {
        var fields = Fields()
        let start = index
        if let year = number(digits: 4), take("-"), let month = number(digits: 2), take("-"), let day = number(digits: 2) {
            fields.date = (year, month, day)
            if index == characters.count {
                fields.hasClock = false
                return fields
            }
            guard take("T") || take("t") || take(" ") else { return nil }
        } else {
            index = start
        }
        guard let hour = number(digits: 2, allowShorter: true), take(":"), let minute = number(digits: 2) else { return nil }
        fields.hour = hour
        fields.minute = minute
        if take(":") {
            guard let second = number(digits: 2) else { return nil }
            fields.second = second
            if take(".") || take(",") {
                var digits = "0."
                while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                    digits.append(characters[index])
                    index += 1
                }
                fields.fraction = TimeInterval(digits) ?? 0
            }
        }
        return fields
    }

    private mutating func take(_ character: Character) -> Bool {
        guard index < characters.count, characters[index] == character else { return false }
        index += 1
        return true
    }

    private mutating func number(digits: Int, allowShorter: Bool = false) -> Int? {
        var value = 0
        var count = 0
        while count < digits, index < characters.count, characters[index].isASCII, let digit = characters[index].wholeNumberValue {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return count == digits || (allowShorter && count > 0) ? value : nil
    }
}
