import Foundation
import GRDB

extension IncidentStore {
    /// Declares a new incident, records its `declared` entry and makes it the current incident.
    public func declare(_ draft: IncidentDraft) throws(IncidentError) -> Incident {
        let now = clock()
        let declared = TimelineEntry(at: draft.declaredAt, kind: .declared,
                                     text: "Declared \(draft.severity.label): \(draft.title)", isManual: false)
        let (number, entryID) = try write { db -> (Int, Int64) in
            var header = Incident(number: 0, title: draft.title, severity: draft.severity, declaredAt: draft.declaredAt)
            header.type = draft.type
            header.impact = draft.impact
            header.summary = draft.summary
            header.isPublic = draft.isPublic
            header.publicTitle = draft.publicTitle
            let number = try insertIncident(header, db)
            try insertNames(draft.labels, into: .label, for: number, db)
            try insertNames(draft.assignees, into: .assignee, for: number, db)
            try insertServices(draft.services, for: number, db)
            let entryID = try insertTimelineEntry(declared, for: number, db)
            try setCurrent(number, db)
            try log("declared \(draft.severity.label) \"\(draft.title)\"" + (draft.type.map { " of type \($0)" } ?? ""), for: number, db)
            if draft.isPublic { try log("shown on the status page" + (draft.publicTitle.map { " as \"\($0)\"" } ?? ""), for: number, db) }
            return (number, entryID)
        }
        // Built from what was written rather than read back: `new` is on the hot path.
        var incident = Incident(number: number, title: draft.title, severity: draft.severity, declaredAt: draft.declaredAt,
                                updatedAt: now)
        incident.type = draft.type
        incident.labels = draft.labels.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        incident.assignees = draft.assignees.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        incident.services = draft.services
        incident.impact = draft.impact
        incident.summary = draft.summary
        incident.isPublic = draft.isPublic
        incident.publicTitle = draft.publicTitle
        incident.timeline = [TimelineEntry(id: entryID, at: declared.at, kind: declared.kind, text: declared.text, isManual: false)]
        return incident
    }

    /// The whole record of incident `number`.
    public func incident(_ number: Int) throws(IncidentError) -> Incident {
        try read { db in try loadIncident(number, db) }
    }

    /// Incidents, newest first, of `status`, `severity` and `type` when given; closed and cancelled ones only when
    /// `includeEnded` is set.
    /// `headersOnly` reads each incident's own row and its GitHub link, not its lists: what `list` prints, at the
    /// same cost whatever each incident holds.
    public func incidents(includeEnded: Bool = false, status: Status? = nil, severity: Severity? = nil, type: IncidentType? = nil,
                          headersOnly: Bool = false) throws(IncidentError) -> [Incident] {
        try read { db in
            guard hasSchema else { return [] }
            let headers = try IncidentRecord.listed(includeEnded: includeEnded, status: status, severity: severity, type: type).fetchAll(db)
            guard headersOnly else { return try headers.map { try loadChildren(of: $0.model(), db) } }
            return try headers.map { record in
                var incident = try record.model()
                incident.github = try GitHubLinkRecord.fetchOne(db, sql: "SELECT * FROM githubLink WHERE incidentNumber = ?",
                                                                 arguments: [incident.number])?.model
                return incident
            }
        }
    }

    /// The incident commands use when no reference is given, if one was chosen.
    public func currentIncidentNumber() throws(IncidentError) -> Int? {
        try read { db in
            guard hasSchema else { return nil }
            return try SettingRecord.fetchOne(db, sql: "SELECT * FROM setting WHERE key = 'current'").flatMap { Int($0.value) }
        }
    }

    /// The number `reference` names, or the current incident's; throws when there is none.
    public func resolve(_ reference: Int?) throws(IncidentError) -> Int {
        let number: Int
        if let reference {
            number = reference
        } else if let current = try currentIncidentNumber() {
            number = current
        } else {
            throw .noCurrentIncident
        }
        let exists = try read { db in
            try hasSchema && Self.incidentExists(number, db)
        }
        guard exists else { throw reference == nil ? .noCurrentIncident : .unknownIncident(number) }
        return number
    }

    /// Makes `number` the incident that commands use when no reference is given.
    public func use(_ number: Int) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            try setCurrent(number, db)
        }
    }

    /// Applies field edits to an incident; returns the change descriptions recorded in the log.
    @discardableResult
    public func update(_ number: Int, with changes: IncidentChanges) throws(IncidentError) -> [String] {
        guard !changes.isEmpty else { throw .nothingToChange(item: nil) }
        return try write { db in
            let old = try loadIncident(number, db)
            var described: [String] = []
            func set(_ field: IncidentField, _ value: (any DatabaseValueConvertible)?, _ text: String) throws {
                try IncidentRecord.filter(key: number).updateAll(db, Column(field.column).set(to: value))
                described.append(text)
            }
            // Empty text clears a Markdown field.
            func setText(_ field: IncidentField, _ new: String?, _ current: String?, _ name: String) throws {
                guard let new, (new.isEmpty ? nil : new) != current else { return }
                try set(field, new.isEmpty ? nil : new, new.isEmpty ? "cleared \(name)" : "set \(name) to \"\(new)\"")
            }
            for field in IncidentField.allCases {
                switch field {
                case .title:
                    if let title = changes.title, title != old.title { try set(field, title, "set title to \"\(title)\"") }
                case .severity:
                    if let severity = changes.severity, severity != old.severity {
                        try set(field, severity, "set severity \(old.severity.label) → \(severity.label)")
                    }
                case .type:
                    if let type = changes.type, type != old.type {
                        let text = type.map { new in old.type.map { "set type \($0) → \(new)" } ?? "set type to \(new)" } ?? "cleared type"
                        try set(field, type?.word, text)
                    }
                case .impact: try setText(field, changes.impact, old.impact, "impact")
                case .summary: try setText(field, changes.summary, old.summary, "summary")
                case .rootCause: try setText(field, changes.rootCause, old.rootCause, "root cause")
                case .resolution: try setText(field, changes.resolution, old.resolution, "resolution")
                case .isPublic:
                    if let isPublic = changes.isPublic, isPublic != old.isPublic {
                        try set(field, isPublic, isPublic ? "shown on the status page" : "taken off the status page")
                    }
                case .publicTitle:
                    if let title = changes.publicTitle, (title.isEmpty ? nil : title) != old.publicTitle {
                        try set(field, title.isEmpty ? nil : title, title.isEmpty ? "cleared public title" : "set public title to \"\(title)\"")
                    }
                // Changed by commands of their own (status, close, reopen, playbook apply), which record what they did.
                case .status, .declaredAt, .closedAt, .updateEvery: break
                }
            }
            described += try editNames(in: .label, for: number, current: old.labels,
                                       adding: changes.addLabels, removing: changes.removeLabels, db)
            described += try editNames(in: .assignee, for: number, current: old.assignees,
                                       adding: changes.addAssignees, removing: changes.removeAssignees, db)
            described += try editServices(for: number, current: old.services, adding: changes.addServices,
                                          removing: changes.removeServices, db)
            for change in described { try log(change, for: number, db) }
            if !described.isEmpty { try touch(number, db) }
            return described
        }
    }
}

