import Foundation

/// The incident's own one-value fields (its header, not its lists). Code that must handle every field (the whole-row
/// writes of a merge and a re-import, the shared record's registers) switches over these exhaustively, so a new field
/// added here is a compile error at each place that has to decide what to do with it.
enum IncidentField: CaseIterable {
    case title, severity, type, status, impact, summary, rootCause, resolution, declaredAt, closedAt, updateEvery, isPublic,
         publicTitle
}
