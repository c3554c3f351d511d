import Foundation
import Testing
@testable import IncidentKit

@Suite struct TemplateTests {
    @Test func goldenFilesForEveryTemplate() throws {
        let renderer = try RenderingFixtures.renderer()
        let (store, number) = try RenderingFixtures.example()
        let example = try store.incident(number)
        try Golden.check(try renderer.issueBody(example, at: RenderingFixtures.now), against: "example.issue.md")
        try Golden.check(try renderer.update(example, since: nil, at: RenderingFixtures.now), against: "example.update.md")
        try Golden.check(try renderer.postmortem(example, format: .markdown, at: RenderingFixtures.now), against: "example.postmortem.md")
        try Golden.check(try renderer.postmortem(example, format: .html, at: RenderingFixtures.now), against: "example.postmortem.html")
        // Action 3 has details (commands), an owner and no due time; the issue a follow-up becomes.
        try Golden.check(try renderer.followUpBody(example.actions[2], of: example), against: "example.follow-up.md")
        let sparse = try RenderingFixtures.sparse()
        try Golden.check(try renderer.issueBody(sparse, at: RenderingFixtures.now), against: "sparse.issue.md")
        try Golden.check(try renderer.update(sparse, since: nil, at: RenderingFixtures.now), against: "sparse.update.md")
        try Golden.check(try renderer.postmortem(sparse, format: .markdown, at: RenderingFixtures.now), against: "sparse.postmortem.md")
        try Golden.check(try renderer.postmortem(sparse, format: .html, at: RenderingFixtures.now), against: "sparse.postmortem.html")
    }

    @Test func everyPlaceholderOfEveryTemplateHasAValueForAFullIncident() throws {
        let (store, number) = try RenderingFixtures.example()
        try store.changeStatus(number, to: .resolved, at: ExampleIncident.time("2025-09-15 21:00 PST"))
        _ = try store.close(number, at: ExampleIncident.time("2025-09-15 21:30 PST"), resolution: "Connector recreated", force: true)
        _ = try store.addLesson(number, kind: .wentWell, text: "Bypass bought time")
        _ = try store.addWhy(number, text: "Startup has no degraded mode", parent: 2)
        _ = try store.addAction(number, text: "Write the runbook", horizon: .longTerm, details: "Plain text details need a blank line.")
        _ = try store.addLesson(number, kind: .lucky, text: "Staging, not production")
        try store.setRole(number, role: "commander", who: "@alice", at: ExampleIncident.time("2025-09-15 19:20 PST"))
        var incident = try store.incident(number)
        // Groups come only from an import (a checklist split under its own headings).
        incident.actions[0].group = "Initiate"
        // A tracked follow-up comes only from `incident action track` (GitHub).
        incident.actions[1].tracked = TrackedIssue(repo: "acme/ops", number: 57)
        incident.type = IncidentType(reading: "availability")
        var values: [String: Any] = [:]
        for format in RenderFormat.allCases {
            let context = RenderContext(format: format, zone: RenderingFixtures.utc)
            values.merge(context.postmortemValues(for: incident, at: RenderingFixtures.now)) { $1 }
            values.merge(context.issueValues(for: incident, at: RenderingFixtures.now)) { $1 }
            let previous = ChecklistSnapshot(at: RenderingFixtures.now, doneActions: [3], metCriteria: [], lastTimelineEntryID: 1)
            values.merge(context.updateValues(for: incident, since: previous, at: RenderingFixtures.now)) { $1 }
            values.merge(context.followUpValues(for: incident.actions[2], of: incident)) { $1 }
        }
        // The status page's templates: a resolved public incident and an open one, with updates and components.
        incident.isPublic = true
        incident.publicUpdates = [PublicUpdate(id: 1, at: RenderingFixtures.now, status: .resolved, text: "Fixed.")]
        var open = incident
        (open.number, open.status, open.closedAt, open.timeline) = (2, .identified, nil, [])
        let shown = [PublicIncident(incident, config: StatusPageConfig()), PublicIncident(open, config: StatusPageConfig())]
        let page = StatusPageContext(config: StatusPageConfig(), incidents: shown, now: RenderingFixtures.now)
        for more in [page.index(), page.page(for: shown[0]), page.feed(), CStateContext.values(for: shown[0])] {
            values.merge(more) { $1 }
        }
        let filled = Self.filledKeys(values)
        for (file, text) in EmbeddedTemplates.files {
            for name in Self.placeholders(in: text) {
                #expect(filled.contains(name), "\(file): {{\(name)}} has no value for a fully populated incident")
            }
        }
    }

