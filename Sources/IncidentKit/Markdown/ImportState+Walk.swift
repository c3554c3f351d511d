import Foundation

extension ImportState {
    /// Reads the top-level blocks in order, keeping track of the headings they sit under.
    mutating func walk(_ blocks: [MarkdownBlock]) {
        for block in blocks {
            switch block.kind {
            case .heading(let level):
                headingStack.removeAll { $0.level >= level }
                headingStack.append((level, block.text.lowercased()))
                if title == nil, level == 1 { title = MarkdownEscaping.unescapeInline(Self.headingTitle(block.markdown)) }
            case .paragraph:
                readKeyLines(block)
                if under("timeline") { readTimelineTable(block) }
            case .list:
                if isConsumed(block) { continue }
                if under("why"), !block.children.contains(where: { $0.task != nil }) {
                    readWhys(block)
                } else if under("timeline") {
                    readTimelineList(block)
                } else if under("affected services") {
                    readServices(block)
                }
                readTasks(in: block)
            case .blockQuote:
                readTasks(in: block)
            case .codeBlock(let info):
                if under("timeline"), info == "mermaid" { consume(block.lines) }
            case .html:
                if block.text.hasPrefix("<!-- incident:INC-") {
                    consume(block.lines)
                    // "<!-- incident:INC-4 rendered 2025-09-16T12:00:00Z by incident; …"
                    let words = block.text.split(separator: " ")
                    if words.count > 3, words[2] == "rendered" { renderedAt = try? TimeExpression.parse(String(words[3])) }
                }
            case .document, .item, .thematicBreak:
                break
            }
        }
    }

    func under(_ word: String) -> Bool { headingStack.contains { $0.text.contains(word) } }

    /// `## Title ##` → `Title`, from the heading's source.
    static func headingTitle(_ markdown: String) -> String {
        var text = Substring(markdown.split(separator: "\n").first ?? "")
        text = text.drop { $0 == "#" }.drop { $0 == " " }
        while text.hasSuffix("#") || text.hasSuffix(" ") { text = text.dropLast() }
        return String(text)
    }

    /// `**Labels:** a, b`, `**Priority:** P0`, `**Status:** mitigated` and friends, one line at a time.
    mutating func readKeyLines(_ paragraph: MarkdownBlock) {
        for number in paragraph.lines where !consumed.contains(number) {
            guard let (key, value) = ImportText.keyValue(line(number)), !keysSeen.contains(key), apply(key: key, value: value) else { continue }
            keysSeen.insert(key)
            consume(number...number)
        }
    }

    /// Applies one key line; false leaves the line in the document (unknown key or unusable value).
    private mutating func apply(key: String, value: String) -> Bool {
        let text = MarkdownEscaping.unescapeInline(value)
        switch key {
        case "issue title", "title":
            guard !text.isEmpty else { return false }
            title = text
        case "priority", "severity":
            guard let found = ImportText.severity(in: value) else { return false }
            // An explicit priority or severity line wins over one guessed from the labels.
            if severity == nil || severity?.1.hasPrefix("label") == true { severity = (found.0, "**\(key.capitalized):** \(found.1)") }
        case "labels":
            incident.labels = value == "_none_" ? [] : Self.list(text)
            if severity == nil, let found = incident.labels.lazy.compactMap(ImportText.severity(in:)).first {
                severity = (found.0, "label \(found.1)")
            }
        case "assignees":
            incident.assignees = value == "_unassigned_" ? [] : Self.list(text)
        case "status":
            guard let status = Status(rawValue: value.lowercased()) else { return false }
            incident.status = status
        case "declared":
            guard let date = try? TimeExpression.parse(value, zone: importer.zone) else { return false }
            declaredAt = date
        case "closed":
            guard let date = try? TimeExpression.parse(value, zone: importer.zone) else { return false }
            incident.closedAt = date
        case "incident":
            return value.range(of: #"^INC-\d+$"#, options: .regularExpression) != nil
        case "business impact", "impact":
            guard !value.isEmpty, incident.impact == nil else { return false }
            incident.impact = text
        case "root cause":
            guard !value.isEmpty, incident.rootCause == nil else { return false }
            incident.rootCause = text
        case "resolution":
            guard !value.isEmpty, incident.resolution == nil else { return false }
            incident.resolution = text
        default:
            return false
        }
        return true
    }

    static func list(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The text of an item's first paragraph, on one line.
    func firstLine(of item: MarkdownBlock) -> String? {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph else { return nil }
        return paragraph.markdown.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
