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
    /// Where the title came from.
    public var titleSource: TitleSource = .firstLine
    /// Timeline entries read from the document (the tool's own recorded entries included when it rendered them).
    public var timelineEntriesRead = 0
    /// Lines in a timeline section that carry a time but were kept only as text (no date to place them, or a shape
    /// the reader doesn't know).
    public var timedLinesKeptAsText = 0
    /// Task items read (actions and success criteria).
    public var taskItems: Int { tasks.count }
    /// Named groups the action items were kept in (the headings a checklist was split under).
    public var groups: [String] = []
}

/// Where an imported title came from, strongest first.
public enum TitleSource: String, Sendable, CaseIterable {
    /// Given with the import (`--title`, or an issue's own title).
    case option
    /// The front matter's `title`, or an issue template's `name`.
    case frontMatter = "front matter"
    /// A `Title:` / `**Issue Title:**` line, or the paragraph under an "Incident Title" heading.
    case titleLine = "title line"
    /// The document's first heading.
    case heading
    /// The file name (`2019-07-02-disk-full.md`).
    case fileName = "file name"
    /// The first line of text, when nothing else names the incident.
    case firstLine = "first line"
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
