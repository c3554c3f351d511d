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
