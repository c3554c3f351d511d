import Foundation
import GRDB

/// A record of one table, fetched and persisted by GRDB (PersistableRecord too, unless SQLite assigns its id).
///
/// Records are Codable, as GRDB's recommended practices write them, and their coding keys name the columns.
/// Rows are read and written by hand (`init(row:)`, `encode(to:)`): GRDB's Codable path decodes through
/// Swift's Decoder, whose dynamic casts and generic metadata are a large share of a short command such as
/// `incident render`. Dates are stored as Unix time in UTC, a number, so no date formatter is set up on any
/// command's path.
protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension Row {
    /// A time stored as Unix time.
    func date(_ column: String) throws -> Date { Date(unixTime: try decode(Double.self, forColumn: column)) }
    /// A time stored as Unix time, or NULL.
    func optionalDate(_ column: String) throws -> Date? { try decode(Double?.self, forColumn: column).map(Date.init(unixTime:)) }
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
