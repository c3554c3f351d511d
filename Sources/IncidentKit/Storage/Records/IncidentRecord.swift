import Foundation
import GRDB

/// A row of `incident`: the header of a record, without its lists.
struct IncidentRecord: StoredRecord {
    static let databaseTableName = "incident"
    enum Columns {
        static let number = Column(CodingKeys.number)
        static let severity = Column(CodingKeys.severity)
        static let type = Column(CodingKeys.type)
        static let status = Column(CodingKeys.status)
        static let declaredAt = Column(CodingKeys.declaredAt)
    }

    /// Nil until inserted; SQLite assigns it.
    var number: Int?
    var title: String
    var severity: Severity
    /// The type's word (stored as text, so no Codable conformance of `IncidentType` is added to every command's start-up).
    var type: String?
    var status: Status
    var impact: String?
    var summary: String?
    var rootCause: String?
    var resolution: String?
    var declaredAt: Date
    var updatedAt: Date
    var closedAt: Date?
    var closedForced: Bool
    var updateEverySeconds: Int?
    var isPublic: Bool
    var publicTitle: String?

    init(_ incident: Incident, updatedAt: Date) {
        title = incident.title
        severity = incident.severity
        type = incident.type?.word
        status = incident.status
        impact = incident.impact
        summary = incident.summary
        rootCause = incident.rootCause
        resolution = incident.resolution
        declaredAt = incident.declaredAt
        self.updatedAt = updatedAt
        closedAt = incident.closedAt
        closedForced = false
        updateEverySeconds = incident.updateEvery.map { Int($0) }
        isPublic = incident.isPublic
        publicTitle = incident.publicTitle
    }

    init(row: Row) throws {
        number = try row.decode(forColumn: "number")
        title = try row.decode(forColumn: "title")
        severity = try row.decode(forColumn: "severity")
        type = try row.decode(forColumn: "type")
        status = try row.decode(forColumn: "status")
        impact = try row.decode(forColumn: "impact")
        summary = try row.decode(forColumn: "summary")
        rootCause = try row.decode(forColumn: "rootCause")
        resolution = try row.decode(forColumn: "resolution")
        declaredAt = try row.date("declaredAt")
        updatedAt = try row.date("updatedAt")
        closedAt = try row.optionalDate("closedAt")
        closedForced = try row.decode(forColumn: "closedForced")
        updateEverySeconds = try row.decode(forColumn: "updateEverySeconds")
        isPublic = try row.decode(forColumn: "isPublic")
        publicTitle = try row.decode(forColumn: "publicTitle")
    }

    func encode(to container: inout PersistenceContainer) {
        container["number"] = number
        container["title"] = title
        container["severity"] = severity
        container["type"] = type
        container["status"] = status
        container["impact"] = impact
        container["summary"] = summary
        container["rootCause"] = rootCause
        container["resolution"] = resolution
        container["declaredAt"] = declaredAt.unixTime
        container["updatedAt"] = updatedAt.unixTime
        container["closedAt"] = closedAt?.unixTime
        container["closedForced"] = closedForced
        container["updateEverySeconds"] = updateEverySeconds
        container["isPublic"] = isPublic
        container["publicTitle"] = publicTitle
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        number = Int(inserted.rowID)
    }

    /// The header as a model value; its lists are filled in by the store.
    func model() throws -> Incident {
        guard let number else { throw IncidentError.storageFailure("an incident row without a number") }
        var incident = Incident(number: number, title: title, severity: severity, status: status,
                                declaredAt: declaredAt, updatedAt: updatedAt)
        if let type {
            guard let known = IncidentType(reading: type), known.word == type else {
                throw IncidentError.unreadableStoredValue("incident.type \"\(type)\" is not a type; run `incident doctor`")
            }
            incident.type = known
        }
        incident.impact = impact
        incident.summary = summary
        incident.rootCause = rootCause
        incident.resolution = resolution
        incident.closedAt = closedAt
        incident.updateEvery = updateEverySeconds.map(TimeInterval.init)
        incident.isPublic = isPublic
        incident.publicTitle = publicTitle
        return incident
    }
}

extension IncidentRecord {
    /// Incidents, newest first, optionally of one status, severity or type, or open ones only.
    static func listed(includeEnded: Bool, status: Status?, severity: Severity?, type: IncidentType? = nil) -> QueryInterfaceRequest<IncidentRecord> {
        var request = all()
        if let status {
            request = request.filter(Columns.status == status)
        } else if !includeEnded {
            // Written out, not bound: SQLite uses the partial index of open incidents only for this literal condition.
            request = request.filter(sql: "status NOT IN ('closed', 'cancelled')")
        }
        if let severity { request = request.filter(Columns.severity == severity) }
        if let type { request = request.filter(Columns.type == type.word) }
        return request.order(Columns.number.desc)
    }
}

