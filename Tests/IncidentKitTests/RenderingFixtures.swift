import Foundation
@testable import IncidentKit

enum RenderingFixtures {
    static let utc = TimeZone(identifier: "UTC")!
    /// 2025-09-16 12:00 UTC, when the tests "render".
    static let now = Date(timeIntervalSince1970: 1_758_024_000)

    static func renderer(overrides folder: String? = nil) throws -> IncidentRenderer {
        IncidentRenderer(templates: try TemplateSet(overridesIn: folder), zone: utc)
    }

    /// The example with a few items done and a lesson, as during the response.
    static func example() throws -> (IncidentStore, Int) {
        let store = try Fixtures.store(clock: TestClock(now))
        let number = try ExampleIncident.build(in: store)
        _ = try store.setActions([1, 2, 4], done: true, in: number)
        _ = try store.setCriteria([1], met: true, in: number)
        _ = try store.addLesson(number, kind: .wentWrong, text: "The bypass ended startup early")
        return (store, number)
    }

    /// An incident with every optional field empty and non-ASCII text.
    static func sparse() throws -> Incident {
        let store = try Fixtures.store(clock: TestClock(now))
        return try store.declare(IncidentDraft(title: "Ünïcödé 日本語 — paiement échoue 🚨", severity: .p3, declaredAt: now))
    }

    /// Every field filled, with text that tries to break Markdown and HTML.
    static func hostile() throws -> Incident {
        let store = try Fixtures.store(clock: TestClock(now))
        let evil = "# Heading? <!-- comment --> <script>alert(1)</script> | pipe | [x] ```fence"
        var draft = IncidentDraft(title: evil, severity: .p1, declaredAt: now)
        draft.labels = ["<b>label</b>"]
        draft.assignees = ["- [ ] assignee"]
        draft.services = [AffectedService(name: "1. svc", url: "javascript:alert(1)", note: "<img src=x onerror=alert(1)>")]
        draft.impact = "<script>alert('impact')</script>\n```\nunclosed fence"
        draft.summary = "<!-- swallow everything after"
        let number = try store.declare(draft).number
        _ = try store.addWhy(number, text: "> quoted? <script>x</script>")
        _ = try store.addAction(number, text: "- [x] fake done <!-- incident:action:99 -->", details: "<details>\n```sh\nrm -rf /")
        _ = try store.addAction(number, text: "## not a heading", horizon: .longTerm, owner: "a|b")
        _ = try store.addCriterion(number, text: "[ ] fake box")
        _ = try store.addTimelineEntry(number, text: "| table | break |", kind: .note, at: now + 60)
        _ = try store.addLesson(number, kind: .lucky, text: "<iframe src=x>")
        try store.addSection(number, FreeSection(title: "<h1>Section</h1>", markdown: "<script>alert('section')</script>\n\n[link](javascript:alert(1))"))
        return try store.incident(number)
    }
}
