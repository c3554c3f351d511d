import Foundation
import GRDB

extension IncidentStore {
    /// The change history, oldest first: of one incident, or of every incident when `number` is nil.
    public func changeLog(for number: Int?) throws(IncidentError) -> [ChangeLogEntry] {
        try read { db in
            guard hasSchema else { return [] }
            let request = number.map { ChangeLogRecord.filter(Column("incidentNumber") == $0) } ?? ChangeLogRecord.all()
            return try request.order(Column("id")).fetchAll(db).map(\.model)
        }
    }

    /// `name` as the change log records it (trimmed), or why it can't be: it names who wrote each change.
    static func actorName(_ name: String) throws(IncidentError) -> String {
        do {
            return try TextRules.line(name, field: "name")
        } catch {
            switch error {
            case .emptyText: throw .invalidActorName(reason: "is empty")
            case .multilineText: throw .invalidActorName(reason: "must be one line")
            case .invalidText(_, let reason): throw .invalidActorName(reason: reason)
            default: throw error
            }
        }
    }

    /// Appends one line to the change log, inside the caller's transaction.
    func log(_ change: String, for number: Int?, _ db: Database) throws {
        // Plain SQL: a record's `insert` first asks SQLite for the table's columns and primary key, and every
        // command that changes something logs.
        try db.cachedStatement(sql: "INSERT INTO changeLog (at, actor, incidentNumber, change) VALUES (?, ?, ?, ?)")
            .execute(arguments: [clock().unixTime, actor, number, change])
    }
}
