import Foundation
import GRDB

extension IncidentStore {
    /// Declares a new incident, records its `declared` entry and makes it the current incident.
    public func declare(_ draft: IncidentDraft) throws(IncidentError) -> Incident {
        let now = clock()
        let declared = TimelineEntry(at: draft.declaredAt, kind: .declared,
                                     text: "Declared \(draft.severity.label): \(draft.title)", isManual: false)
        let (number, entryID) = try write { db -> (Int, Int64) in
            try db.execute(sql: """
                INSERT INTO incident (title, severity, status, impact, summary, declaredAt, updatedAt)
                VALUES (?, ?, 'investigating', ?, ?, ?, ?)
                """, arguments: [draft.title, draft.severity.rawValue, draft.impact, draft.summary,
                                 draft.declaredAt.unixTime, now.unixTime])
            let number = Int(db.lastInsertedRowID)
            try insertNames(draft.labels, into: "label", for: number, db)
            try insertNames(draft.assignees, into: "assignee", for: number, db)
            try insertServices(draft.services, for: number, db)
            let entryID = try insertTimelineEntry(declared, for: number, db)
            try setCurrent(number, db)
            try log("declared \(draft.severity.label) \"\(draft.title)\"", for: number, db)
            return (number, entryID)
        }
        // Built from what was written rather than read back: `new` is on the hot path.
        var incident = Incident(number: number, title: draft.title, severity: draft.severity, declaredAt: draft.declaredAt,
                                updatedAt: now)
        incident.labels = draft.labels.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        incident.assignees = draft.assignees.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        incident.services = draft.services
        incident.impact = draft.impact
        incident.summary = draft.summary
        incident.timeline = [TimelineEntry(id: entryID, at: declared.at, kind: declared.kind, text: declared.text, isManual: false)]
        return incident
    }

    /// The whole record of incident `number`.
    public func incident(_ number: Int) throws(IncidentError) -> Incident {
        try read { db in try loadIncident(number, db) }
    }

