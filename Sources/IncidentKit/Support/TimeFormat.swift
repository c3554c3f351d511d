import Foundation

/// Formats instants without DateFormatter, whose start-up would be paid by every command that prints a time.
public enum TimeFormat {
    /// ISO 8601 in UTC, e.g. `2025-09-16T03:17:00Z`.
    public static func utc(_ date: Date) -> String {
        let c = CivilTime(seconds: seconds(date))
        return c.text(separator: UInt8(ascii: "T"), seconds: true, suffix: "Z")
    }

    /// Date, minutes and zone abbreviation, e.g. `2025-09-15 20:17 PDT`: in `zone`, or where `TZ` says.
    public static func local(_ date: Date, in zone: TimeZone? = nil) -> String {
        let seconds = seconds(date)
        let offset: Int
        let name: String
        if let zone {
            offset = zone.secondsFromGMT(for: date)
            name = abbreviation(of: zone, at: date, offset: offset)
        } else {
            (offset, name) = LocalZone.at(seconds)
        }
        let c = CivilTime(seconds: seconds + Int64(offset))
        return c.text(separator: UInt8(ascii: " "), seconds: false, suffix: " " + name)
    }

    /// Whole seconds since 1970, held within about thirty million years: a time beyond (a crafted database, an absurd
    /// offset) is shown at that edge instead of trapping on the conversion to an integer.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return 0 }
        return Int64(min(max(value, -1e15), 1e15))
    }

    /// A short zone name for display; UTC is spelled UTC.
    static func abbreviation(of zone: TimeZone, at date: Date, offset: Int) -> String {
        if offset == 0, ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) {
            return "UTC"
        }
        if let name = zone.abbreviation(for: date), !name.hasPrefix("GMT") { return name }
        return CivilTime.offsetText(offset)
    }

    /// A duration such as `1h 05m` or `3d 2h`.
    public static func duration(_ interval: TimeInterval) -> String {
        let minutes = interval.isFinite ? Int(min(max((interval / 60).rounded(.down), -1e12), 1e12)) : 0
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h \(pad(minutes % 60))m" }
        return "\(hours / 24)d \(hours % 24)h"
    }
}

/// Calendar fields of a count of seconds since 1970, by Howard Hinnant's days-from-civil algorithm.
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(seconds: Int64) {
        let days = Int(seconds.floorDivided(by: 86_400))
        let rest = Int(seconds - Int64(days) * 86_400)
        (year, month, day) = CivilTime.civil(fromDays: days)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
    }

    /// `2025-09-16T03:17:00Z`, `2025-09-16 03:17 UTC`: date, `separator`, time, `suffix`, written digit by digit into
    /// one string. Interpolating five padded numbers makes six strings a time, and `incident actions` prints a time
    /// for every item of a long follow-up list.
    func text(separator: UInt8, seconds showSeconds: Bool, suffix: String) -> String {
        guard (1000...9999).contains(year) else {
            let time = showSeconds ? "\(pad(hour)):\(pad(minute)):\(pad(second))" : "\(pad(hour)):\(pad(minute))"
            return "\(year)-\(pad(month))-\(pad(day))" + String(UnicodeScalar(separator)) + time + suffix
        }
        var suffix = suffix
        return suffix.withUTF8 { tail in
            String(unsafeUninitializedCapacity: 19 + tail.count) { buffer in
                var end = 0
                func digits(_ value: Int, _ width: Int) {
                    var value = value
                    for index in stride(from: end + width - 1, through: end, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                    end += width
                }
                func byte(_ value: UInt8) {
                    buffer[end] = value
                    end += 1
                }
                digits(year, 4); byte(UInt8(ascii: "-")); digits(month, 2); byte(UInt8(ascii: "-")); digits(day, 2)
                byte(separator); digits(hour, 2); byte(UInt8(ascii: ":")); digits(minute, 2)
                if showSeconds { byte(UInt8(ascii: ":")); digits(second, 2) }
                for value in tail { byte(value) }
                return end
            }
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func offsetText(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(sign)\(pad(minutes / 60)):\(pad(minutes % 60))"
    }
}

/// The user's zone, as the C library reads `TZ`: the one source of local time, for printing and for
/// reading times typed without a zone. The C library knows the abbreviations (PDT, CET) that Foundation
/// on Linux spells GMT-7.
enum LocalZone {
    /// `TZ` is read once: tzset on every call looked at /etc/localtime again, 2 stat calls per time printed.
    private static let zoneRead: Void = tzset()

    /// The offset from UTC (seconds) and the zone's abbreviation in force at `seconds` since 1970.
    static func at(_ seconds: Int64) -> (offset: Int, name: String) {
        var time = time_t(seconds)
        var fields = tm()
        _ = zoneRead
        guard localtime_r(&time, &fields) != nil else { return (0, "UTC") }
        let offset = Int(fields.tm_gmtoff)
        var name = fields.tm_zone.map { String(cString: $0) } ?? ""
        if name.isEmpty || name.first == "+" || name.first == "-" { name = CivilTime.offsetText(offset) }
        return (offset, name == "GMT" && offset == 0 ? "UTC" : name)
    }

    /// The offset in force at a local wall-clock time, given as seconds since 1970 read as if UTC:
    /// a guess with the offset at that instant, corrected once for a daylight-saving edge.
    static func offset(forWallClock wall: Int64) -> Int {
        let guess = at(wall).offset
        return at(wall - Int64(guess)).offset
    }
}

private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
