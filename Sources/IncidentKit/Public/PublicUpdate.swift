import Foundation

/// Where an incident stands for the people outside the response: the four states status pages show.
public enum PublicStatus: String, Codable, Sendable, CaseIterable {
    case investigating, identified, monitoring, resolved

    /// The public state of an incident in `status`: mitigated reads as monitoring; a cancelled one is over.
    public init(_ status: Status) {
        switch status {
        case .investigating: self = .investigating
        case .identified: self = .identified
        case .mitigated, .monitoring: self = .monitoring
        case .resolved, .closed, .cancelled: self = .resolved
        }
    }

    /// "Identified", as a status page heads an update.
    public var heading: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A message for the people outside the response, with its time and the public state when it was written.
public struct PublicUpdate: Equatable, Sendable {
    public var id: Int64?
    public var at: Date
    public var status: PublicStatus
    public var text: String

    public init(id: Int64? = nil, at: Date, status: PublicStatus, text: String) {
        self.id = id
        self.at = at
        self.status = status
        self.text = text
    }
}
