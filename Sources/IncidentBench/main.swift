import Foundation
import IncidentKit

// In-process timings that a CLI benchmark can't isolate from process start-up.
// Usage: IncidentBench [runs]   (build with -c release; bench/run.sh does)

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50

/// A synthetic incident with `actions` action items and `entries` timeline entries.
func syntheticIncident(actions: Int, entries: Int) -> Incident {
    let start = Date(timeIntervalSince1970: 1_758_000_000)
    var incident = Incident(number: 1, title: "Synthetic incident with many items", severity: .p1, declaredAt: start)
    incident.labels = ["bench", "synthetic"]
    incident.assignees = ["Bench team"]
    incident.summary = "A large incident to time rendering."
    incident.whys = (1...5).map { Why(number: $0, text: "Because of step \($0)", parent: $0 == 1 ? nil : $0 - 1, isRootCause: $0 == 5) }
    let horizons = Horizon.allCases
    incident.actions = (1...actions).map { number in
        ActionItem(number: number, horizon: horizons[number % 3], text: "**Action \(number):** do the thing `cmd --flag \(number)`",
                   details: number % 10 == 0 ? "```bash\nrun step \(number)\n```" : nil, owner: number % 4 == 0 ? "owner\(number % 7)" : nil,
                   doneAt: number % 2 == 0 ? start + Double(number) : nil, doneBy: number % 2 == 0 ? "bench" : nil)
    }
    incident.criteria = (1...20).map { SuccessCriterion(number: $0, phase: $0 <= 10 ? .immediate : .shortTerm, text: "Criterion \($0)") }
    incident.timeline = (1...entries).map { index in
        TimelineEntry(id: Int64(index), at: start + Double(index * 30), kind: index == 1 ? .detected : .note,
                      text: "Event \(index): something | happened <here>", isManual: true)
    }
    return incident
}

/// A GitHub-style issue with `tasks` task items (every third done) under three horizons, a timeline and prose.
func syntheticIssue(tasks: Int) -> String {
    var lines = ["# Synthetic incident with \(tasks) tasks", "", "**Labels:** P1, bench", "", "## Timeline", ""]
    lines += (0..<20).map { "- **2025-09-15 19:\(10 + $0) PST** (note): event \($0)" }
    for (index, horizon) in ["IMMEDIATE", "MEDIUM-TERM", "LONG-TERM"].enumerated() {
        lines += ["", "### \(horizon)", ""]
        let range = (index * tasks / 3)..<((index + 1) * tasks / 3)
        lines += range.map { "- [\($0 % 3 == 0 ? "x" : " ")] **Task \($0 + 1):** do the thing `cmd --flag \($0)`" }
    }
    lines += ["", "## Notes", "", "Free text that is kept as a section."]
    return lines.joined(separator: "\n") + "\n"
}

/// The example incident the import tests read.
func exampleIssue() -> String {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tests/IncidentKitTests/Fixtures/vpc-connector-p0.md").standardized.path
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("IncidentBench: no example at \(path); run it from the source tree it was built in.\n".utf8))
        exit(1)
    }
    return String(decoding: data, as: UTF8.self)
}

/// Median and 90th percentile, in milliseconds, of `runs` calls of `body`.
func measure(_ name: String, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    for _ in 0..<runs {
        let started = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
    }
    samples.sort()
    let median = samples[samples.count / 2]
    let p90 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.9))]
    print(String(format: "%-48@ median %7.2f ms   p90 %7.2f ms   (%d runs)", name as NSString, median, p90, runs))
}

let incident = syntheticIncident(actions: 1_000, entries: 1_000)
if ProcessInfo.processInfo.environment["BENCH_ONLY_CONTEXT"] != nil {
    for _ in 0..<runs { _ = RenderContext(format: .markdown, zone: TimeZone(identifier: "UTC")).values(for: incident) }
    exit(0)
}
let renderer = IncidentRenderer(templates: try TemplateSet(), zone: TimeZone(identifier: "UTC"))
var size = 0
try measure("issue body, 1,000 actions + 1,000 entries") { size = try renderer.issueBody(incident).utf8.count }
print("  issue body is \(size) bytes")
try measure("update, 1,000 actions + 1,000 entries") { size = try renderer.update(incident, since: nil, at: Date()).utf8.count }
try measure("postmortem md, 1,000 actions + 1,000 entries") {
    size = try renderer.postmortem(incident, format: .markdown, at: Date()).utf8.count
}
try measure("postmortem html, 1,000 actions + 1,000 entries") {
    size = try renderer.postmortem(incident, format: .html, at: Date()).utf8.count
}
try measure("context only (issue values)") { size = RenderContext(format: .markdown, zone: TimeZone(identifier: "UTC")).values(for: incident).count }
try measure("1,000 local times") { for entry in incident.timeline { size += TimeFormat.local(entry.at, in: TimeZone(identifier: "UTC")).count } }
try measure("2,000 inline escapes") { for action in incident.actions { size += MarkdownEscaping.inline(action.text).count }; for entry in incident.timeline { size += MarkdownEscaping.inline(entry.text).count } }
let precomputed = RenderContext(format: .markdown, zone: TimeZone(identifier: "UTC")).values(for: incident)
let templates = try TemplateSet()
try measure("mustache only (issue.md, precomputed context)") { size = try templates.render("issue.md", precomputed).count }

let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!)
let example = exampleIssue()
try measure("import example (vpc-connector-p0.md)") { size = try importer.read(example).incident.actions.count }
let manyTasks = syntheticIssue(tasks: 20_000)
try measure("import 20,000-task document") {
    let incident = try importer.read(manyTasks).incident
    guard incident.actions.count == 20_000 else { fatalError("read \(incident.actions.count) of 20,000 tasks") }
}
print("  the 20,000-task document is \(manyTasks.utf8.count) bytes")
