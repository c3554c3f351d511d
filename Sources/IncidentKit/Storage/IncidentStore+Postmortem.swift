import Foundation
import GRDB

extension IncidentStore {
    /// Adds a lesson learned and returns it with its number.
    public func addLesson(_ number: Int, kind: LessonKind, text: String) throws(IncidentError) -> Lesson {
        try write { db in
            try requireIncident(number, db)
            let next = try nextNumber(in: "lesson", for: number, db)
            try db.execute(sql: "INSERT INTO lesson (incidentNumber, number, kind, text) VALUES (?, ?, ?, ?)",
                           arguments: [number, next, kind.rawValue, text])
            try touch(number, db)
            try log("added lesson \(next) (\(kind.rawValue)) \"\(text)\"", for: number, db)
            return Lesson(number: next, kind: kind, text: text)
        }
    }

    /// The checklist state at the last posted update, if any.
    public func lastUpdate(of number: Int) throws(IncidentError) -> ChecklistSnapshot? {
        try read { db in
            guard appliedMigrations.contains("v2-lessons-and-updates") else { return nil }
            return try ChecklistSnapshot.fetchOne(db, sql: "SELECT * FROM checklistUpdate WHERE incidentNumber = ? ORDER BY id DESC LIMIT 1",
                                                  arguments: [number])
        }
    }

    /// Records that an update with this checklist state was posted.
    public func recordUpdate(_ snapshot: ChecklistSnapshot, for number: Int) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            try db.execute(sql: """
                INSERT INTO checklistUpdate (incidentNumber, at, doneActions, metCriteria, lastTimelineEntryId) VALUES (?, ?, ?, ?, ?)
                """, arguments: [number, snapshot.at.unixTime, snapshot.doneActions.sorted().map(String.init).joined(separator: ","),
                                 snapshot.metCriteria.sorted().map(String.init).joined(separator: ","), snapshot.lastTimelineEntryID])
            try log("posted a checklist update", for: number, db)
        }
    }
}