/// A row of `label` or `assignee`: a name in its place within an incident.
protocol NameRecord: StoredRecord {
    var incidentNumber: Int { get }
    var position: Int { get }
    var name: String { get }
    init(incidentNumber: Int, position: Int, name: String)
}

extension NameRecord {
    init(row: Row) throws {
        try self.init(incidentNumber: row.decode(forColumn: "incidentNumber"), position: row.decode(forColumn: "position"),
                      name: row.decode(forColumn: "name"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["position"], container["name"]) = (incidentNumber, position, name)
    }
}

/// A row of `label`.
struct LabelRecord: NameRecord {
    static let databaseTableName = "label"
    var incidentNumber: Int
    var position: Int
    var name: String
}

/// A row of `assignee`.
struct AssigneeRecord: NameRecord {
    static let databaseTableName = "assignee"
    var incidentNumber: Int
    var position: Int
    var name: String
}

/// A row of `service`.
struct ServiceRecord: StoredRecord {
    static let databaseTableName = "service"
    var incidentNumber: Int
    var position: Int
    var name: String
    var url: String?
    var note: String?

    var model: AffectedService { AffectedService(name: name, url: url, note: note) }
}

extension ServiceRecord {
    init(row: Row) throws {
        (incidentNumber, position, name) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "position"),
                                                row.decode(forColumn: "name"))
        (url, note) = try (row.decode(forColumn: "url"), row.decode(forColumn: "note"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["position"], container["name"]) = (incidentNumber, position, name)
        (container["url"], container["note"]) = (url, note)
    }
}

/// A row of `section`: free Markdown, in order.
struct SectionRecord: StoredRecord {
    static let databaseTableName = "section"
    var incidentNumber: Int
    var position: Int
    var title: String
    var markdown: String
    var isInternal: Bool

    var model: FreeSection { FreeSection(title: title, markdown: markdown, isInternal: isInternal) }
}

extension SectionRecord {
    init(row: Row) throws {
        (incidentNumber, position) = try (row.decode(forColumn: "incidentNumber"), row.decode(forColumn: "position"))
        (title, markdown) = try (row.decode(forColumn: "title"), row.decode(forColumn: "markdown"))
        isInternal = try row.decode(forColumn: "isInternal")
    }

    func encode(to container: inout PersistenceContainer) {
        (container["incidentNumber"], container["position"]) = (incidentNumber, position)
        (container["title"], container["markdown"], container["isInternal"]) = (title, markdown, isInternal)
    }
}

/// A row of `setting`: the current incident, and other small facts by key.
struct SettingRecord: StoredRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}

extension SettingRecord {
    init(row: Row) throws {
        (key, value) = try (row.decode(forColumn: "key"), row.decode(forColumn: "value"))
    }

    func encode(to container: inout PersistenceContainer) {
        (container["key"], container["value"]) = (key, value)
    }

    /// Stores `value` under `key`, replacing what was there: the one way a setting is written. Plain SQL, because a
    /// record's `insert` first asks SQLite for the table's columns and primary key, and `new` writes a setting.
    static func store(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
    }
}

/// Rows that belong to one incident, kept in order by a number or position column.
protocol IncidentChildRecord: StoredRecord {
    static var orderColumn: String { get }
}

extension IncidentChildRecord {
    /// The rows of incident `number`, in order. Written as SQL: every command loads these, and the query
    /// interface's first use in a process costs more than the query (generic requests are instantiated). Not through
    /// a cached statement: that generic path costs every command a type lookup per record type, and an archive
    /// import no longer reads incidents back.
    static func fetchAll(of number: Int, _ db: Database) throws -> [Self] {
        try fetchAll(db, sql: "SELECT * FROM \(databaseTableName) WHERE incidentNumber = ? ORDER BY \(orderColumn)",
                     arguments: [number])
    }
}

extension LabelRecord: IncidentChildRecord { static let orderColumn = "position" }
extension AssigneeRecord: IncidentChildRecord { static let orderColumn = "position" }
extension ServiceRecord: IncidentChildRecord { static let orderColumn = "position" }
extension SectionRecord: IncidentChildRecord { static let orderColumn = "position" }