    @Test func aUserTemplateOverridesTheBuiltInOne() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: TEXT}}\nCUSTOM {{id}}: {{title}} ({{actionsDone}}/{{actionsTotal}})\n"
            .write(to: folder.appendingPathComponent("issue.md.mustache"), atomically: true, encoding: .utf8)
        let (store, number) = try RenderingFixtures.example()
        let renderer = try RenderingFixtures.renderer(overrides: folder.path)
        #expect(try renderer.issueBody(try store.incident(number)).hasPrefix("CUSTOM INC-1: üö® EMERGENCY"))
        #expect(try renderer.update(try store.incident(number), since: nil, at: RenderingFixtures.now).contains("### INC-1 update"))
    }

    @Test func aTemplateSyntaxErrorNamesFileLineAndColumn() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("update.md.mustache")
        try "line one\nline two {{#open}}\n".write(to: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: IncidentError.self) { try TemplateSet(overridesIn: folder.path) }
        guard case .templateSyntax(let file, let line, _, _)? = error else {
            Issue.record("expected a template syntax error, got \(String(describing: error))")
            return
        }
        #expect(file == path.path)
        #expect(line >= 2)
        #expect(error?.description.hasPrefix("\(path.path):") == true)
    }

    @Test func exportingTheDefaultsRefusesToOverwrite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try TemplateSet.exportDefaults(to: folder.path)
        #expect(written.count == EmbeddedTemplates.files.count)
        #expect(throws: IncidentError.self) { try TemplateSet.exportDefaults(to: folder.path) }
        #expect(try TemplateSet.exportDefaults(to: folder.path, overwrite: true).count == written.count)
    }

    /// Variable and section names used in a template (not closing tags, partials or pragmas).
    static func placeholders(in template: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\{\{\{?\s*([#^]?)\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}?\}\}"#)
        let range = NSRange(template.startIndex..., in: template)
        return Set(regex.matches(in: template, range: range).compactMap { match in
            Range(match.range(at: 2), in: template).map { String(template[$0]) }
        })
    }

    /// Keys anywhere in the context whose value would render as something (not empty, false or zero items).
    static func filledKeys(_ value: Any) -> Set<String> {
        var keys = Set<String>()
        if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary {
                switch child {
                case let text as String where !text.isEmpty: keys.insert(key)
                case let flag as Bool where flag: keys.insert(key)
                case is Int: keys.insert(key)
                case let list as [Any] where !list.isEmpty: keys.insert(key)
                default: break
                }
                keys.formUnion(filledKeys(child))
            }
        } else if let list = value as? [Any] {
            for child in list { keys.formUnion(filledKeys(child)) }
        }
        return keys
    }
}

/// The partials scan finds what splitting at `{{>` and cutting at the first `}}` found, on generated text.
struct PartialScanTests {
    static func splitting(_ text: String) -> [String] {
        text.components(separatedBy: "{{>").dropFirst().compactMap { rest in
            guard let end = rest.range(of: "}}") else { return nil }
            let name = rest[..<end.lowerBound].trimmingSpaces()
            return name.isEmpty ? nil : name
        }
    }

    @Test func scanningFindsThePartialsSplittingFound() {
        var generator = SeededGenerator(seed: 21)
        let pieces = ["{{>", "}}", "{{", "}", "{", ">", " ", "task-item", "é", "x", "\n", "{{/items}}", "{{> a }}"]
        for _ in 0..<5_000 {
            let count = Int(generator.next(upperBound: UInt64(14)))
            let text = (0..<count).map { _ in pieces[Int(generator.next(upperBound: UInt64(pieces.count)))] }.joined()
            #expect(TemplateSet.partials(in: text) == Self.splitting(text), "\(text.debugDescription)")
        }
    }
}
