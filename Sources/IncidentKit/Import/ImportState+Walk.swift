import Foundation

extension ImportState {
    /// Reads the top-level blocks in order, keeping track of the headings they sit under.
    mutating func walk(_ blocks: [MarkdownBlock]) {
        for block in blocks {
            if underTimeline, !(block.kind.isCode) { timelineLines.formUnion(block.lines) }
            switch block.kind {
            case .heading(let level):
                pendingEntry = nil
                dayHeading = nil
                let timed = underTimeline && !TimeVocabulary.namesTimeline(block.text.lowercased())
                // A timeline may carry on past its section: later days written as headings (`## Feb 21, 13:00`).
                let continues = timed && level <= (headingStack.first { TimeVocabulary.namesTimeline($0.text) }?.level ?? 0)
                    && WrittenTime.leading(block.text, year: context.year) != nil
                headingStack.removeAll { $0.level >= level }
                let text = fieldText(Self.headingTitle(block.markdown))
                headingStack.append((level, continues ? "timeline: " + block.text.lowercased() : block.text.lowercased(),
                                     text, block.lines.lowerBound))
                if titleAfterHeading {
                    // "# Incident Title" with no paragraph under it: a template; its heading is the title.
                    titleAfterHeading = false
                    headingTitle = headingTitle ?? pendingTitleHeading
                }
                // Only the document's first heading can be its title, and not when it names a section ("Summary").
                if !sawHeading {
                    sawHeading = true
                    if ["incident title", "title", "issue title"].contains(text.lowercased()) {
                        titleAfterHeading = true
                        pendingTitleHeading = text
                        if level == 1 { titleHeadingLine = block.lines.lowerBound }
                    } else if !text.isEmpty, !Self.namesASection(text), WrittenTime.dateOnly(text) == nil, WrittenTime.leading(text, year: context.year) == nil {
                        headingTitle = text
                        if level == 1 { titleHeadingLine = block.lines.lowerBound }
                    }
                }
                if timed || (underTimeline && level > 2 && WrittenTime.leading(block.text, year: context.year) != nil) { readTimelineHeading(block) }
            case .paragraph:
                if titleAfterHeading, headingTitle == nil, !isOwnRender, ImportText.keyValue(line(block.lines.lowerBound)) == nil {
                    titleAfterHeading = false
                    pendingTitleHeading = nil
                    title = title ?? fieldText(line(block.lines.lowerBound))
                    consume(block.lines.lowerBound...block.lines.lowerBound)
                }
                readKeyLines(block)
                if underTimeline {
                    readTimelineTable(block)
                    readTimelineParagraph(block)
                }
            case .list:
                if isConsumed(block) || inRecordsFreeSection { continue }
                if under("why"), !block.children.contains(where: { $0.task != nil }) {
                    readWhys(block)
                } else if underTimeline {
                    readTimelineList(block)
                } else if under("affected services") {
                    readServices(block)
                }
                readTasks(in: block)
            case .blockQuote:
                if !inRecordsFreeSection { readTasks(in: block) }
            case .codeBlock(let info):
                if underTimeline, info == "mermaid" { consume(block.lines) }
            case .html:
                if underTimeline { readTimelineHTMLTable(block) }
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

    /// Headings that name a section, not an incident: never taken as the title.
    static let sectionNames: Set<String> = [
        "summary", "impact", "timeline", "root cause", "root causes", "background", "overview", "description", "details",
        "prerequisites", "action items", "actions", "lessons learned", "resolution", "detection", "metadata", "notes",
        "incident report", "postmortem", "post-mortem", "status", "owners", "trigger", "recovery", "follow-up", "follow up",
    ]

    /// Words that say what kind of document this is, which a title may start with ("Postmortem: …").
    static let documentKinds: Set<String> = ["postmortem", "post-mortem", "post mortem", "incident report", "incident postmortem"]

    static func namesASection(_ heading: String) -> Bool {
        let lower = heading.lowercased()
        // "Postmortem: Expired TLS certificate on …" names the incident after the kind of document it is.
        if let colon = lower.firstIndex(of: ":"), documentKinds.contains(lower[..<colon].trimmingSpaces()),
           !lower[lower.index(after: colon)...].trimmingSpaces().isEmpty {
            return false
        }
        if TimeVocabulary.namesTimeline(lower), lower.count <= 40 { return true }
        return sectionNames.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + "(") || lower.hasPrefix($0 + ":") }
    }

    /// Under a `##` heading that names one of the record's own free sections, whose checklists are text.
    var inRecordsFreeSection: Bool {
        headingStack.contains { $0.level == 2 && freeSections.contains($0.text) }
    }

    /// The `##` sections (lowercased titles) with task lines of which none carries an item marker.
    static func unmarkedSections(_ lines: [String]) -> Set<String> {
        var sections: [String: (tasks: Bool, marked: Bool)] = [:], current: String?
        for line in lines {
            if line.hasPrefix("## ") {
                current = line.dropFirst(3).trimmingSpaces().lowercased()
            } else if let section = current {
                let text = line.trimmingSpaces()
                let task = ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] ", "* [X] "].contains { text.hasPrefix($0) }
                let marked = text.contains("<!-- incident:action:") || text.contains("<!-- incident:criterion:")
                let seen = sections[section] ?? (false, false)
                sections[section] = (seen.tasks || task, seen.marked || marked)
            }
        }
        return Set(sections.filter { $0.value.tasks && !$0.value.marked }.keys)
    }

