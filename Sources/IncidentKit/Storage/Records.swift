import Foundation
import GRDB

// Row decoding for the model types; dates are stored as Unix time in UTC.

extension Date {
    init(unixTime: Double) { self.init(timeIntervalSince1970: unixTime) }
    var unixTime: Double { timeIntervalSince1970 }
}

private func date(_ row: Row, _ column: String) -> Date? {
    (row[column] as Double?).map(Date.init(unixTime:))
}

extension Incident: FetchableRecord {
    public init(row: Row) {
        self.init(number: row["number"], title: row["title"],
                  severity: Severity(rawValue: row["severity"]) ?? .p4,
                  status: Status(rawValue: row["status"]) ?? .investigating,
                  declaredAt: date(row, "declaredAt")!, updatedAt: date(row, "updatedAt"))
        impact = row["impact"]
        summary = row["summary"]
        rootCause = row["rootCause"]
        resolution = row["resolution"]
        closedAt = date(row, "closedAt")
    }
}

extension Why: FetchableRecord {
    public init(row: Row) {
        self.init(number: row["number"], text: row["text"], parent: row["parentNumber"], isRootCause: row["isRootCause"])
    }
}

extension TimelineEntry: FetchableRecord {
    public init(row: Row) {
        let from = (row["fromStatus"] as String?).flatMap(Status.init(rawValue:))
        let to = (row["toStatus"] as String?).flatMap(Status.init(rawValue:))
        self.init(id: row["id"], at: date(row, "at")!, kind: TimelineKind(rawValue: row["kind"]) ?? .note,
                  text: row["text"], isManual: row["isManual"],
                  transition: from.flatMap { from in to.map { StatusTransition(from: from, to: $0) } })
    }
}

extension ActionItem: FetchableRecord {
    public init(row: Row) {
        self.init(number: row["number"], horizon: Horizon(rawValue: row["horizon"]) ?? .immediate, text: row["text"],
                  details: row["details"], owner: row["owner"], due: date(row, "dueAt"),
                  doneAt: date(row, "doneAt"), doneBy: row["doneBy"])
    }
}

extension SuccessCriterion: FetchableRecord {
    public init(row: Row) {
        self.init(number: row["number"], phase: Phase(rawValue: row["phase"]) ?? .immediate, text: row["text"],
                  metAt: date(row, "metAt"), metBy: row["metBy"])
    }
}

extension AffectedService: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], url: row["url"], note: row["note"])
    }
}

extension FreeSection: FetchableRecord {
    public init(row: Row) {
        self.init(title: row["title"], markdown: row["markdown"])
    }
}

extension ChangeLogEntry: FetchableRecord {
    public init(row: Row) {
        self.init(id: row["id"], at: date(row, "at")!, actor: row["actor"], incidentNumber: row["incidentNumber"],
                  change: row["change"])
    }
}

extension Lesson: FetchableRecord {
    public init(row: Row) {
        self.init(number: row["number"], kind: LessonKind(rawValue: row["kind"]) ?? .wentWell, text: row["text"])
    }
}

extension ChecklistSnapshot: FetchableRecord {
    public init(row: Row) {
        func numbers(_ column: String) -> Set<Int> {
            Set((row[column] as String).split(separator: ",").compactMap { Int($0) })
        }
        self.init(at: date(row, "at")!, doneActions: numbers("doneActions"), metCriteria: numbers("metCriteria"),
                  lastTimelineEntryID: row["lastTimelineEntryId"])
    }
}
