import Foundation

/// What the importer read from a Markdown incident, before it is stored.
public struct ImportedDocument: Sendable {
    /// The record (its number is 0 until stored).
    public var incident: Incident
    /// Decisions the importer made that the user should know about, e.g. "severity P3 (none in the document)".
    public var notes: [String] = []
    /// Every task item found, in document order, for `incident sync`.
    public var tasks: [TaskLine] = []
    /// When the tool rendered this document, from its header comment, if it did.
    public var renderedAt: Date?
    /// `##` sections whose content all became fields (task items, timeline entries, whys): in the record, not kept as text.
    public var absorbedSections: [String] = []
}

/// A task item (`- [ ]` / `- [x]`) as it stands in a document.
public struct TaskLine: Equatable, Sendable {
    public var kind: ItemKind
    /// The item number from the renderer's hidden marker, if the line has one.
    public var markerNumber: Int?
    /// Whether the item was done when the tool rendered the document (from the marker), if known.
    public var renderedDone: Bool?
    public var checked: Bool
    public var text: String
    /// 1-based source line.
    public var line: Int
}
