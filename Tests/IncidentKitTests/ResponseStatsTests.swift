import Foundation
import Testing
@testable import IncidentKit

/// `stats` picks its medians and 90th percentiles by selection, not by sorting: check it picks what sorting would.
@Suite struct ResponseStatsTests {
    /// Nearest rank on a sorted copy: the definition the selection must agree with.
    static func byRank(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        return sorted[max(0, min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
    }

    @Test func selectionAgreesWithSortingOnRandomValues() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let count = Int.random(in: 1...(round < 1_000 ? 12 : 400), using: &generator)
            // Few distinct values half the time (many ties), wide ones otherwise; sorted or reversed now and then.
            var values = (0..<count).map { _ in
                round.isMultiple(of: 2) ? Double(Int.random(in: 0...3, using: &generator)) : Double.random(in: -1e6...1e6, using: &generator)
            }
            if round % 7 == 0 { values.sort() }
            if round % 11 == 0 { values.sort(by: >) }
            for (lower, upper) in [(0.5, 0.9), (0.0, 1.0), (0.25, 0.75), (0.9, 0.9)] {
                var scratch = values
                let (low, high) = ResponseStats.quantiles(&scratch, lower, upper)
                #expect(low == Self.byRank(values, lower) && high == Self.byRank(values, upper),
                        "\(values) at \(lower), \(upper): got \(low), \(high)")
                #expect(scratch.sorted() == values.sorted(), "selection only reorders")
            }
        }
    }

    @Test func figuresMatchDurationsComputedDirectly() throws {
        var generator = SystemRandomNumberGenerator()
        let incidents = (0..<5_000).map { _ in
            let declared = Double.random(in: 0...1e8, using: &generator)
            let maybe = { (offset: ClosedRange<Double>) -> Double? in
                Bool.random(using: &generator) ? declared + Double.random(in: offset, using: &generator) : nil
            }
            return ResponseStats.Milestones(severity: Severity.allCases.randomElement(using: &generator)!, declared: declared,
                                            impactStarted: maybe(-3_600...0), detected: maybe(-600...600), acknowledged: maybe(0...900),
                                            mitigated: maybe(-100...7_200), resolved: maybe(0...86_400))
        }
        let stats = ResponseStats(incidents)
        for severity in Severity.allCases {
            for measure in ResponseStats.Measure.allCases {
                let values = incidents.filter { $0.severity == severity }.compactMap { $0.duration(measure) }
                let figure = stats.figures[severity]?[measure]
                if values.isEmpty {
                    #expect(figure == nil)
                } else {
                    let figure = try #require(figure)
                    #expect(figure.count == values.count)
                    #expect(figure.median == Self.byRank(values, 0.5) && figure.p90 == Self.byRank(values, 0.9), "\(severity) \(measure)")
                }
            }
        }
    }
}

/// `stats --by year`: each year's figures are those of the incidents declared in it, and nothing else.
@Suite struct StatsByYearTests {
    /// One stored incident's facts as the test drew them.
    struct Drawn {
        var severity: Severity
        var declared: Date
        var impactStarted: Date?, detected: Date?, acknowledged: Date?, mitigated: Date?, resolved: Date?
    }

    @Test func eachYearsFiguresAreThoseOfTheIncidentsDeclaredInIt() throws {
        let store = try Fixtures.store()
        var generator = SeededGenerator(seed: 18)
        var drawn: [Drawn] = []
        // Six years, and a few incidents a minute either side of each new year, where a year taken in the wrong zone
        // (or from the wrong milestone) would land in its neighbour.
        let newYears = (2020...2025).map { Calendar.local.date(from: DateComponents(year: $0, month: 1, day: 1))! }
        for index in 0..<400 {
            let declared = index < 24
                ? newYears[index % newYears.count] + (index.isMultiple(of: 2) ? -60 : 60)
                : Date(timeIntervalSince1970: Double.random(in: 1_546_300_800...1_735_000_000, using: &generator))
            let maybe = { (range: ClosedRange<Double>) -> Date? in
                Int.random(in: 0..<5, using: &generator) == 0 ? nil : declared + Double.random(in: range, using: &generator)
            }
            drawn.append(Drawn(severity: Severity.allCases.randomElement(using: &generator)!, declared: declared,
                               impactStarted: maybe(-3_600...(-600)), detected: maybe(-500...300), acknowledged: maybe(301...900),
                               mitigated: maybe(600...7_200), resolved: maybe(7_201...90_000)))
        }
        for (index, incident) in drawn.enumerated() {
            var record = Incident(number: 0, title: "Incident \(index)", severity: incident.severity, declaredAt: incident.declared)
            let milestones: [(TimelineKind, Date?)] = [(.impactStarted, incident.impactStarted), (.detected, incident.detected),
                                                       (.acknowledged, incident.acknowledged), (.mitigated, incident.mitigated),
                                                       (.resolved, incident.resolved)]
            record.timeline = milestones.compactMap { kind, at in at.map { TimelineEntry(at: $0, kind: kind, text: kind.rawValue, isManual: true) } }
            _ = try store.importIncident(record, from: "test")
        }

        let facts = try store.history(since: nil, severity: nil, now: Date(), byYear: true)
        let years = Dictionary(grouping: drawn) { Calendar.local.component(.year, from: $0.declared) }
        #expect(facts.years.map(\.year) == years.keys.sorted())
        for year in facts.years {
            let declared = try #require(years[year.year])
            for severity in Severity.allCases {
                let incidents = declared.filter { $0.severity == severity }
                #expect(year.counts[severity] == (incidents.isEmpty ? nil : incidents.count), "\(year.year) \(severity)")
                // The spans as `stats` documents them, computed here from the drawn times.
                let spans: [(ResponseStats.Measure, (Drawn) -> (Date?, Date?))] = [
                    (.detect, { ($0.impactStarted, $0.detected) }), (.acknowledge, { ($0.detected, $0.acknowledged) }),
                    (.mitigate, { ($0.impactStarted ?? min($0.detected ?? $0.declared, $0.declared), $0.mitigated) }),
                    (.resolve, { ($0.impactStarted ?? min($0.detected ?? $0.declared, $0.declared), $0.resolved) }),
                ]
                for (measure, span) in spans {
                    let values = incidents.compactMap { incident -> Double? in
                        guard case let (from?, to?) = span(incident), to >= from else { return nil }
                        return to.timeIntervalSince(from)
                    }
                    let figure = year.stats.figures[severity]?[measure]
                    #expect(figure?.count == (values.isEmpty ? nil : values.count), "\(year.year) \(severity) \(measure)")
                    guard let figure, !values.isEmpty else { continue }
                    // Stored times are whole or fractional seconds as given; allow for the store's rounding.
                    #expect(abs(figure.median - ResponseStatsTests.byRank(values, 0.5)) < 0.01, "\(year.year) \(severity) \(measure)")
                    #expect(abs(figure.p90 - ResponseStatsTests.byRank(values, 0.9)) < 0.01, "\(year.year) \(severity) \(measure)")
                }
            }
        }
        // Without the flag, no breakdown is gathered.
        #expect(try store.history(since: nil, severity: nil, now: Date()).years.isEmpty)
    }
}

/// A small seeded generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension Calendar {
    /// The Gregorian calendar in the zone `TZ` names, as `stats` reads it.
    static var local: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar
    }
}
