import Foundation

extension IncidentField {
    /// The name of the register it travels in.
    var sharedKey: String {
        switch self {
        case .title: SharedField.title
        case .severity: SharedField.severity
        case .type: SharedField.type
        case .status: SharedField.status
        case .impact: SharedField.impact
        case .summary: SharedField.summary
        case .rootCause: SharedField.rootCause
        case .resolution: SharedField.resolution
        case .declaredAt: SharedField.declaredAt
        case .closedAt: SharedField.closedAt
        case .updateEvery: SharedField.updateEvery
        case .isPublic: SharedField.isPublic
        case .publicTitle: SharedField.publicTitle
        }
    }

    /// Its value in `incident` as its register holds it; nil when not set (the register is left out).
    func sharedValue(of incident: Incident) -> String? {
        switch self {
        case .title: incident.title
        case .severity: incident.severity.label
        case .type: incident.type?.word
        case .status: incident.status.rawValue
        case .impact: incident.impact
        case .summary: incident.summary
        case .rootCause: incident.rootCause
        case .resolution: incident.resolution
        case .declaredAt: SharedRecord.time(incident.declaredAt)
        case .closedAt: incident.closedAt.map(SharedRecord.time)
        case .updateEvery: incident.updateEvery.map { String(Int($0)) }
        case .isPublic: incident.isPublic ? "1" : nil
        case .publicTitle: incident.publicTitle
        }
    }

    /// Sets it in `incident` (which starts as the local header) from its register's `value`. A value that can't be read
    /// (a newer release's, or one edited by hand) keeps the header's; a missing register (an older release's copy, or a
    /// field never set) reads as not set.
    func apply(_ value: String?, to incident: inout Incident) {
        switch self {
        case .title: incident.title = value ?? incident.title
        case .severity: incident.severity = value.flatMap { try? Severity(parsing: $0) } ?? incident.severity
        case .type: incident.type = value.map { IncidentType(reading: $0) ?? incident.type } ?? nil
        case .status: incident.status = StatusValue.decode(value)?.status ?? incident.status
        case .impact: incident.impact = value
        case .summary: incident.summary = value
        case .rootCause: incident.rootCause = value
        case .resolution: incident.resolution = value
        case .declaredAt: incident.declaredAt = value.flatMap(SharedRecord.date) ?? incident.declaredAt
        case .closedAt: incident.closedAt = value.flatMap(SharedRecord.date)
        case .updateEvery: incident.updateEvery = value.flatMap(Double.init)
        case .isPublic: incident.isPublic = value != nil
        case .publicTitle: incident.publicTitle = value
        }
    }
}
