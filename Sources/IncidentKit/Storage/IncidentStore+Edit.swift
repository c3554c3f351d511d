import Foundation
import GRDB

extension IncidentStore {
    /// Edits an action item; returns the changes recorded in the log (empty when it already read so).
    @discardableResult
    public func editAction(_ number: Int, item: Int, _ edit: ItemEdit) throws(IncidentError) -> [String] {
        guard !edit.isEmpty else { throw .nothingToChange(item: .action) }
        return try write { db in
            let incident = try loadIncident(number, db)
            guard let old = incident.actions.first(where: { $0.number == item }) else {
                throw IncidentError.itemOutOfRange(.action, number: item, incident: number, count: incident.actions.count)
            }
            var described: [String] = []
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?, _ text: String) throws {
                try db.execute(sql: "UPDATE actionItem SET \(column) = ? WHERE incidentNumber = ? AND number = ?",
                               arguments: [value, number, item])
                described.append("edited action \(item): \(text)")
            }
            if let text = edit.text, text != old.text { try set("text", text, "text \"\(old.text)\" → \"\(text)\"") }
            if let horizon = edit.horizon, horizon != old.horizon {
                try set("horizon", horizon.rawValue, "horizon \(old.horizon.rawValue) → \(horizon.rawValue)")
            }
            if let owner = edit.owner, owner != old.owner { try set("owner", owner, "owner \(owner.map { "\"\($0)\"" } ?? "cleared")") }
            if let due = edit.due, due != old.due { try set("dueAt", due?.unixTime, "due \(due.map(TimeFormat.utc) ?? "cleared")") }
            if let details = edit.details, details != old.details { try set("details", details, details == nil ? "details cleared" : "details changed") }
            for change in described { try log(change, for: number, db) }
            if !described.isEmpty { try touch(number, db) }
            return described
        }
    }

    /// Edits a success criterion's text or phase; returns the changes recorded in the log.
    @discardableResult
    public func editCriterion(_ number: Int, item: Int, _ edit: ItemEdit) throws(IncidentError) -> [String] {
        guard edit.text != nil || edit.phase != nil else { throw .nothingToChange(item: .criterion) }
        return try write { db in
            let incident = try loadIncident(number, db)
            guard let old = incident.criteria.first(where: { $0.number == item }) else {
                throw IncidentError.itemOutOfRange(.criterion, number: item, incident: number, count: incident.criteria.count)
            }
            var described: [String] = []
            if let text = edit.text, text != old.text {
                try db.execute(sql: "UPDATE criterion SET text = ? WHERE incidentNumber = ? AND number = ?", arguments: [text, number, item])
                described.append("edited criterion \(item): text \"\(old.text)\" → \"\(text)\"")
            }
            if let phase = edit.phase, phase != old.phase {
                try db.execute(sql: "UPDATE criterion SET phase = ? WHERE incidentNumber = ? AND number = ?",
                               arguments: [phase.rawValue, number, item])
                described.append("edited criterion \(item): phase \(old.phase.rawValue) → \(phase.rawValue)")
            }
            for change in described { try log(change, for: number, db) }
            if !described.isEmpty { try touch(number, db) }
            return described
        }
    }
}