// Helpers shared by the store's write methods; each runs inside the caller's transaction.
extension IncidentStore {
    func requireIncident(_ number: Int, _ db: Database) throws {
        guard try Self.incidentExists(number, db) else { throw IncidentError.unknownIncident(number) }
    }

    func loadIncident(_ number: Int, _ db: Database) throws -> Incident {
        guard hasSchema, let header = try IncidentRecord.fetchOne(db, sql: "SELECT * FROM incident WHERE number = ?", arguments: [number])
        else { throw IncidentError.unknownIncident(number) }
        return try loadChildren(of: header.model(), db)
    }

    func loadChildren(of header: Incident, _ db: Database) throws -> Incident {
        var incident = header
        let number = header.number
        // The three lists of names in one statement: each statement costs every command its preparation.
        (incident.labels, incident.assignees, incident.playbooks) = ([], [], [])
        let names = try Row.fetchCursor(db, sql: """
            SELECT 0, position, name FROM label WHERE incidentNumber = ?1
            UNION ALL SELECT 1, position, name FROM assignee WHERE incidentNumber = ?1
            UNION ALL SELECT 2, appliedAt, name FROM appliedPlaybook WHERE incidentNumber = ?1
            ORDER BY 1, 2
            """, arguments: [number])
        while let row = try names.next() {
            switch row[0] as Int {
            case 0: incident.labels.append(row[2])
            case 1: incident.assignees.append(row[2])
            default: incident.playbooks.append(row[2])
            }
        }
        incident.services = try ServiceRecord.fetchAll(of: number, db).map(\.model)
        incident.sections = try SectionRecord.fetchAll(of: number, db).map(\.model)
        incident.whys = try WhyRecord.fetchAll(of: number, db).map(\.model)
        incident.timeline = try TimelineEntryRecord.fetchAll(of: number, db).map(\.model)
        incident.actions = try ActionItemRecord.fetchAll(of: number, db).map(\.model)
        incident.criteria = try CriterionRecord.fetchAll(of: number, db).map(\.model)
        incident.lessons = try LessonRecord.fetchAll(of: number, db).map(\.model)
        incident.roles = Role.sorted(try RoleRecord.fetchAll(of: number, db).map(\.model))
        incident.publicUpdates = try PublicUpdateRecord.fetchAll(of: number, db).map(\.model)
        incident.github = try GitHubLinkRecord.fetchOne(db, sql: "SELECT * FROM githubLink WHERE incidentNumber = ?", arguments: [number])?.model
        if let repo = incident.github?.repo { incident.github?.visibility = try Self.visibility(of: repo, db) }
        return incident
    }

    func setCurrent(_ number: Int, _ db: Database) throws {
        try SettingRecord.store("current", String(number), db)
    }

    func touch(_ number: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE incident SET updatedAt = ? WHERE number = ?", arguments: [clock().unixTime, number])
    }

    static func incidentExists(_ number: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE number = ?", arguments: [number]) == true
    }

    private func editNames(in table: NameTable, for number: Int, current: [String],
                           adding: [String], removing: [String], _ db: Database) throws -> [String] {
        var described: [String] = []
        for name in removing where current.contains(name) {
            switch table {
            case .label: _ = try LabelRecord.deleteOne(db, key: ["incidentNumber": number, "name": name])
            case .assignee: _ = try AssigneeRecord.deleteOne(db, key: ["incidentNumber": number, "name": name])
            }
            described.append("removed \(table.rawValue) \"\(name)\"")
        }
        let added = adding.filter { !current.contains($0) || removing.contains($0) }
        try insertNames(added, into: table, for: number, db)
        described += added.map { "added \(table.rawValue) \"\($0)\"" }
        return described
    }

    private func editServices(for number: Int, current: [AffectedService], adding: [AffectedService],
                              removing: [String], _ db: Database) throws -> [String] {
        var described: [String] = []
        for name in removing where current.contains(where: { $0.name == name }) {
            _ = try ServiceRecord.deleteOne(db, key: ["incidentNumber": number, "name": name])
            described.append("removed service \"\(name)\"")
        }
        let changed = adding.filter { !current.contains($0) }
        try insertServices(changed, for: number, db)
        described += changed.map { "added service \"\($0.name)\"" }
        return described
    }
}