    func under(_ word: String) -> Bool { headingStack.contains { $0.text.containsLiterally(word) } }

    /// `## Title ##` → `Title`; a setext heading's lines (every line above its `---` / `===`) joined.
    static func headingTitle(_ markdown: String) -> String {
        // An ATX heading is one line: splitting it (every heading, read twice) cost more than the rest of this.
        guard markdown.utf8.contains(UInt8(ascii: "\n")) else { return atxTitle(Substring(markdown)) }
        let rows = markdown.split(separator: "\n")
        if rows.count > 1, let underline = rows.last?.trimmingSpaces(),
           !underline.isEmpty, underline.allSatisfy({ $0 == "-" || $0 == "=" }) {
            return rows.dropLast().map { $0.trimmingSpaces() }.joined(separator: " ")
        }
        return atxTitle(rows.first ?? "")
    }

    private static func atxTitle(_ line: Substring) -> String {
        var text = line.drop { $0 == "#" }.drop { $0 == " " }
        while text.hasSuffix("#") || text.hasSuffix(" ") { text = text.dropLast() }
        return String(text)
    }

    /// `**Labels:** a, b`, `**Priority:** P0`, `**Type:** security`, `**Status:** mitigated` and friends, one line at a time.
    mutating func readKeyLines(_ paragraph: MarkdownBlock) {
        for number in paragraph.lines where !consumed.contains(number) {
            guard let (key, value) = ImportText.keyValue(line(number)), !keysSeen.contains(key), apply(key: key, value: value) else { continue }
            keysSeen.insert(key)
            consume(number...number)
        }
    }

    /// Applies one key line; false leaves the line in the document (unknown key or unusable value).
    private mutating func apply(key: String, value: String) -> Bool {
        let text = fieldText(value)
        switch key {
        case "issue title", "title":
            guard !text.isEmpty else { return false }
            title = text
        case "priority", "severity":
            guard let found = ImportText.severity(in: value) else { return false }
            // An explicit priority or severity line wins over one guessed from the labels.
            if severity == nil || severity?.1.hasPrefix("label") == true { severity = (found.0, "**\(key.capitalized):** \(found.1)") }
        case "type":
            guard let found = IncidentType(reading: text) else { return false }
            type = (found, "**Type:** \(found)")
        case "labels":
            incident.labels = value == "_none_" ? [] : Self.list(text)
            if severity == nil, let found = incident.labels.lazy.compactMap(ImportText.severity(in:)).first {
                severity = (found.0, "label \(found.1)")
            }
        case "assignees":
            incident.assignees = value == "_unassigned_" ? [] : Self.list(text)
        case "roles":
            // `commander: @alice, communications: bob`
            let pairs = Self.list(text).compactMap { pair -> Role? in
                guard let colon = pair.firstIndex(of: ":") else { return nil }
                let role = pair[..<colon].trimmingSpaces(), who = pair[pair.index(after: colon)...].trimmingSpaces()
                return role.isEmpty || who.isEmpty ? nil : Role(role: role, who: who, since: declaredAt ?? importer.now)
            }
            guard !pairs.isEmpty else { return false }
            incident.roles = pairs
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
        return text.split(separator: ",").map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The text of an item's first paragraph, on one line.
    func firstLine(of item: MarkdownBlock) -> String? {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph else { return nil }
        return paragraph.markdown.split(separator: "\n").map { $0.trimmingSpaces() }.joined(separator: " ")
    }
}

private extension MarkdownBlock.Kind {
    var isCode: Bool { if case .codeBlock = self { true } else { false } }
}
