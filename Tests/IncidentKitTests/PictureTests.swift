import Foundation
import Testing
@testable import IncidentKit

/// The two pictures: the `stats --svg` chart and the HTML postmortem's milestone strip, read back as geometry.
@Suite struct PictureTests {
    /// 2025-09-18T12:00:00Z, a Thursday.
    let thursday = Date(timeIntervalSince1970: 1_758_196_800)

    /// The values of `name="…"` in one SVG element.
    private func attribute(_ name: String, in element: Substring) -> String? {
        guard let start = element.range(of: " \(name)=\"") else { return nil }
        return String(element[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Every element of one kind (`<rect`, `<text` …) as its opening tag and, for text, its content.
    private func elements(_ tag: String, in svg: String) -> [(tag: Substring, content: String)] {
        svg.components(separatedBy: "<\(tag) ").dropFirst().map { piece in
            let tagEnd = piece.firstIndex(of: ">") ?? piece.endIndex
            let content = piece[piece.index(after: tagEnd)...].prefix { $0 != "<" }
            return (Substring(" " + piece[..<tagEnd]), String(content))
        }
    }

    private func facts(_ incidents: [(Severity, Date, TimeInterval?)]) -> HistoryFacts {
        var facts = HistoryFacts()
        facts.declared = incidents.map { (severity: $0.0, at: $0.1, resolvedAfter: $0.2) }
        return facts
    }

    @Test func oneIncidentDrawsANarrowBarAndAVisibleMedian() {
        let svg = StatsChart.svg(facts([(.p0, thursday, 5400)]), title: "Incidents")
        // A bar is a rect with a title (the legend's squares have none).
        let bars = svg.components(separatedBy: "<rect ").dropFirst().filter { $0.hasPrefix("x=") && $0.contains("><title>") }
            .map { Substring(" " + $0.prefix { $0 != ">" }) }
        #expect(bars.count == 1)
        let width = bars.first.flatMap { attribute("width", in: $0) }.flatMap(Double.init) ?? 0
        #expect(width > 0 && width <= 60, "a single bar is \(width) px wide")
        // A lone median can't be a line: it is drawn as a dot.
        #expect(svg.contains("<circle"), "no visible median: \(svg)")
    }

    @Test func weeklyBarsStartOnMonday() throws {
        let svg = StatsChart.svg(facts([(.p1, thursday, nil), (.p2, thursday.addingTimeInterval(9 * 86_400), nil)]), title: "Incidents")
        let titles = svg.components(separatedBy: "<title>").dropFirst().map { String($0.prefix(10)) }
        #expect(!titles.isEmpty)
        for title in titles {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let day = try #require(formatter.date(from: title), "\(title)")
            #expect(calendar.component(.weekday, from: day) == 2, "\(title) is not a Monday")
        }
        #expect(svg.contains("2025-09-15"), "the first week starts on Monday 15 September")
    }

    @Test(arguments: [(1, [0, 1]), (3, [0, 1, 2, 3]), (300, [0, 100, 200, 300]), (7, [0, 2, 4, 6, 8]), (45, [0, 10, 20, 30, 40, 50])])
    func theCountAxisHasRoundTicks(_ count: Int, _ expected: [Int]) {
        let svg = StatsChart.svg(facts(Array(repeating: (.p2, thursday, nil), count: count)), title: "Incidents")
        let ticks = elements("text", in: svg).filter { attribute("text-anchor", in: $0.tag) == "end" && attribute("x", in: $0.tag) == "52.0" }
            .compactMap { Int($0.content) }
        #expect(ticks == expected)
    }

    private func strip() -> String {
        let start = thursday
        let kinds: [(TimelineKind, TimeInterval)] = [(.impactStarted, 0), (.detected, 300), (.acknowledged, 600), (.declared, 660),
                                                     (.rootCauseIdentified, 3000), (.mitigated, 4000), (.resolved, 7000), (.closed, 7200)]
        let timeline = kinds.map { TimelineEntry(at: start.addingTimeInterval($0.1), kind: $0.0, text: $0.0.rawValue, isManual: true) }
        return MilestoneStrip.svg(timeline, zone: TimeZone(identifier: "UTC"))
    }

    @Test func stripLabelsAreNotCrossedByTheLinesOfOtherMilestones() throws {
        let svg = strip()
        // Labels are 11 px text: at most 7 px a character.
        let labels = elements("text", in: svg).map { text -> (Double, Double, Double) in
            let x = Double(attribute("x", in: text.tag) ?? "") ?? 0, y = Double(attribute("y", in: text.tag) ?? "") ?? 0
            let width = Double(text.content.count) * 7
            return attribute("text-anchor", in: text.tag) == "end" ? (x - width, x, y) : (x, x + width, y)
        }
        let lines = elements("line", in: svg).dropFirst().map { line in
            (Double(attribute("x1", in: line.tag) ?? "") ?? 0, Double(attribute("y1", in: line.tag) ?? "") ?? 0,
             Double(attribute("y2", in: line.tag) ?? "") ?? 0)
        }
        #expect(labels.count == 8 && lines.count == 8)
        for (index, label) in labels.enumerated() {
            for (other, line) in lines.enumerated() where other != index {
                let crosses = line.0 >= label.0 && line.0 <= label.1 && line.1 <= label.2 - 9 && line.2 >= label.2 - 9
                #expect(!crosses, "the line of milestone \(other) at x=\(line.0) crosses label \(index) \(label)")
            }
        }
    }

    @Test func resolvedAndClosedHaveDistinctDots() {
        let svg = strip()
        let resolved = svg.components(separatedBy: "<circle").first { $0.contains("resolved</title>") }
        let closed = svg.components(separatedBy: "<circle").first { $0.contains("closed</title>") }
        #expect(resolved != nil && closed != nil)
        let fill = { (piece: String?) in piece.flatMap { self.attribute("fill", in: Substring($0)) } }
        #expect(fill(resolved) != nil && fill(resolved) != fill(closed))
    }
}
