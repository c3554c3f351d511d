import Foundation

/// The output a context is prepared for: text is escaped for Markdown, or pre-rendered for HTML.
public enum RenderFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
}

/// Turns an incident into the plain, pre-formatted values templates see (dictionaries, strings, counts).
public struct RenderContext {
    public var format: RenderFormat
    /// The zone times are shown in; nil means the user's zone (`TZ`).
    public var zone: TimeZone?

    public init(format: RenderFormat, zone: TimeZone? = nil) {
        self.format = format
        self.zone = zone
    }

    /// Everything the issue body and the postmortem show about `incident`.
    public func values(for incident: Incident) -> [String: Any] {
        var values: [String: Any] = [
            "id": incident.id, "number": incident.number, "title": line(incident.title),
            "severity": incident.severity.label, "status": incident.status.rawValue,
            "declaredAt": time(incident.declaredAt), "updatedAt": time(incident.updatedAt),
            "hasSummary": incident.summary != nil || incident.rootCause != nil || incident.resolution != nil,
            "hasWhys": !incident.whys.isEmpty, "whys": incident.whys.map(why),
            "hasServices": !incident.services.isEmpty, "services": incident.services.map(service),
            "hasTimeline": !incident.timeline.isEmpty, "timeline": incident.timeline.map(entry),
            "hasMermaid": incident.timeline.count >= 2, "mermaid": MermaidTimeline.render(incident, zone: zone),
            "sections": incident.sections.map { ["title": line($0.title), "markdown": block($0.markdown)] },
        ]
        // Absent keys (not empty strings) are what Mustache's inverted sections treat as missing.
        // Escaped as table cells: the postmortem shows them in its header table.
        values["labelsText"] = nonEmpty(incident.labels.map(cell).joined(separator: ", "))
        values["assigneesText"] = nonEmpty(incident.assignees.map(cell).joined(separator: ", "))
        values["rolesText"] = nonEmpty(incident.roles.map { cell("\($0.role): \($0.who)") }.joined(separator: ", "))
        values["closedAt"] = incident.closedAt.map(time)
        // A type is one word of [a-z0-9-]: nothing in it needs escaping, in a line, a table cell or HTML.
        values["type"] = incident.type?.word
        values["impact"] = incident.impact.map(block)
        values["summary"] = incident.summary.map(block)
        values["rootCause"] = incident.rootCause.map(block)
        values["resolution"] = incident.resolution.map(block)
        values.merge(checklist(incident)) { $1 }
        Self.flagPresence(of: ["labelsText", "assigneesText", "rolesText", "closedAt", "type", "impact", "summary", "rootCause", "resolution"],
                          in: &values)
        return values
    }

    /// Optional values are absent when empty; the templates test these flags rather than the values themselves.
    /// A section on a string pushes the string as Mustache's context, and every name looked up inside it then
    /// reflects that string through `Mirror` first, for every name in the section.
    static let presenceFlags = ["labelsText": "hasLabels", "assigneesText": "hasAssignees", "rolesText": "hasRoles",
                                "peopleText": "hasPeople", "closedAt": "isClosed", "type": "hasType", "impact": "hasImpact",
                                "summary": "hasSummaryText", "rootCause": "hasRootCause", "resolution": "hasResolution",
                                "answers": "hasAnswers", "details": "hasDetails"]

    static func flagPresence(of keys: [String], in values: inout [String: Any]) {
        for key in keys {
            if let flag = presenceFlags[key] { values[flag] = values[key] != nil }
        }
    }

    /// The issue body's values: the record plus when it was rendered (read back by `incident sync`).
    public func issueValues(for incident: Incident, at now: Date) -> [String: Any] {
        var values = values(for: incident)
        values["renderedAt"] = TimeFormat.utc(now)
        // The whole optional line, put together here as `taskLine` is: each tag of a template costs every render its
        // parse, and a section with a value inside takes three.
        values["typeLine"] = incident.type.map { "\n**Type:** \($0)" }
        return values
    }