    /// Incidents, newest first; closed and cancelled ones only when `includeEnded` is set.
    public func incidents(includeEnded: Bool = false, status: Status? = nil,
                          severity: Severity? = nil) throws(IncidentError) -> [Incident] {
        try read { db in
            guard hasSchema else { return [] }
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let status {
                conditions.append("status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            } else if !includeEnded {
                conditions.append("status NOT IN ('closed', 'cancelled')")
            }
            if let severity {
                conditions.append("severity = ?")
                _ = arguments.append(contentsOf: [severity.rawValue])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let headers = try Incident.fetchAll(db, sql: "SELECT * FROM incident \(filter) ORDER BY number DESC",
                                                arguments: arguments)
            return try headers.map { try loadChildren(of: $0, db) }
        }
    }

    /// The incident commands use when no reference is given, if one was chosen.
    public func currentIncidentNumber() throws(IncidentError) -> Int? {
        try read { db in
            guard hasSchema else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'current'").flatMap { Int($0) }
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
            try hasSchema
                && Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE number = ?", arguments: [number]) == true
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
        guard !changes.isEmpty else { throw .nothingToChange(command: "set") }
        return try write { db in
            let old = try loadIncident(number, db)
            var described: [String] = []
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?, _ text: String) throws {
                try db.execute(sql: "UPDATE incident SET \(column) = ? WHERE number = ?", arguments: [value, number])
                described.append(text)
            }
            if let title = changes.title, title != old.title { try set("title", title, "set title to \"\(title)\"") }
            if let severity = changes.severity, severity != old.severity {
                try set("severity", severity.rawValue, "set severity \(old.severity.label) → \(severity.label)")
            }
            let fields: [(String, String?, String?, String)] = [
                ("impact", changes.impact, old.impact, "impact"), ("summary", changes.summary, old.summary, "summary"),
                ("rootCause", changes.rootCause, old.rootCause, "root cause"),
                ("resolution", changes.resolution, old.resolution, "resolution"),
            ]
            for (column, new, current, name) in fields {
                // Empty text clears the field.
                guard let new, (new.isEmpty ? nil : new) != current else { continue }
                try set(column, new.isEmpty ? nil : new, new.isEmpty ? "cleared \(name)" : "set \(name) to \"\(new)\"")
            }
            described += try editNames(in: "label", noun: "label", for: number, current: old.labels,
                                       adding: changes.addLabels, removing: changes.removeLabels, db)
            described += try editNames(in: "assignee", noun: "assignee", for: number, current: old.assignees,
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
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE number = ?", arguments: [number]) == true else {
            throw IncidentError.unknownIncident(number)
        }
    }

    func loadIncident(_ number: Int, _ db: Database) throws -> Incident {
        guard hasSchema,
              let header = try Incident.fetchOne(db, sql: "SELECT * FROM incident WHERE number = ?", arguments: [number])
        else { throw IncidentError.unknownIncident(number) }
        return try loadChildren(of: header, db)
    }

    func loadChildren(of header: Incident, _ db: Database) throws -> Incident {
        var incident = header
        let key: StatementArguments = [header.number]
        incident.labels = try String.fetchAll(db, sql: "SELECT name FROM label WHERE incidentNumber = ? ORDER BY position", arguments: key)
        incident.assignees = try String.fetchAll(db, sql: "SELECT name FROM assignee WHERE incidentNumber = ? ORDER BY position", arguments: key)
        incident.services = try AffectedService.fetchAll(db, sql: "SELECT * FROM service WHERE incidentNumber = ? ORDER BY position", arguments: key)
        incident.sections = try FreeSection.fetchAll(db, sql: "SELECT * FROM section WHERE incidentNumber = ? ORDER BY position", arguments: key)
        incident.whys = try Why.fetchAll(db, sql: "SELECT * FROM why WHERE incidentNumber = ? ORDER BY number", arguments: key)
        incident.timeline = try TimelineEntry.fetchAll(db, sql: "SELECT * FROM timelineEntry WHERE incidentNumber = ? ORDER BY at, id", arguments: key)
        incident.actions = try ActionItem.fetchAll(db, sql: "SELECT * FROM actionItem WHERE incidentNumber = ? ORDER BY number", arguments: key)
        incident.criteria = try SuccessCriterion.fetchAll(db, sql: "SELECT * FROM criterion WHERE incidentNumber = ? ORDER BY number", arguments: key)
        if appliedMigrations.contains("v2-lessons-and-updates") {
            incident.lessons = try Lesson.fetchAll(db, sql: "SELECT * FROM lesson WHERE incidentNumber = ? ORDER BY number", arguments: key)
        }
        return incident
    }

    /// The number the next row of `table` gets within incident `number` (1 for the first).
    func nextNumber(in table: String, column: String = "number", for number: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(\(column)), 0) + 1 FROM \(table) WHERE incidentNumber = ?", arguments: [number]) ?? 1
    }

    func setCurrent(_ number: Int, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('current', ?)", arguments: [String(number)])
    }

    func touch(_ number: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE incident SET updatedAt = ? WHERE number = ?", arguments: [clock().unixTime, number])
    }

    func insertNames(_ names: [String], into table: String, for number: Int, _ db: Database) throws {
        var position = try nextNumber(in: table, column: "position", for: number, db) - 1
        for name in names {
            position += 1
            try db.execute(sql: "INSERT OR IGNORE INTO \(table) (incidentNumber, position, name) VALUES (?, ?, ?)",
                           arguments: [number, position, name])
        }
    }

    func insertServices(_ services: [AffectedService], for number: Int, _ db: Database) throws {
        var position = try nextNumber(in: "service", column: "position", for: number, db) - 1
        for service in services {
            position += 1
            try db.execute(sql: """
                INSERT INTO service (incidentNumber, position, name, url, note) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (incidentNumber, name) DO UPDATE SET url = excluded.url, note = excluded.note
                """, arguments: [number, position, service.name, service.url, service.note])
        }
    }

    private func editNames(in table: String, noun: String, for number: Int, current: [String],
                           adding: [String], removing: [String], _ db: Database) throws -> [String] {
        var described: [String] = []
        for name in removing where current.contains(name) {
            try db.execute(sql: "DELETE FROM \(table) WHERE incidentNumber = ? AND name = ?", arguments: [number, name])
            described.append("removed \(noun) \"\(name)\"")
        }
        let added = adding.filter { !current.contains($0) || removing.contains($0) }
        try insertNames(added, into: table, for: number, db)
        described += added.map { "added \(noun) \"\($0)\"" }
        return described
    }

    private func editServices(for number: Int, current: [AffectedService], adding: [AffectedService],
                              removing: [String], _ db: Database) throws -> [String] {
        var described: [String] = []
        for name in removing where current.contains(where: { $0.name == name }) {
            try db.execute(sql: "DELETE FROM service WHERE incidentNumber = ? AND name = ?", arguments: [number, name])
            described.append("removed service \"\(name)\"")
        }
        let changed = adding.filter { !current.contains($0) }
        try insertServices(changed, for: number, db)
        described += changed.map { "added service \"\($0.name)\"" }
        return described
    }
}
