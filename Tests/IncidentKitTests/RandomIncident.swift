import Foundation
@testable import IncidentKit

/// Incidents made from a seed: any text the tool accepts, within the documented limits of the Markdown
/// round trip (no `#` headings or task lines inside free sections, no commas in labels, minute-precision times).
///
/// Every decision draws one number: from a seed (SplitMix64), or from a list of choices that a property test's
/// generator made. Shrinking that list (fewer, smaller numbers) shrinks the incident: an exhausted list draws 0,
/// which picks the first word, the fewest items and no optional field.
struct RandomIncident {
    private var state: UInt64
    private var choices: [UInt64]?
    private var position = 0

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    init(choices: [UInt64]) {
        state = 0
        self.choices = choices
    }

    mutating func next() -> UInt64 {
        if let choices {
            defer { position += 1 }
            return position < choices.count ? choices[position] : 0
        }
        // SplitMix64: small, fast and the same on every machine.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func bool() -> Bool { next() & 1 == 1 }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    static let words = ["api", "503", "**bold**", "_em_", "`code | x`", "<script>", "<!--", "-->", "&amp;", "&", "\\", "\\*",
                        "a|b", "#tag", "[x]", "[ ]", "1.", "- dash", "> q", "ünï", "日本", "🚨", "‚Üí", "*", "~~~", "```",
                        "(paren)", "https://x.test/a?b=c", "SELECT * FROM t;", "'quote'", "\"dq\"", "==", "+", "_", "—"]

    /// One line of words; leading words may look like Markdown blocks.
    mutating func line(maxWords: Int = 6) -> String {
        (0..<int(1...maxWords)).map { _ in pick(Self.words) }.joined(separator: " ")
    }

    mutating func plainLine() -> String {
        (0..<int(1...4)).map { _ in pick(["alpha", "beta", "gamma", "42", "delta-x", "épsilon", "zeta"]) }.joined(separator: " ")
    }

    /// Markdown for a block field: paragraphs, lists, quotes and balanced code fences (an unclosed fence
    /// is closed by the renderer, the one documented change a round trip makes).
    mutating func markdown() -> String {
        (0..<int(1...4)).map { _ -> String in
            switch int(0...4) {
            case 0: return blockLine()
            case 1: return (0..<int(1...3)).map { _ in "- " + blockLine() }.joined(separator: "\n")
            case 2: return "```sh\n" + blockLine() + "\n<not html> & \\\n```"
            case 3: return "> " + blockLine()
            default: return blockLine() + "\n" + blockLine()
            }
        }.joined(separator: "\n\n")
    }

    /// A line that opens no code fence, `#` heading (which would split a free section), list or task item
    /// (a task list inside details or a section becomes items of its own on import: documented).
    mutating func blockLine() -> String {
        while true {
            let candidate = line()
            let opensBlock = ["```", "~~~", "#", "- ", "+ ", "* ", "[", "1.", "> "].contains { candidate.hasPrefix($0) }
            // "==" or "---" alone under a line would make that line a (setext) heading.
            let underlinesHeading = candidate.allSatisfy { $0 == "=" || $0 == "-" }
            if !opensBlock && !underlinesHeading { return candidate }
        }
    }

    mutating func minute(after base: Date) -> Date {
        let minutes = Double(int(0...5_000))
        return Date(timeIntervalSince1970: (base.timeIntervalSince1970 / 60).rounded(.down) * 60 + minutes * 60)
    }

    mutating func incident() -> Incident {
        let declared = minute(after: Date(timeIntervalSince1970: 1_750_000_000))
        let status = pick(Status.allCases)
        var incident = Incident(number: 1, title: line(), severity: pick(Severity.allCases), status: status, declaredAt: declared)
        incident.labels = Array(Set((0..<int(0...4)).map { _ in plainLine() })).sorted()
        incident.assignees = Array(Set((0..<int(0...3)).map { _ in plainLine() })).sorted()
        incident.services = (0..<int(0...3)).map { index in
            AffectedService(name: "svc\(index) " + plainLine(), url: bool() ? "https://svc\(index).example/x" : nil,
                            note: bool() ? plainLine() + " " + line(maxWords: 2) : nil)
        }
        incident.impact = bool() ? markdown() : nil
        incident.summary = bool() ? markdown() : nil
        incident.rootCause = bool() ? markdown() : nil
        incident.resolution = bool() ? markdown() : nil
        incident.closedAt = status == .closed ? minute(after: declared) : nil
        incident.sections = (0..<int(0...3)).map { _ in FreeSection(title: plainLine(), markdown: markdown()) }
        incident.whys = (1...max(1, int(0...5))).map { number in
            Why(number: number, text: line(), parent: number == 1 ? nil : (bool() ? number - 1 : int(1...(number - 1))),
                isRootCause: bool() && bool())
        }
        if bool() { incident.whys = [] }
        incident.timeline = (0..<int(0...6)).map { _ in
            TimelineEntry(at: minute(after: declared), kind: pick(TimelineKind.allCases), text: line(), isManual: true)
        }.sorted { $0.at < $1.at }
        incident.actions = (1...max(1, int(0...6))).map { number in
            ActionItem(number: number, horizon: pick(Horizon.allCases), text: line(), details: bool() ? markdown() : nil,
                       owner: bool() ? plainLine() : nil, due: bool() ? minute(after: declared) : nil,
                       doneAt: bool() ? declared : nil, doneBy: nil)
        }
        // The renderer groups items by horizon and phase, so the record keeps them in that order.
        incident.actions = Horizon.allCases.flatMap { horizon in incident.actions.filter { $0.horizon == horizon } }
        for index in incident.actions.indices { incident.actions[index].number = index + 1 }
        incident.criteria = (1...max(1, int(0...5))).map { number in
            SuccessCriterion(number: number, phase: pick(Phase.allCases), text: line(), metAt: bool() ? declared : nil)
        }
        incident.criteria = Phase.allCases.flatMap { phase in incident.criteria.filter { $0.phase == phase } }
        for index in incident.criteria.indices { incident.criteria[index].number = index + 1 }
        // Drawn last, so the incidents the earlier draws make stay as they were.
        incident.type = bool() ? IncidentType(reading: pick(["availability", "security", "data-loss", "a", "p2p-sync-9"])) : nil
        return incident
    }
}
