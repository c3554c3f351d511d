import Foundation

extension ImportState {
    /// Every task item inside `block`, at any depth and in block quotes: actions, or criteria under a
    /// success-criteria / validation / verification heading.
    mutating func readTasks(in block: MarkdownBlock) {
        var stack = Array(block.children.reversed())
        while let child = stack.popLast() {
            if child.task != nil, !isConsumed(child) { readTask(child) }
            stack.append(contentsOf: child.children.reversed())
        }
    }

    private mutating func readTask(_ item: MarkdownBlock) {
        guard var text = firstLine(of: item).map({ String($0.dropFirst(4)) }) else { return }
        let checked = item.task == .done
        var kind: ItemKind = underCriteria ? .criterion : .action
        var markerNumber: Int?, renderedDone: Bool?
        if let marker = ImportText.marker(in: text) {
            (kind, markerNumber, renderedDone, text) = (marker.kind, marker.number, marker.done, marker.rest)
        }
        var owner: String?, due: Date?, tracked: TrackedIssue?
        if kind == .action, let meta = ImportText.meta(in: text, zone: importer.zone) {
            (owner, due, text) = (meta.owner, meta.due, meta.rest)
        }
        if kind == .action, let link = ImportText.trackedIssue(in: text) { (tracked, text) = (link.issue, link.rest) }
        text = fieldText(text)
        guard !text.isEmpty else { return }
        let details = detailsMarkdown(of: item)
        tasks.append(TaskLine(kind: kind, markerNumber: markerNumber, renderedDone: renderedDone, checked: checked,
                              text: text, line: item.lines.lowerBound))
        let doneAt: Date? = checked ? (declaredAt ?? importer.now) : nil
        switch kind {
        case .criterion:
            incident.criteria.append(SuccessCriterion(number: incident.criteria.count + 1, phase: phase, text: text,
                                                      metAt: doneAt, metBy: checked ? "import" : nil))
        default:
            incident.actions.append(ActionItem(number: incident.actions.count + 1, horizon: horizon, text: text, details: details,
                                               owner: owner, due: due, doneAt: doneAt, doneBy: checked ? "import" : nil,
                                               group: groupName, tracked: tracked))
        }
        // The item's own lines are consumed; nested task items are read on their own. Only the outermost nested
        // tasks are visited (their lines cover those inside them): collecting every one made deep task lists cubic.
        consume(item.lines)
        var pending = item.children
        while let block = pending.popLast() {
            if block.task != nil { consumed.subtract(block.lines) } else { pending.append(contentsOf: block.children) }
        }
    }

    private var underCriteria: Bool {
        headingStack.contains { heading in
            ["success criteria", "criteria", "validation", "verification"].contains { heading.text.containsLiterally($0) }
        }
    }

    private var horizon: Horizon {
        for heading in headingStack.reversed() {
            // "Medium/High incidents" names a severity, not a horizon.
            if Self.horizonWords.contains(where: { heading.text.containsLiterally($0) && $0.first == "m" }) || heading.text == "medium" { return .mediumTerm }
            if Self.horizonWords.contains(where: { heading.text.containsLiterally($0) && $0.first == "l" }) || heading.text == "long" { return .longTerm }
            if heading.text.containsLiterally("immediate") { return .immediate }
        }
        return .immediate
    }

    static let horizonWords = ["medium-term", "medium term", "mid-term", "mid term", "long-term", "long term"]

    /// Headings that hold a checklist without naming a group in it: the list's own section, horizons and phases,
    /// and the headings this tool renders around them.
    static let checklistHeadings = [
        "action items", "actions", "required actions", "tasks", "todo", "to do", "to-do", "checklist", "success criteria",
        "criteria", "action items and follow-ups", "corrective actions", "remediation items",
    ]

    /// `required actions (3/5 done)` → `required actions`: the progress this tool renders after a checklist heading.
    static func withoutProgress(_ heading: String) -> String {
        guard heading.hasSuffix(")"), let open = heading.lastIndex(of: "("),
              heading[heading.index(after: open)...].dropLast().allSatisfy({ $0.isNumber || " /donemt".contains($0) })
        else { return heading }
        return heading[..<open].trimmingSpaces()
    }

    /// The headings a task sits under that name a group (`Assess / Medium/High incidents`), outermost first; nil when
    /// only the checklist's own section, horizons or the document's title are above it.
    private var groupName: String? {
        let names = headingStack.filter { heading in
            guard heading.line != titleHeadingLine, !heading.title.isEmpty else { return false }
            let bare = Self.withoutProgress(heading.text)
            if Self.checklistHeadings.contains(bare) || Self.horizonWords.contains(where: { bare.containsLiterally($0) }) { return false }
            if ["immediate", "medium", "long", "short", "immediate success", "short-term success"].contains(bare) { return false }
            return true
        }
        return names.isEmpty ? nil : names.map(\.title).joined(separator: " / ")
    }

    private var phase: Phase {
        for heading in headingStack.reversed() {
            if heading.text.containsLiterally("short") { return .shortTerm }
            if heading.text.containsLiterally("immediate") { return .immediate }
        }
        return .immediate
    }

    /// Everything nested under the item after its first line (commands, sub-bullets), de-indented, without
    /// nested lists made only of task items (those become items of their own).
    private func detailsMarkdown(of item: MarkdownBlock) -> String? {
        guard let first = item.children.first else { return nil }
        let indent = max(0, first.column - 1)
        var keep = Set<Int>()
        for child in item.children.dropFirst() {
            if case .list = child.kind, child.children.allSatisfy({ $0.task != nil }) { continue }
            keep.formUnion(child.lines)
        }
        guard let low = keep.min(), let high = keep.max() else { return nil }
        let body = (low...high).filter { keep.contains($0) || line($0).trimmingSpaces().isEmpty }
            .map { number -> String in
                let text = line(number)
                let spaces = text.prefix { $0 == " " }.count
                return String(text.dropFirst(min(spaces, indent)))
            }
            .joined(separator: "\n").trimmingNewlines()
        return body.isEmpty ? nil : MarkdownEscaping.unescapeBlock(body)
    }
}
