import Foundation

/// Where a change to the record came from.
public enum ChangeSource: String, CaseIterable, Codable, Sendable {
    /// Typed at this terminal (`incident check`, `criterion uncheck`).
    case cli
    /// Applied from an issue body edited elsewhere (`incident sync`).
    case sync
    /// Read from a document (`incident import`).
    case `import`
}

/// One tick or untick of a checklist item: a fact sync's conflict check reads back, kept apart from the prose log.
public struct ItemEvent: Equatable, Sendable {
    public var kind: ItemKind
    public var number: Int
    /// True for checked / met, false for unchecked / unmet.
    public var done: Bool
    public var at: Date
    public var actor: String
    public var source: ChangeSource

    public init(kind: ItemKind, number: Int, done: Bool, at: Date, actor: String, source: ChangeSource) {
        self.kind = kind
        self.number = number
        self.done = done
        self.at = at
        self.actor = actor
        self.source = source
    }
}

/// A checklist item named by kind and number, e.g. action 3.
public struct ItemKey: Hashable, Sendable {
    public var kind: ItemKind
    public var number: Int

    public init(_ kind: ItemKind, _ number: Int) {
        self.kind = kind
        self.number = number
    }
}
