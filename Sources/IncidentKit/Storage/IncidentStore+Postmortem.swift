import Foundation
import GRDB

extension IncidentStore {
    /// Adds a lesson learned and returns it with its number.
    public func addLesson(_ number: Int, kind: LessonKind, text: String) throws(IncidentError) -> Lesson {
        try write { db in
            try requireIncident(number, db)
            let next = try nextNumber(in: "lesson", for: number, db)
            try LessonRecord(incidentNumber: number, number: next, kind: kind, text: text).insert(db)
            try touch(number, db)
            try log("added lesson \(next) (\(kind.rawValue)) \"\(text)\"", for: number, db)
            return Lesson(number: next, kind: kind, text: text)
        }
    }

    /// The checklist state at the last posted update, if any.
    public func lastUpdate(of number: Int) throws(IncidentError) -> ChecklistSnapshot? {
        try read { db in
            guard let update = try ChecklistUpdateRecord.filter(Column("incidentNumber") == number).order(Column("id").desc)
                .fetchOne(db) else { return nil }
            let items = try update.request(for: ChecklistUpdateRecord.items).fetchAll(db)
            return ChecklistSnapshot(at: update.at, doneActions: Set(items.filter { $0.itemKind == .action }.map(\.itemNumber)),
                                     metCriteria: Set(items.filter { $0.itemKind == .criterion }.map(\.itemNumber)),
                                     lastTimelineEntryID: update.lastTimelineEntryId)
        }
    }

    /// Records that an update with this checklist state was made: posted to `postedTo` (an issue), or printed.
    public func recordUpdate(_ snapshot: ChecklistSnapshot, for number: Int, postedTo: String? = nil) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            var update = ChecklistUpdateRecord(incidentNumber: number, at: snapshot.at, lastTimelineEntryId: snapshot.lastTimelineEntryID)
            try update.insert(db)
            guard let id = update.id else { throw IncidentError.storageFailure("a checklist update row without an id") }
            for item in snapshot.doneActions.sorted() {
                try ChecklistUpdateItemRecord(updateId: id, itemKind: .action, itemNumber: item).insert(db)
            }
            for item in snapshot.metCriteria.sorted() {
                try ChecklistUpdateItemRecord(updateId: id, itemKind: .criterion, itemNumber: item).insert(db)
            }
            try log(postedTo.map { "posted a checklist update to \($0)" } ?? "printed a checklist update", for: number, db)
        }
    }
}
