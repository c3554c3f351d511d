import Foundation
import Testing
@testable import IncidentKit

/// The table-driven reader of written times: each row is a line as people write it and what it says.
@Suite struct WrittenTimeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var hour: Int, minute: Int
        var day: String? = nil
        /// The zone's offset in minutes at 2021-12-17, if the line names one.
        var zoneMinutes: Int? = nil
        var rest: String
        var nextDay = false
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: "[13:26] @cblecker reports", hour: 13, minute: 26, rest: "@cblecker reports"),
        Case(line: "2:54 PM PST: config merged", hour: 14, minute: 54, zoneMinutes: -480, rest: "config merged"),
        Case(line: "**~14:30** - rollback", hour: 14, minute: 30, rest: "rollback"),
        Case(line: "2022-06-10 22:00 (UTC) - outage", hour: 22, minute: 0, day: "2022-06-10", zoneMinutes: 0, rest: "outage"),
        Case(line: "10:00 API down", hour: 10, minute: 0, rest: "API down"),
        Case(line: "午後3時 障害検知", hour: 15, minute: 0, rest: "障害検知"),
        Case(line: "午前10時30分 復旧", hour: 10, minute: 30, rest: "復旧"),
        Case(line: "23時15分 アラート発報", hour: 23, minute: 15, rest: "アラート発報"),
        Case(line: "3時半 再起動", hour: 3, minute: 30, rest: "再起動"),
        Case(line: "23:15頃 調査開始", hour: 23, minute: 15, rest: "調査開始"),
        Case(line: "23:15-30 DB failover", hour: 23, minute: 15, rest: "DB failover"),
        Case(line: "10:00〜11:00 メンテナンス", hour: 10, minute: 0, rest: "メンテナンス"),
        Case(line: "10時〜11時まで 停止", hour: 10, minute: 0, rest: "停止"),
        Case(line: "10:00 to 11:30 UTC: maintenance", hour: 10, minute: 0, zoneMinutes: 0, rest: "maintenance"),
        Case(line: "14:44 - something happened", hour: 14, minute: 44, rest: "something happened"),
        Case(line: "10:00 - 11 servers down", hour: 10, minute: 0, rest: "11 servers down"),
        Case(line: "翌 00:00 切り戻し完了", hour: 0, minute: 0, rest: "切り戻し完了", nextDay: true),
        Case(line: "翌日 1時 監視継続", hour: 1, minute: 0, rest: "監視継続", nextDay: true),
        Case(line: "Dec 17th **21:43** first report", hour: 21, minute: 43, day: "2021-12-17", rest: "first report"),
        Case(line: "**21:43:10** restart", hour: 21, minute: 43, rest: "restart"),
        Case(line: "**21:43:10:** restart", hour: 21, minute: 43, rest: "restart"),
        Case(line: "**21:43**: restart", hour: 21, minute: 43, rest: "restart"),
        Case(line: "4PM Pacific: deploy starts", hour: 16, minute: 0, zoneMinutes: -480, rest: "deploy starts"),
        Case(line: "EDIT 04.01.2022 at 10:59 UTC: fixed", hour: 10, minute: 59, day: "2022-01-04", zoneMinutes: 0, rest: "EDIT: fixed"),
        Case(line: "10:00 UTC / 19:00 JST alert", hour: 10, minute: 0, zoneMinutes: 0, rest: "alert"),
        Case(line: "10:00 UTC (02:00 PST) alert", hour: 10, minute: 0, zoneMinutes: 0, rest: "alert"),
        Case(line: "2019-08-16T10:09:36 || Start of incident", hour: 10, minute: 9, day: "2019-08-16", rest: "Start of incident"),
        Case(line: "2019-02-05T08:47-08:00 paged", hour: 8, minute: 47, day: "2019-02-05", zoneMinutes: -480, rest: "paged"),
        Case(line: "17 décembre 2021 à 14h30 : bascule", hour: 14, minute: 30, day: "2021-12-17", rest: "bascule"),
        Case(line: "2024年5月23日 7時07分 停止", hour: 7, minute: 7, day: "2024-05-23", rest: "停止"),
        Case(line: "5月23日(木) 7:37 復旧", hour: 7, minute: 37, day: "2021-05-23", rest: "復旧"),
    ]

    @Test(arguments: cases)
    func aWrittenTimeReadsAsItsClockTime(_ example: Case) throws {
        let stamp = try #require(WrittenTime.leading(example.line, year: 2021))
        #expect(stamp.hour == example.hour && stamp.minute == example.minute)
        #expect(stamp.rest == example.rest)
        #expect(stamp.nextDay == example.nextDay)
        let day = stamp.day.map { String(format: "%04d-%02d-%02d", $0.0, $0.1, $0.2) }
        #expect(day == example.day)
        let december = Date(timeIntervalSince1970: 1_639_735_200)
        #expect(stamp.zone.map { $0.offset(at: december) / 60 } == example.zoneMinutes)
    }

    @Test(arguments: ["IOPS reached a critical point", "[???] unknown", "Feb 21 outage", "2X:XX (not sure exact time)",
                      "3 servers were down", "May be related", "13 時間"])
    func textWithoutAClockTimeIsNoTime(_ line: String) {
        #expect(WrittenTime.leading(line, year: 2021) == nil)
    }

    @Test func aMonthDateWithoutAYearNeedsTheDocumentsYear() {
        #expect(WrittenTime.leading("Dec 17th **21:43** first report", year: nil) == nil)
    }

    @Test(arguments: [("May 30th, 2019 Prow Flakiness", "2019-05-30"), ("Postmortem 30 mai 2019", "2019-05-30"),
                      ("2019年5月30日の障害", "2019-05-30"), ("EDIT 04.01.2022", "2022-01-04"), ("February 8th 2019", "2019-02-08")])
    func aDateIsFoundAnywhereInATitle(_ text: String, _ expected: String) throws {
        let day = try #require(WrittenTime.date(in: text))
        #expect(String(format: "%04d-%02d-%02d", day.0, day.1, day.2) == expected)
    }

    @Test(arguments: [("All Timestamps in PST", -480), ("All times PDT.", -420), ("Toutes les heures sont en UTC", 0),
                      ("時刻はJSTで統一する", 540), ("## Timeline (UTC)", 0), ("## タイムライン (JST)", 540),
                      ("All times are Pacific time", -480)])
    func aZoneStatedOnceInOtherWordsIsRead(_ line: String, _ minutes: Int) throws {
        let (zone, _) = try #require(TimelineContext.zoneStatement(in: line))
        #expect(zone.offset(at: Date(timeIntervalSince1970: 1_639_735_200)) / 60 == minutes)
    }
}
