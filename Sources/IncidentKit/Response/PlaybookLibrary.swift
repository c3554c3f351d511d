import Foundation

/// Reads the playbooks in a folder (`incidents/playbooks/` beside the database, or `--playbooks DIR`): every `*.md`
/// but README.md. A broken one is named with its file and line and left out; it never stops the others.
public enum PlaybookLibrary {
    public static func load(folder: String) -> (playbooks: [Playbook], problems: [Playbook.Problem]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.lowercased().hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted()
        var playbooks: [Playbook] = [], problems: [Playbook.Problem] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if let problem = TrustedPath.problem(with: path, in: folder) {
                problems.append(Playbook.Problem(path: path, line: 1, reason: "not read: \(problem) (playbooks are applied as they are; if you trust this folder, add it to INCIDENT_SAFE_DIRECTORIES)"))
                continue
            }
            switch read(path) {
            case .success(let playbook): playbooks.append(playbook)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (playbooks, problems)
    }

    /// One playbook file, or what is wrong with it.
    public static func read(_ path: String) -> Result<Playbook, Playbook.Problem> {
        func problem(_ line: Int, _ reason: String) -> Result<Playbook, Playbook.Problem> {
            .failure(Playbook.Problem(path: path, line: line, reason: reason))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return problem(1, "can't be read as UTF-8 text")
        }
        let lines = SourceLines(Array(text.utf8)).texts
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var severities: [Severity] = [], labels: [String] = [], every: TimeInterval?
        if lines.first?.trimmingSpaces() == "---" {
            guard let matter = FrontMatter(lines) else { return problem(1, "the front matter opened here is never closed with ---") }
            for entry in matter.entries {
                let line = (lines.firstIndex { $0 == entry.raw.first } ?? 0) + 1
                switch entry.key {
                case "severity", "severities":
                    for value in entry.values {
                        guard let severity = try? Severity(parsing: value) else { return problem(line, "unknown severity \"\(value)\"; use P0 … P4") }
                        severities.append(severity)
                    }
                case "labels", "tags": labels = entry.values
                case "update-every", "update_every", "cadence":
                    guard let value = entry.values.first, let seconds = interval(value) else {
                        return problem(line, "update-every \"\(entry.values.first ?? "")\" is not a duration of at most a week; write 30m, 1h or 1h30m")
                    }
                    every = seconds
                default: break
                }
            }
        }
        var importer = IncidentImporter(repairsEncoding: false)
        importer.fileName = path
        guard let document = try? importer.read(text) else { return problem(1, "is empty") }
        let incident = document.incident
        guard !incident.actions.isEmpty || !incident.criteria.isEmpty else {
            return problem(1, "has no task items; write them as - [ ] lines under Immediate / Medium-term / Long-term or Success criteria headings")
        }
        return .success(Playbook(name: name, path: path, title: document.incident.title, severities: severities, labels: labels,
                                 updateEvery: every, actions: incident.actions, criteria: incident.criteria, markdown: text))
    }

    /// `30m`, `1h`, `1h30m`, `45 min`, `90` (minutes).
    static func interval(_ text: String) -> TimeInterval? {
        let compact = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "min", with: "m")
            .replacingOccurrences(of: "hours", with: "h").replacingOccurrences(of: "hour", with: "h")
        // A cadence longer than a week is no update cadence; the bound also keeps the arithmetic from overflowing.
        let week = 7 * 86_400
        if let minutes = Int(compact), minutes > 0 { return minutes <= week / 60 ? TimeInterval(minutes * 60) : nil }
        var total = 0, digits = ""
        for character in compact {
            if character.isNumber { digits.append(character); continue }
            guard let value = Int(digits), value <= week else { return nil }
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            guard total <= week else { return nil }
            digits = ""
        }
        return digits.isEmpty && total > 0 ? TimeInterval(total) : nil
    }
}
