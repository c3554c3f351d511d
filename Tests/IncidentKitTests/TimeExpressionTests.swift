import Foundation
import Testing
@testable import IncidentKit

@Suite struct TimeExpressionTests {
    let utc = TimeZone(identifier: "UTC")!
    let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
    /// 2025-09-16T12:00:00Z
    let now = Date(timeIntervalSince1970: 1_758_024_000)

    @Test func abbreviationIsAFixedOffsetEvenInSummer() throws {
        let date = try TimeExpression.parse("2025-09-15 19:17 PST", now: now, zone: utc)
        #expect(TimeFormat.utc(date) == "2025-09-16T03:17:00Z")
        let daylight = try TimeExpression.parse("2025-09-15 19:17 PDT", now: now, zone: utc)
        #expect(TimeFormat.utc(daylight) == "2025-09-16T02:17:00Z")
    }

    @Test func ianaZoneFollowsDaylightSaving() throws {
        let summer = try TimeExpression.parse("2025-09-15 19:17 America/Los_Angeles", now: now, zone: utc)
        #expect(TimeFormat.utc(summer) == "2025-09-16T02:17:00Z")
        let winter = try TimeExpression.parse("2025-01-15 19:17 America/Los_Angeles", now: now, zone: utc)
        #expect(TimeFormat.utc(winter) == "2025-01-16T03:17:00Z")
    }

    @Test func isoWithOffsetAndFractions() throws {
        #expect(TimeFormat.utc(try TimeExpression.parse("2025-09-15T19:17:00-08:00", now: now, zone: utc)) == "2025-09-16T03:17:00Z")
        #expect(TimeFormat.utc(try TimeExpression.parse("2025-09-16T03:17:30.5Z", now: now, zone: losAngeles)) == "2025-09-16T03:17:30Z")
        #expect(TimeFormat.utc(try TimeExpression.parse("2025-09-16 05:17 +0200", now: now, zone: utc)) == "2025-09-16T03:17:00Z")
    }

    @Test func zonelessTimesAreReadInTheLocalZone() throws {
        #expect(TimeFormat.utc(try TimeExpression.parse("2025-09-15 19:17", now: now, zone: losAngeles)) == "2025-09-16T02:17:00Z")
        // 12:00Z is 05:00 in Los Angeles on the 16th, so "today" is the 16th there.
        #expect(TimeFormat.utc(try TimeExpression.parse("04:30", now: now, zone: losAngeles)) == "2025-09-16T11:30:00Z")
        #expect(TimeFormat.utc(try TimeExpression.parse("9:05", now: now, zone: utc)) == "2025-09-16T09:05:00Z")
    }

    @Test func relativeTimesCountBackFromNow() throws {
        #expect(try TimeExpression.parse("-15m", now: now, zone: utc) == now.addingTimeInterval(-900))
        #expect(try TimeExpression.parse("-2h", now: now, zone: utc) == now.addingTimeInterval(-7200))
        #expect(try TimeExpression.parse("-1h30m", now: now, zone: utc) == now.addingTimeInterval(-5400))
        #expect(try TimeExpression.parse("10m ago", now: now, zone: utc) == now.addingTimeInterval(-600))
        #expect(try TimeExpression.parse("now", now: now, zone: utc) == now)
    }

    @Test(arguments: ["yesterday-ish", "25:00", "2025-13-01 10:00", "2025-09-15 10:00 Mars/Olympus", "-5x", "", "12:60"])
    func unreadableTimesAreRefused(text: String) {
        #expect(throws: IncidentError.self) { try TimeExpression.parse(text, now: now, zone: utc) }
    }

    @Test func localFormatPrintsTheZone() {
        #expect(TimeFormat.local(Date(timeIntervalSince1970: 1_758_024_000), in: utc) == "2025-09-16 12:00 UTC")
        #expect(TimeFormat.local(Date(timeIntervalSince1970: 1_758_024_000), in: TimeZone(secondsFromGMT: -7 * 3600)!).hasPrefix("2025-09-16 05:00"))
    }

    /// Times are written digit by digit (years 1000–9999) or interpolated (others): both agree with Foundation's calendar.
    @Test func formattedTimesAgreeWithTheCalendarAcrossYears() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        var generator = SystemRandomNumberGenerator()
        // From 1600 (Foundation's calendar is Julian before 1582; ours proleptic Gregorian) to past 9999.
        for _ in 0..<3_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -11_676_096_000...300_000_000_000, using: &generator)))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let two = { (value: Int?) in String(format: "%02d", value ?? -1) }
            let day = "\(c.year ?? -1)-\(two(c.month))-\(two(c.day))"
            #expect(TimeFormat.utc(date) == "\(day)T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z")
            #expect(TimeFormat.local(date, in: utc) == "\(day) \(two(c.hour)):\(two(c.minute)) UTC")
        }
    }
}