    /// Action items grouped by horizon and criteria by phase, with progress counts; within a horizon, the items of
    /// each named group (the headings a checklist was split under) after those in none.
    func checklist(_ incident: Incident) -> [String: Any] {
        let actionGroups: [[String: Any]] = Horizon.allCases.compactMap { horizon in
            let items = incident.actions.filter { $0.horizon == horizon }
            guard !items.isEmpty else { return nil }
            // Each item's context is made once and shared by the lists that show it.
            let contexts = items.map(action)
            var ungrouped: [[String: Any]] = []
            var named: [(name: String, done: Int, items: [[String: Any]])] = []
            for (item, context) in zip(items, contexts) {
                guard let group = item.group else { ungrouped.append(context); continue }
                let done = item.isDone ? 1 : 0
                if let index = named.firstIndex(where: { $0.name == group }) {
                    named[index].items.append(context)
                    named[index].done += done
                } else {
                    named.append((group, done, [context]))
                }
            }
            let namedGroups: [[String: Any]] = named.map { group in
                ["name": line(group.name), "done": group.done, "total": group.items.count, "items": group.items]
            }
            return ["heading": horizon.heading, "horizon": horizon.rawValue, "done": items.filter(\.isDone).count,
                    "total": items.count, "items": contexts, "ungroupedItems": ungrouped, "namedGroups": namedGroups]
        }
        let criteriaGroups: [[String: Any]] = Phase.allCases.compactMap { phase in
            let items = incident.criteria.filter { $0.phase == phase }
            guard !items.isEmpty else { return nil }
            return ["heading": phase.heading, "phase": phase.rawValue, "done": items.filter(\.isMet).count,
                    "total": items.count, "items": items.map(criterion)]
        }
        return [
            "hasActions": !incident.actions.isEmpty, "actionGroups": actionGroups,
            "actionsDone": incident.actions.filter(\.isDone).count, "actionsTotal": incident.actions.count,
            "hasCriteria": !incident.criteria.isEmpty, "criteriaGroups": criteriaGroups,
            "criteriaMet": incident.criteria.filter(\.isMet).count, "criteriaTotal": incident.criteria.count,
        ]
    }

    func action(_ item: ActionItem) -> [String: Any] {
        var meta: [String] = []
        if let owner = item.owner { meta.append("owner: \(line(owner))") }
        if let due = item.due { meta.append("due: \(time(due))") }
        var values: [String: Any] = [
            "kind": "action", "number": item.number, "box": item.isDone ? "x" : " ", "done": item.isDone,
            "marker": Self.marker(.action, item.number, done: item.isDone),
            "text": line(item.text), "meta": meta.isEmpty ? "" : " _(\(meta.joined(separator: ", ")))_",
            "cellText": cell(item.text), "horizon": item.horizon.rawValue, "ownerText": item.owner.map(cell) ?? "—",
            "dueText": item.due.map(time) ?? "—", "doneText": item.isDone ? "yes" : "no",
            // GitHub links `acme/ops#57` itself and shows the issue's state beside it.
            "tracked": item.tracked.map { issue in
                format == .markdown ? " (\(issue.reference))" : " (<a href=\"\(issue.url)\">\(issue.reference)</a>)"
            } ?? "",
        ]
        values["taskLine"] = Self.taskLine(box: item.isDone, text: values["text"] as? String ?? "",
                                           suffix: (values["tracked"] as? String ?? "") + (values["meta"] as? String ?? ""),
                                           marker: values["marker"] as? String ?? "")
        // Details that start with plain text would continue the item's first line unless a blank line separates them.
        values["details"] = item.details.map { details in
            guard format == .markdown else { return block(details) }
            return (Self.interruptsParagraph(details) ? "" : "\n") + MarkdownEscaping.indent(block(details), by: 2)
        }
        Self.flagPresence(of: ["details"], in: &values)
        return values
    }

