import Foundation
import GRDB

/// A record of one table: Codable, fetched and persisted by GRDB (PersistableRecord too, unless SQLite assigns its id), dates stored as Unix time in UTC
/// (a number: no date formatter is set up on any command's path).
protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension StoredRecord {
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSince1970 }
}

// Enumerations are stored by raw value; a value the type doesn't know fails to decode (a storage
// error that `doctor` names), never a silent default.
extension Severity: DatabaseValueConvertible {}
extension Status: DatabaseValueConvertible {}
extension Horizon: DatabaseValueConvertible {}
extension Phase: DatabaseValueConvertible {}
extension TimelineKind: DatabaseValueConvertible {}
extension LessonKind: DatabaseValueConvertible {}
extension ItemKind: DatabaseValueConvertible {}
extension ChangeSource: DatabaseValueConvertible {}

extension Date {
    init(unixTime: Double) { self.init(timeIntervalSince1970: unixTime) }
    var unixTime: Double { timeIntervalSince1970 }
}

// Records whose key the code chooses insert as values; those whose id SQLite assigns
// and that the code reads back (incident, timelineEntry, checklistUpdate) learn it in `didInsert`.
extension LabelRecord: PersistableRecord {}
extension AssigneeRecord: PersistableRecord {}
extension ServiceRecord: PersistableRecord {}
extension SectionRecord: PersistableRecord {}
extension SettingRecord: PersistableRecord {}
extension WhyRecord: PersistableRecord {}
extension ActionItemRecord: PersistableRecord {}
extension CriterionRecord: PersistableRecord {}
extension LessonRecord: PersistableRecord {}
extension ChangeLogRecord: PersistableRecord {}
extension ItemEventRecord: PersistableRecord {}
extension ChecklistUpdateItemRecord: PersistableRecord {}
