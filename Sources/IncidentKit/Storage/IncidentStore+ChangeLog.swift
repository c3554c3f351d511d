import Foundation
import GRDB

extension IncidentStore {
    /// The change history, oldest first: of one incident, or of every incident when `number` is nil.
    public func changeLog(for number: Int?) throws(IncidentError) -> [ChangeLogEntry] {
        try read { db in
            guard hasSchema else { return [] }
            if let number {
                return try ChangeLogEntry.fetchAll(db, sql: "SELECT * FROM changeLog WHERE incidentNumber = ? ORDER BY id",
                                                   arguments: [number])
            }
            return try ChangeLogEntry.fetchAll(db, sql: "SELECT * FROM changeLog ORDER BY id")
        }
    }

    /// Appends one line to the change log, inside the caller's transaction.
    func log(_ change: String, for number: Int?, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO changeLog (at, actor, incidentNumber, change) VALUES (?, ?, ?, ?)",
                       arguments: [clock().unixTime, actor, number, change])
    }
}
