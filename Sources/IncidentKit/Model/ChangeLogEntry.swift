import Foundation

/// One line of the append-only history of what changed, when and by whom.
public struct ChangeLogEntry: Equatable, Sendable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var incidentNumber: Int?
    public var change: String

    public init(id: Int64, at: Date, actor: String, incidentNumber: Int?, change: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.incidentNumber = incidentNumber
        self.change = change
    }
}
