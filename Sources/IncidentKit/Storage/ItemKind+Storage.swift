import Foundation
import GRDB

/// Where a checklist item lives and how ticking it is logged: one description for check, uncheck and sync.
extension ItemKind {
    var table: String { self == .criterion ? "criterion" : "actionItem" }
    var doneColumns: (at: String, by: String) { self == .criterion ? ("metAt", "metBy") : ("doneAt", "doneBy") }
    /// The column items are grouped by for progress, and the groups in lifecycle order.
    var group: (column: String, order: [String]) {
        self == .criterion ? ("phase", Phase.allCases.map(\.rawValue)) : ("horizon", Horizon.allCases.map(\.rawValue))
    }

    /// `checked` / `unchecked` for actions, `met` / `unmet` for criteria: the first word of the log line.
    func verb(done: Bool) -> String {
        self == .criterion ? (done ? "met" : "unmet") : (done ? "checked" : "unchecked")
    }
}

extension IncidentStore {
    /// Sets an item's done state, stamped with now and the actor, records the item event and logs it
    /// (with `note` in parentheses).
    func setDone(_ kind: ItemKind, _ item: Int, _ done: Bool, text: String, in number: Int, source: ChangeSource,
                 note: String? = nil, _ db: Database) throws {
        let columns = kind.doneColumns
        let now = clock()
        try db.execute(sql: "UPDATE \(kind.table) SET \(columns.at) = ?, \(columns.by) = ? WHERE incidentNumber = ? AND number = ?",
                       arguments: [done ? now.unixTime : nil, done ? actor : nil, number, item])
        try insertEvent(ItemEvent(kind: kind, number: item, done: done, at: now, actor: actor, source: source), for: number, db)
        try log("\(kind.verb(done: done)) \(kind.rawValue) \(item) \"\(text)\"\(note.map { " (\($0))" } ?? "")", for: number, db)
    }
}
