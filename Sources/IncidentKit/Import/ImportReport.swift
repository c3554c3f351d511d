import Foundation

/// What the importer read from one document, counted, so that a person importing an archive can see which
/// documents it understood and which it kept mostly as text.
public struct ImportReport: Sendable, Equatable {
    public var timelineEntries: Int
    public var taskItems: Int
    public var tickedTaskItems: Int
    /// Free sections kept as Markdown (what no field took).
    public var sections: Int
    /// Where the title came from ("front matter", "heading", "file name", …), once the importer says.
    public var titleSource: String?
    /// Lines with a time that were not read as timeline entries (kept in a section as written), once the importer says.
    public var timedLinesKeptAsText: Int?
    /// Groups the task items were read in, once the importer says.
    public var groups: Int?

    public init(timelineEntries: Int, taskItems: Int, tickedTaskItems: Int, sections: Int, titleSource: String? = nil,
                timedLinesKeptAsText: Int? = nil, groups: Int? = nil) {
        (self.timelineEntries, self.taskItems, self.tickedTaskItems, self.sections) = (timelineEntries, taskItems, tickedTaskItems, sections)
        (self.titleSource, self.timedLinesKeptAsText, self.groups) = (titleSource, timedLinesKeptAsText, groups)
    }

    /// The counts of what `document` holds, with the importer's own account: where the title came from, timed lines
    /// kept as text, and the groups the action items were kept in.
    public init(_ document: ImportedDocument) {
        let incident = document.incident
        self.init(timelineEntries: incident.timeline.count, taskItems: document.taskItems,
                  tickedTaskItems: document.tasks.filter(\.checked).count, sections: incident.sections.count,
                  titleSource: document.titleSource.rawValue, timedLinesKeptAsText: document.timedLinesKeptAsText,
                  groups: document.groups.count)
    }
}
