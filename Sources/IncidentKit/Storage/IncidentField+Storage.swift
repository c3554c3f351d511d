import Foundation
import GRDB

extension IncidentField {
    /// The `incident` column that holds it.
    var column: String {
        switch self {
        case .title: "title"
        case .severity: "severity"
        case .type: "type"
        case .status: "status"
        case .impact: "impact"
        case .summary: "summary"
        case .rootCause: "rootCause"
        case .resolution: "resolution"
        case .declaredAt: "declaredAt"
        case .closedAt: "closedAt"
        case .updateEvery: "updateEverySeconds"
        case .isPublic: "isPublic"
        case .publicTitle: "publicTitle"
        }
    }

    /// Its value in `incident`, as the column stores it.
    func databaseValue(of incident: Incident) -> (any DatabaseValueConvertible)? {
        switch self {
        case .title: incident.title
        case .severity: incident.severity
        case .type: incident.type?.word
        case .status: incident.status
        case .impact: incident.impact
        case .summary: incident.summary
        case .rootCause: incident.rootCause
        case .resolution: incident.resolution
        case .declaredAt: incident.declaredAt.unixTime
        case .closedAt: incident.closedAt?.unixTime
        case .updateEvery: incident.updateEvery.map { Int($0) }
        case .isPublic: incident.isPublic
        case .publicTitle: incident.publicTitle
        }
    }

    /// What a re-import of a changed source does with the field.
    enum Reimport {
        /// The document's value replaces the stored one.
        case replaced
        /// The document's value replaces the stored one when the document names one.
        case replacedWhenNamed
        /// No document carries it: the stored value stays.
        case kept
    }

    var reimport: Reimport {
        switch self {
        case .title, .severity, .status, .impact, .summary, .rootCause, .resolution, .declaredAt, .closedAt: .replaced
        // A type given here to an archived postmortem that names none (`set --type`) outlives the next edit of the file.
        case .type: .replacedWhenNamed
        // This machine's decisions (a playbook's cadence, the status page), not the document's.
        case .updateEvery, .isPublic, .publicTitle: .kept
        }
    }
}

extension IncidentStore {
    /// Writes `fields` of `incident` over its row, with `updatedAt`. A field in `keptWhenAbsent` keeps the stored value
    /// when `incident` has none.
    func updateHeader(_ incident: Incident, fields: [IncidentField], keptWhenAbsent: [IncidentField] = [], updatedAt: Date,
                      _ db: Database) throws {
        let assignments = fields.map { field in
            keptWhenAbsent.contains(field) ? "\(field.column) = coalesce(?, \(field.column))" : "\(field.column) = ?"
        }
        var arguments = StatementArguments(fields.map { $0.databaseValue(of: incident) })
        _ = arguments.append(contentsOf: [updatedAt.unixTime, incident.number])
        try db.execute(sql: "UPDATE incident SET \(assignments.joined(separator: ", ")), updatedAt = ? WHERE number = ?", arguments: arguments)
    }
}
