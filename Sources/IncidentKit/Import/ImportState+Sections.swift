import Foundation

extension ImportState {
    /// What no field took is kept: each `##` section (and each `#` one after the first `##`) with text left over becomes
    /// a free section, verbatim; sub-headings left with nothing under them (their items became fields) are dropped.
    mutating func collectFreeSections(_ blocks: [MarkdownBlock]) {
        let headings: [(level: Int, line: Int, block: MarkdownBlock)] = blocks.compactMap { block in
            if case .heading(let level) = block.kind { return (level, block.lines.lowerBound, block) }
            return nil
        }
        let thematicBreaks = Set(blocks.filter { $0.kind == .thematicBreak }.flatMap { Array($0.lines) })
        var removed = Set<Int>()
        // Deepest first, so a heading whose sub-headings all emptied is itself empty.
        for (index, heading) in headings.enumerated().reversed() where heading.level >= 3 {
            let end = headings[(index + 1)...].first { $0.level <= heading.level }?.line ?? lines.count + 1
            let range = (heading.line + 1)..<max(heading.line + 1, end)
            let empty = range.allSatisfy { number in
                consumed.contains(number) || removed.contains(number) || line(number).trimmingSpaces().isEmpty
            }
            // Emptied by fields (its items became the record's): dropped. Empty as written (a template): kept.
            if empty, range.contains(where: { consumed.contains($0) || removed.contains($0) }) { removed.insert(heading.line) }
        }
        // A heading read as a timeline entry (`## Feb 21, 13:00`) is no section: what is left under it stays in the one before.
        let tops = headings.filter { $0.level <= 2 && !consumed.contains($0.line) }
        absorbedSections += headings.filter { $0.level == 2 && consumed.contains($0.line) }
            .map { MarkdownEscaping.unescapeInline(Self.headingTitle($0.block.markdown)) }
        // The `#` heading that gave the title is the header; in a document this tool rendered, every `#` before the
        // first `##` is (its title line).
        let firstSection = tops.first { $0.level == 2 }?.line ?? lines.count + 1
        let h1Lines = isOwnRender ? Set(headings.filter { $0.level == 1 && $0.line < firstSection }.map(\.line))
            : Set([titleHeadingLine].compactMap { $0 })
        // Every other `#` starts a section like a `##`, before the first `##` too: kept inside the notes, it came back
        // from render → import as a `##` of its own, and the document was no fixed point.
        let starts = tops.filter { $0.level == 2 || !h1Lines.contains($0.line) }
        // Before the first section: the document title and rules are the record's header, anything else is kept as notes.
        let preambleEnd = starts.first?.line ?? lines.count + 1
        let preamble = leftover(1..<preambleEnd, skipping: removed.union(h1Lines).union(thematicBreaks))
        if let preamble { incident.sections.append(FreeSection(title: "Notes", markdown: preamble)) }
        for (index, heading) in starts.enumerated() {
            let end = starts[(index + 1)...].first?.line ?? lines.count + 1
            let range = (heading.line + 1)..<end
            let title = MarkdownEscaping.unescapeInline(Self.headingTitle(heading.block.markdown))
            guard let body = leftover(range, skipping: removed) else {
                // A section with nothing under it as written (a template's) survives; one its fields emptied does not.
                if !range.contains(where: { consumed.contains($0) || removed.contains($0) }) {
                    incident.sections.append(FreeSection(title: title.isEmpty ? "Section" : title, markdown: ""))
                } else {
                    absorbedSections.append(title)
                }
                continue
            }
            incident.sections.append(FreeSection(title: title.isEmpty ? "Section" : title, markdown: body))
        }
    }

    /// The lines in `range` no field took, trimmed of blank lines at both ends; nil when nothing is left.
    private func leftover(_ range: Range<Int>, skipping skipped: Set<Int>) -> String? {
        let kept = range.filter { !consumed.contains($0) && !skipped.contains($0) }.map(line)
        let text = kept.joined(separator: "\n").trimmingNewlines()
        guard text.unicodeScalars.contains(where: { !Trimming.isSpaceOrNewline($0) }) else { return nil }
        return MarkdownEscaping.unescapeBlock(text)
    }
}
