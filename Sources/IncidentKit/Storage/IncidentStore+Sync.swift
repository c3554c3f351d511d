import Foundation
import GRDB

extension IncidentStore {
    /// The items ticked or unticked here after `date`, from the item events (any source).
    public func itemsChanged(in number: Int, since date: Date) throws(IncidentError) -> Set<ItemKey> {
        try read { db in
            let events = try ItemEventRecord.filter(ItemEventRecord.Columns.incidentNumber == number && ItemEventRecord.Columns.at > date.unixTime)
                .fetchAll(db)
            return Set(events.map { ItemKey($0.itemKind, $0.itemNumber) })
        }
    }

    /// The ticks and unticks of incident `number`, oldest first.
    public func itemEvents(of number: Int) throws(IncidentError) -> [ItemEvent] {
        try read { db in
            try ItemEventRecord.filter(ItemEventRecord.Columns.incidentNumber == number).order(Column("id")).fetchAll(db).map(\.model)
        }
    }

    /// Applies a sync plan's box changes and, when given, adds new task lines as items, in one transaction.
    public func applySync(_ plan: SyncPlan, adding newTasks: [TaskLine], to number: Int, from source: String) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            let now = clock()
            for change in plan.changes {
                try setDone(change.kind, change.number, change.done, text: change.text, in: number, source: .sync,
                            note: "from sync of \(source)", db)
            }
            for task in newTasks {
                let next: Int
                if task.kind == .criterion {
                    next = try nextNumber(in: "criterion", for: number, db)
                    try insertCriterion(SuccessCriterion(number: next, phase: .immediate, text: task.text, metAt: task.checked ? now : nil,
                                                         metBy: task.checked ? actor : nil), for: number, source: .sync, db)
                } else {
                    next = try nextNumber(in: "actionItem", for: number, db)
                    try insertAction(ActionItem(number: next, horizon: .immediate, text: task.text, doneAt: task.checked ? now : nil,
                                                doneBy: task.checked ? actor : nil), for: number, source: .sync, db)
                }
                try log("added \(task.kind.rawValue) \(next) \"\(task.text)\" (new in sync of \(source))", for: number, db)
            }
            if !plan.changes.isEmpty || !newTasks.isEmpty { try touch(number, db) }
        }
    }
}
