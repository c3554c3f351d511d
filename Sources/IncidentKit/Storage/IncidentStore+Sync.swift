import Foundation
import GRDB

extension IncidentStore {
    /// The items ticked or unticked here after `date`, as `action:3` / `criterion:2` (from the change log).
    public func itemsChanged(in number: Int, since date: Date) throws(IncidentError) -> Swift.Set<String> {
        // The first two words of the lines `setDone` writes: "checked action 3 …", "unmet criterion 2 …".
        let patterns = [ItemKind.action, .criterion].flatMap { kind in [true, false].map { "\(kind.verb(done: $0)) \(kind.rawValue) %" } }
        let changes = try read { db in
            try String.fetchAll(db, sql: """
                SELECT change FROM changeLog WHERE incidentNumber = ? AND at > ?
                AND (\(patterns.map { _ in "change LIKE ?" }.joined(separator: " OR ")))
                """, arguments: StatementArguments([number, date.unixTime] as [any DatabaseValueConvertible]) + StatementArguments(patterns))
        }
        return Swift.Set(changes.compactMap { change -> String? in
            let words = change.split(separator: " ", maxSplits: 3)
            guard words.count >= 3, let item = Int(words[2]) else { return nil }
            return "\(words[1]):\(item)"
        })
    }

    /// Applies a sync plan's box changes and, when given, adds new task lines as items, in one transaction.
    public func applySync(_ plan: SyncPlan, adding newTasks: [TaskLine], to number: Int, from source: String) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            let now = clock().unixTime
            for change in plan.changes {
                try setDone(change.kind, change.number, change.done, text: change.text, in: number, note: "from sync of \(source)", db)
            }
            for task in newTasks {
                let table = task.kind == .criterion ? "criterion" : "actionItem"
                let next = try nextNumber(in: table, for: number, db)
                if task.kind == .criterion {
                    try db.execute(sql: "INSERT INTO criterion (incidentNumber, number, phase, text, metAt, metBy) VALUES (?, ?, 'immediate', ?, ?, ?)",
                                   arguments: [number, next, task.text, task.checked ? now : nil, task.checked ? actor : nil])
                } else {
                    try db.execute(sql: """
                        INSERT INTO actionItem (incidentNumber, number, horizon, text, doneAt, doneBy) VALUES (?, ?, 'immediate', ?, ?, ?)
                        """, arguments: [number, next, task.text, task.checked ? now : nil, task.checked ? actor : nil])
                }
                try log("added \(task.kind.rawValue) \(next) \"\(task.text)\" (new in sync of \(source))", for: number, db)
            }
            if !plan.changes.isEmpty || !newTasks.isEmpty { try touch(number, db) }
        }
    }
}
