import Foundation

extension ImportState {
    /// Front matter: title, date, severity or priority, type, status, labels or tags, assignees or owner. It is never
    /// a heading; keys it doesn't know are kept, as written, in a free section.
    mutating func readFrontMatter() {
        guard let matter = FrontMatter(lines) else { return }
        consume(matter.lines)
        parseSource = lines.enumerated().map { matter.lines.contains($0.offset + 1) ? "" : $0.element }.joined(separator: "\n")
        var unknown: [String] = []
        let hasTitle = matter.entries.contains { $0.key == "title" && !$0.values.joined().isEmpty }
        for entry in matter.entries {
            let value = entry.values.joined(separator: ", ")
            switch entry.key {
            case "title" where !value.isEmpty: frontMatterTitle = TextRepair.decodeEntities(value)
            // An issue template's name ("Incident response") is its title when it gives no issue title; else it is kept.
            case "name" where !value.isEmpty && !hasTitle: frontMatterName = TextRepair.decodeEntities(value)
            case "date", "created", "started":
                if let day = WrittenTime.date(in: value) { context.documentDate = context.documentDate ?? day } else { unknown += entry.raw }
            case "severity", "priority", "sev":
                if let found = ImportText.severity(in: value) { severity = (found.0, "front matter \(entry.key): \(found.1)") } else { unknown += entry.raw }
            case "type":
                if let found = IncidentType(reading: value) { type = (found, "front matter type") } else { unknown += entry.raw }
            case "status":
                if let status = Status(rawValue: value.lowercased()) { incident.status = status } else { unknown += entry.raw }
            case "labels", "tags", "label":
                incident.labels += entry.values.filter { !incident.labels.contains($0) }
            case "assignees", "assignee", "owner", "owners":
                incident.assignees += entry.values.filter { !incident.assignees.contains($0) }
            default:
                unknown += entry.raw
            }
        }
        if severity == nil, let found = incident.labels.lazy.compactMap(ImportText.severity(in:)).first { severity = (found.0, "label \(found.1)") }
        if !unknown.isEmpty {
            incident.sections.append(FreeSection(title: "Front matter", markdown: "```yaml\n" + unknown.joined(separator: "\n") + "\n```"))
        }
    }

    /// The title and where it came from: `--title` (the issue's own), front matter (`title`, else an issue template's
    /// `name`), a title line, the first heading of any level, the file name, and last the first line of text.
    func chooseTitle() -> (String, TitleSource) {
        let candidates: [(String?, TitleSource)] = [
            (importer.title, .option), (frontMatterTitle, .frontMatter), (frontMatterName, .frontMatter), (title, .titleLine),
            (headingTitle, .heading), (Self.fileTitle(importer.fileName)?.title, .fileName),
        ]
        for (candidate, source) in candidates {
            if let found = candidate?.trimmingSpaces(), !found.isEmpty { return (found, source) }
        }
        let first = lines.lazy.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t#*>-_`[]")) }.first { !$0.isEmpty } ?? "Untitled"
        return (String(first.prefix(120)), .firstLine)
    }

    /// `2019-07-02-disk-full.md` → ("disk full", 2019-07-02); `07-outage_report.md` → ("outage report", nil);
    /// `db-outage-2019-05-30.md` → ("db outage 2019 05 30", 2019-05-30).
    static func fileTitle(_ path: String?) -> (title: String, date: (Int, Int, Int)?)? {
        guard let path else { return nil }
        var name = Substring((path as NSString).lastPathComponent)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        var date: (Int, Int, Int)?
        if let day = TimelineContext.date(in: String(name.prefix(10))), name.count >= 10 {
            date = day
            name = name.dropFirst(10)
        } else {
            // `postmortem-2019-05-30.md`: the date may close the name; it stays in the title.
            date = WrittenTime.date(in: String(name))
            if let dash = name.firstIndex(where: { !$0.isNumber }), dash != name.startIndex, "-_ ".contains(name[dash]) {
                name = name[name.index(after: dash)...]
            }
        }
        let title = name.map { "-_".contains($0) ? " " : String($0) }.joined().split(separator: " ").joined(separator: " ")
        return title.isEmpty ? nil : (title, date)
    }
}
