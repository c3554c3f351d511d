import Foundation
import Testing
@testable import IncidentKit

/// The History use case: what it reads back across incidents, and the filters it refuses before reading anything.
@Suite struct HistoryUseCaseTests {
    @Test func withoutADatabaseTheHistoryIsEmpty() throws {
        let history = History(store: nil)
        #expect(try history.log(of: nil).isEmpty)
        #expect(try history.search("anything", limit: 5).hits.isEmpty)
        #expect(try history.stats(StatsFilter(), now: Date()).counts.isEmpty)
        #expect(try history.followUps(openOnly: true, owner: nil, overdueAt: nil, withTitles: false).isEmpty)
        #expect(try history.lint(nil).incidents.isEmpty)
    }

    @Test func aStatsTypeThatIsNotOneWordIsRefusedNamingTheRule() {
        #expect(throws: IncidentError.invalidIncidentType("Data Loss")) { try StatsFilter(type: "Data Loss") }
        #expect(throws: IncidentError.unparseableTime("yesterday-ish")) { try StatsFilter(since: "yesterday-ish") }
    }

    @Test func aDateAloneStartsAtMidnightUTCAndNamesTheChart() throws {
        let filter = try StatsFilter(since: "2025-01-01", severity: .p1, type: "security")
        #expect(filter.since == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(filter.title == "Incidents (P1) of type security since 2025-01-01")
        #expect(try StatsFilter().title == "Incidents")
    }

    @Test func statsKeepOnlyTheFilteredSeverity() throws {
        let store = try Fixtures.store()
        _ = try Fixtures.declare(store, severity: .p0)
        _ = try Fixtures.declare(store, title: "Slow queue", severity: .p2)
        let facts = try History(store: store).stats(StatsFilter(severity: .p2), now: Fixtures.declaredAt.addingTimeInterval(60))
        #expect(facts.counts.keys.sorted() == [.p2])
    }

    @Test func theLogOfOneIncidentLeavesOutTheOthers() throws {
        let store = try Fixtures.store()
        let first = try Fixtures.declare(store)
        _ = try Fixtures.declare(store, title: "Slow queue", severity: .p2)
        let history = History(store: store)
        #expect(try history.log(of: first.number).allSatisfy { $0.incidentNumber == first.number })
        #expect(try history.log(of: nil).count > history.log(of: first.number).count)
    }

    @Test func lintNamesWhatEachPostmortemLacksInNumberOrder() throws {
        let store = try Fixtures.store()
        _ = try Fixtures.declare(store)
        _ = try Fixtures.declare(store, title: "Slow queue", severity: .p2)
        let report = try History(store: store).lint(nil)
        #expect(report.incidents == [1, 2])
        #expect(report.findings.first?.incident == 1 && report.findings.last?.incident == 2)
        #expect(report.findings.contains { $0.incident == 2 && $0.finding == .missingMilestone(.mitigated) })
        #expect(report.findings.contains { $0.finding == .tooFewWhys(0) })
        #expect(LintFinding.noRootCause.description == "no root cause")
    }

    @Test func lintOfOneIncidentChecksOnlyIt() throws {
        let store = try Fixtures.store()
        _ = try Fixtures.declare(store)
        let second = try Fixtures.declare(store, title: "Slow queue", severity: .p2)
        let report = try History(store: store).lint(second.number)
        #expect(report.incidents == [second.number] && report.findings.allSatisfy { $0.incident == second.number })
        #expect(throws: IncidentError.unknownIncident(9)) { try History(store: store).lint(9) }
    }
}
