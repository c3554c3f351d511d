import Foundation
import GRDB

extension IncidentStore {
    /// Every row of every table decoded as its record: a value the code doesn't know (a status edited by
    /// hand to `done`, text where a time belongs) is named with its table and row, never read as a default.
    static func storedValueFindings(_ db: Database) throws -> [StoreFinding] {
        var details: [String] = []
        func scan<Record: StoredRecord>(_ type: Record.Type) throws {
            for row in try Row.fetchAll(db, sql: "SELECT rowid AS rowid, * FROM \(Record.databaseTableName.quotedDatabaseIdentifier)")
            where details.count < 20 {
                do {
                    _ = try Record(row: row)
                } catch {
                    details.append("\(Record.databaseTableName) row \(row["rowid"] ?? "?"): \(Self.describeDecodingError(error))")
                }
            }
        }
        let withRowID: [any StoredRecord.Type] = [IncidentRecord.self, TimelineEntryRecord.self, ChangeLogRecord.self,
                                                  ItemEventRecord.self, ChecklistUpdateRecord.self, GitHubLinkRecord.self,
                                                  PublicUpdateRecord.self, WebhookRecord.self, WebhookDeliveryRecord.self]
        for type in withRowID { try scan(type) }
        // WITHOUT ROWID tables have no rowid: name the row by its key instead.
        for (table, type) in [("label", LabelRecord.self as any StoredRecord.Type), ("assignee", AssigneeRecord.self),
                              ("service", ServiceRecord.self), ("section", SectionRecord.self), ("why", WhyRecord.self),
                              ("actionItem", ActionItemRecord.self), ("criterion", CriterionRecord.self), ("lesson", LessonRecord.self),
                              ("githubSyncedItem", GitHubSyncedItemRecord.self), ("importSource", ImportSourceRecord.self),
                              ("role", RoleRecord.self), ("appliedPlaybook", AppliedPlaybookRecord.self)] {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") where details.count < 20 {
                do {
                    _ = try type.init(row: row)
                } catch {
                    let key = ["incidentNumber", "number", "position", "name"].compactMap { column in
                        row.hasColumn(column) ? "\(column) \(row[column] ?? "NULL")" : nil
                    }.joined(separator: ", ")
                    details.append("\(table) (\(key)): \(Self.describeDecodingError(error))")
                }
            }
        }
        guard !details.isEmpty else { return [] }
        return [StoreFinding(check: "stored values", problem: "\(details.count) row(s) hold values this version can't read",
                             details: details, repair: .restore)]
    }

    /// GRDB's decoding message without the SQL and row dump that follow it.
    static func describeDecodingError(_ error: any Error) -> String {
        let text = String(describing: error)
        return String(text.prefix { $0 != "\n" }).components(separatedBy: " - ").first ?? text
    }
}