    func criterion(_ item: SuccessCriterion) -> [String: Any] {
        let text = line(item.text), marker = Self.marker(.criterion, item.number, done: item.isMet)
        return ["kind": "criterion", "number": item.number, "box": item.isMet ? "x" : " ", "done": item.isMet, "marker": marker,
                "text": text, "tracked": "", "meta": "", "phase": item.phase.rawValue, "hasDetails": false,
                "taskLine": Self.taskLine(box: item.isMet, text: text, suffix: "", marker: marker)]
    }

    /// A task line as the built-in `task-item` template writes it, `- [x] TEXT SUFFIX MARKER`, put together here: every
    /// name a template looks up costs a search of the context stack, and the checklist has a line per item. The parts
    /// (`box`, `text`, `tracked`, `meta`, `marker`) stay in the context for templates that lay the line out otherwise.
    static func taskLine(box: Bool, text: String, suffix: String, marker: String) -> String {
        "- [\(box ? "x" : " ")] " + text + suffix + " " + marker
    }

    func why(_ item: Why) -> [String: Any] {
        var values: [String: Any] = ["number": item.number, "text": line(item.text), "isRootCause": item.isRootCause]
        if let parent = item.parent, parent != item.number - 1 { values["answers"] = parent }
        Self.flagPresence(of: ["answers"], in: &values)
        return values
    }

    func service(_ item: AffectedService) -> [String: Any] {
        var values: [String: Any] = ["name": line(item.name)]
        values["url"] = item.url.map(line)
        values["note"] = item.note.map(line)
        // "URL (note)", or whichever of the two there is.
        values["detail"] = [item.url.map(line), item.note.map { item.url == nil ? line($0) : "(\(line($0)))" }]
            .compactMap { $0 }.joined(separator: " ")
        return values
    }

    func entry(_ item: TimelineEntry) -> [String: Any] {
        ["at": time(item.at), "atUTC": TimeFormat.utc(item.at), "kind": item.kind.rawValue, "text": line(item.text),
         "cellText": cell(item.text),
         "recorded": !item.isManual]
    }

    /// One-line user text: escaped Markdown, or inline HTML through libcmark's safe renderer.
    func line(_ text: String) -> String {
        format == .markdown ? MarkdownEscaping.inline(text) : MarkdownHTML.inline(text)
    }

    /// One-line user text inside a table cell, where `|` would end the cell.
    func cell(_ text: String) -> String {
        format == .markdown ? MarkdownEscaping.tableCell(text) : MarkdownHTML.inline(text)
    }

    /// User Markdown: kept as Markdown but unable to swallow what follows, or rendered to safe HTML.
    func block(_ markdown: String) -> String {
        format == .markdown ? MarkdownEscaping.block(markdown) : MarkdownHTML.render(markdown)
    }

    func time(_ date: Date) -> String { TimeFormat.local(date, in: zone) }

    func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// The hidden comment that lets `incident sync` match a task line to its item, with the state it had when rendered.
    static func marker(_ kind: ItemKind, _ number: Int, done: Bool) -> String {
        "<!-- incident:\(kind.rawValue):\(number)\(done ? " done" : "") -->"
    }

    /// Fences, bullet lists, headings and quotes may follow a list item's first line directly.
    static func interruptsParagraph(_ markdown: String) -> Bool {
        ["```", "~~~", "- ", "* ", "+ ", "#", ">"].contains { markdown.hasPrefix($0) }
    }
}

extension Horizon {
    /// The heading a rendered checklist gives this horizon.
    public var heading: String {
        switch self {
        case .immediate: "IMMEDIATE"
        case .mediumTerm: "MEDIUM-TERM"
        case .longTerm: "LONG-TERM"
        }
    }
}

extension Phase {
    /// The heading a rendered checklist gives this phase.
    public var heading: String {
        switch self {
        case .immediate: "Immediate Success"
        case .shortTerm: "Short-term Success"
        }
    }
}
