import Foundation
import PropertyBased
import Testing
@testable import IncidentKit

/// What a rendered issue carries of an incident: everything but bookkeeping (ids, who/when items were ticked, lessons).
struct CarriedFields: Equatable, CustomStringConvertible {
    var title: String, severity: Severity, type: IncidentType?, status: Status, labels: [String], assignees: [String]
    var services: [AffectedService], impact: String?, summary: String?, rootCause: String?, resolution: String?
    var declaredAt: Date, closedAt: Date?, sections: [FreeSection], whys: [Why]
    var timeline: [String], actions: [String], criteria: [String]

    init(_ incident: Incident) {
        (title, severity, type, status) = (incident.title, incident.severity, incident.type, incident.status)
        (labels, assignees) = (incident.labels, incident.assignees)
        (services, impact, summary, rootCause, resolution) = (incident.services, incident.impact, incident.summary, incident.rootCause, incident.resolution)
        (declaredAt, closedAt, sections, whys) = (incident.declaredAt, incident.closedAt, incident.sections, incident.whys)
        timeline = incident.timeline.map { "\(TimeFormat.utc($0.at)) \($0.kind.rawValue) \($0.text)" }
        actions = incident.actions.map { "\($0.number) \($0.horizon.rawValue) \($0.isDone) \($0.text) | \($0.details ?? "-") | \($0.owner ?? "-") | \($0.due.map(TimeFormat.utc) ?? "-")" }
        criteria = incident.criteria.map { "\($0.number) \($0.phase.rawValue) \($0.isMet) \($0.text)" }
    }

    var description: String { String(describing: (title, labels, timeline, actions, criteria, sections)) }

    /// The first field that differs, for a readable failure.
    func difference(from other: CarriedFields) -> String? {
        let mine = Mirror(reflecting: self).children, theirs = Mirror(reflecting: other).children
        for (a, b) in zip(mine, theirs) where String(describing: a.value) != String(describing: b.value) {
            return "\(a.label ?? "?"): got \(a.value)\n     want \(b.value)"
        }
        return nil
    }
}

@Suite struct RoundTripTests {
    let utc = TimeZone(identifier: "UTC")!

    func roundTrip(_ incident: Incident) throws -> Incident {
        let body = try RenderingFixtures.renderer().issueBody(incident)
        return try IncidentImporter(zone: utc, now: RenderingFixtures.now).read(body).incident
    }

    @Test func renderedFixturesImportToTheSameRecord() throws {
        let (store, number) = try RenderingFixtures.example()
        for incident in [try store.incident(number), try RenderingFixtures.sparse()] {
            #expect(CarriedFields(try roundTrip(incident)) == CarriedFields(incident))
        }
    }

    @Test func theExampleReachesAFixedPointAfterOnePass() throws {
        let renderer = try RenderingFixtures.renderer()
        let importer = IncidentImporter(zone: utc, now: RenderingFixtures.now)
        let first = try importer.read(try MarkdownDocumentTests.fixture("vpc-connector-p0.md")).incident
        // Both renders at one moment: the header records the render time to the second.
        let body = try renderer.issueBody(first, at: RenderingFixtures.now)
        let second = try importer.read(body).incident
        #expect(CarriedFields(second) == CarriedFields(first))
        #expect(try renderer.issueBody(second, at: RenderingFixtures.now) == body)
    }

    /// The incident is built from a list of choices the generator makes, so a failure shrinks to a small incident.
    @Test(.shrinking()) func randomIncidentsSurviveRenderAndImport() async {
        await propertyCheck(count: 150, input: Gen.uint64().array(of: 0...400)) { choices in
            var generator = RandomIncident(choices: choices)
            let incident = generator.incident()
            do {
                let back = try roundTrip(incident)
                #expect(CarriedFields(back) == CarriedFields(incident),
                        "choices \(choices): \(CarriedFields(back).difference(from: CarriedFields(incident)) ?? "")")
            } catch {
                Issue.record("choices \(choices): \(error)")
            }
        }
    }
}

@Suite struct RoleRoundTripTests {
    @Test func rolesInTheIssueBodyAreReadBack() throws {
        var incident = Incident(number: 1, title: "Queue backlog", severity: .p1, declaredAt: RenderingFixtures.now)
        incident.roles = [Role(role: "commander", who: "@bob", since: RenderingFixtures.now),
                          Role(role: "communications", who: "Carol Smith", since: RenderingFixtures.now)]
        let body = try RenderingFixtures.renderer().issueBody(incident, at: RenderingFixtures.now)
        let back = try IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now).read(body).incident
        #expect(back.roles.map { "\($0.role)=\($0.who)" } == ["commander=@bob", "communications=Carol Smith"])
        #expect(back.sections.isEmpty)
    }
}
