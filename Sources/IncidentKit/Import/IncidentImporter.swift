import Foundation

/// Reads an incident written as a GitHub issue body: `MarkdownDocument` values → an `Incident`.
///
/// Typed parts (title, severity, type, labels, whys, timeline, task items, services, the renderer's marked
/// fields) become fields; every other section is kept verbatim as a free section, so nothing is lost.
public struct IncidentImporter: Sendable {
    /// The severity used when the document names none.
    public var defaultSeverity: Severity
    /// The zone for times written without one.
    public var zone: TimeZone?
    /// When the import happens; the declared time only when the document gives no time at all.
    public var now: Date
    /// The title to use instead of the document's (an issue's own title field, which its body may lack).
    public var title: String?
    /// Labels from outside the document (an issue's label field): they replace the document's, and name the severity
    /// when the document doesn't.
    public var labels: [String]?
    /// Number items as their hidden markers do (joining an issue another machine published), not in order.
    public var numbersFromMarkers = false
    /// The titles of the record's own free sections (lowercased): task lines under them are that section's text,
    /// not items (a body read back for the record that rendered it).
    public var freeSectionTitles: Set<String> = []
    /// The file the document came from: its name is the title of last resort, and may carry the date
    /// (`2019-07-02-disk-full.md` → "disk full", on 2019-07-02).
    public var fileName: String?
    /// The zone for times written without one, over any zone the document states ("All times in PST").
    public var zoneOverride: TimeZone?
    /// Put back text that was UTF-8 read as Mac Roman or Windows-1252 (`üö®` → 🚨), and say so.
    public var repairsEncoding = true

    public init(defaultSeverity: Severity = .p3, zone: TimeZone? = nil, now: Date = Date(), repairsEncoding: Bool = true) {
        self.defaultSeverity = defaultSeverity
        self.zone = zone
        self.now = now
        self.repairsEncoding = repairsEncoding
    }

    /// Imports `source`; throws only for a document with nothing in it.
    public func read(_ source: String) throws(IncidentError) -> ImportedDocument {
        guard source.contains(where: { !$0.isWhitespace }) || title != nil else {
            throw .invalidText(field: "document", reason: "is empty; there is nothing to import")
        }
        var text = source
        var repairNote: String?
        // A body this tool rendered holds text as it was typed, mis-decoded or not: it is never "repaired".
        if repairsEncoding, !source.containsLiterally("<!-- incident:INC-") {
            let repair = TextRepair.repairEncoding(source)
            if repair.repaired > 0 {
                text = repair.text
                repairNote = "repaired \(repair.repaired) run(s) of UTF-8 read as \(repair.encoding ?? "another encoding") (--keep-encoding keeps them as written)"
            }
        }
        var state = ImportState(source: text, importer: self)
        if let repairNote { state.notes.append(repairNote) }
        state.readFrontMatter()
        state.readContext()
        state.readMarkedFields()
        let document = MarkdownDocument(parsing: state.parseSource)
        state.walk(document.blocks)
        state.collectFreeSections(document.blocks)
        return try state.finish()
    }
}

/// The importer's working state: the source lines, which of them became fields, and the record so far.
struct ImportState {
    let importer: IncidentImporter
    let lines: [String]
    var consumed = Set<Int>()
    var incident = Incident(number: 0, title: "", severity: .p3, declaredAt: Date(timeIntervalSince1970: 0))
    var notes: [String] = []
    var tasks: [TaskLine] = []
    var keysSeen = Set<String>()
    var title: String?
    var severity: (Severity, String)?
    /// The type the document names (front matter `type`, a `**Type:**` line) and where; else a `type:` label gives it.
    var type: (IncidentType, String)?
    var declaredAt: Date?
    /// The headings above the block being read: level, lowercased text, the title as written, and its line.
    var headingStack: [(level: Int, text: String, title: String, line: Int)] = [] {
        // Asked for every block: worked out when the headings change, not each time.
        didSet { underTimeline = headingStack.contains { TimeVocabulary.namesTimeline($0.text) } }
    }
    /// Whether a heading above the current block names a timeline section.
    private(set) var underTimeline = false
    var renderedAt: Date?
    /// Title candidates besides `title` (a title line), in the order they are tried after it.
    var frontMatterTitle: String?, frontMatterName: String?, headingTitle: String?
    /// The lines cmark parses: the source with front matter blanked (line numbers unchanged).
    var parseSource = ""
    /// The date and zone timed lines without their own take: stated once in the document, or from the file name.
    var context = TimelineContext()
    /// A timeline entry read from a heading with no text, waiting for the paragraph under it.
    var pendingEntry: Int?
    /// The day a date heading just started, for a paragraph under it that has no time of its own.
    var dayHeading: (Int, Int, Int)?
    /// The line of a heading that only says "Incident Title": the paragraph after it is the title.
    var titleAfterHeading = false
    var pendingTitleHeading: String?
    var sawHeading = false
    /// The `#` heading the title came from: the record's header, not a section.
    var titleHeadingLine: Int?
    /// `##` sections whose every line became fields (tasks, timeline, whys).
    var absorbedSections: [String] = []
    /// Lines of the blocks read under a timeline heading (code blocks aside): what the import report counts.
    var timelineLines = Set<Int>()
    /// A body `incident render` wrote (its header comment): `&amp;` and `&lt;` in it are the renderer's escapes.
    let isOwnRender: Bool
    /// Sections whose task lines are text: the record's own free sections (`freeSectionTitles`), or, joining a body
    /// this tool rendered, each `##` section with task lines but no marker (the renderer marks every item).
    let freeSections: Set<String>
    /// Whether any `<!-- incident:… -->` marker is in the source (the renderer's fields and items).
    let hasMarkers: Bool

    init(source: String, importer: IncidentImporter) {
        self.importer = importer
        // Split as cmark splits (LF, CRLF or a lone CR), so its line numbers index these lines. Splitting the
        // String on "\n" would miss CRLF, which Swift treats as a single Character.
        lines = SourceLines(Array(source.utf8)).texts
        parseSource = lines.joined(separator: "\n")
        isOwnRender = source.containsLiterally("<!-- incident:INC-")
        hasMarkers = source.containsLiterally("<!-- incident:")
        freeSections = importer.freeSectionTitles.union(isOwnRender && importer.numbersFromMarkers ? Self.unmarkedSections(lines) : [])
    }

    func line(_ number: Int) -> String { number >= 1 && number <= lines.count ? lines[number - 1] : "" }

    func isConsumed(_ block: MarkdownBlock) -> Bool { block.lines.allSatisfy { consumed.contains($0) } }

    mutating func consume(_ range: ClosedRange<Int>) { consumed.formUnion(range) }

    /// Fields the renderer wraps in `<!-- incident:FIELD -->` … `<!-- /incident:FIELD -->`, read verbatim.
    mutating func readMarkedFields() {
        // Most documents have no marker at all: one look at the source, not eight at every line.
        guard hasMarkers else { return }
        let fields: [(String, String, WritableKeyPath<Incident, String?>)] = [
            ("impact", "Business Impact", \.impact), ("root-cause", "Root Cause", \.rootCause),
            ("resolution", "Resolution", \.resolution), ("summary", "Summary", \.summary),
        ]
        for (name, label, keyPath) in fields {
            let open = "<!-- incident:\(name) -->", close = "<!-- /incident:\(name) -->"
            guard let start = lines.firstIndex(where: { Self.line($0, is: open) }),
                  let end = lines[(start + 1)...].firstIndex(where: { Self.line($0, is: close) })
            else { continue }
            let body = lines[(start + 1)..<end].joined(separator: "\n").trimmingNewlines()
            incident[keyPath: keyPath] = body.isEmpty ? nil : MarkdownEscaping.unescapeBlock(body)
            keysSeen.insert(label.lowercased())
            consume((start + 1)...(end + 1))
            // The bold label the renderer puts above the block belongs to it.
            var previous = start - 1
            while previous >= 0, lines[previous].trimmingSpaces().isEmpty { previous -= 1 }
            if previous >= 0, lines[previous].trimmingSpaces() == "**\(label):**" { consume((previous + 1)...(previous + 1)) }
        }
    }

    /// Whether `line` is `marker` with spaces around it. Most lines have no `<`, so the byte test spares them the
    /// Foundation trimming that, for every line and every marker, dominated importing a large document.
    private static func line(_ line: String, is marker: String) -> Bool {
        line.utf8.contains(UInt8(ascii: "<")) && line.trimmingSpaces() == marker
    }

    /// Builds the result: title and severity decided, declared time taken from the document.
    /// Items keep the numbers their hidden markers give, when every item of a kind has one and none repeats: a body
    /// this tool rendered, read on another machine, then numbers its items as the machine that rendered it did,
    /// so the markers of later renders name the same items everywhere. Otherwise (a marker missing, repeated or out
    /// of range) items are numbered in order.
    mutating func numberItemsByMarkers() {
        // A marker outside 1…Int32.max is not one this tool wrote: it would store a number no later item can follow.
        let usable = { (marker: Int?) in marker.flatMap { (1...Int(Int32.max)).contains($0) ? $0 : nil } }
        let actionMarkers = tasks.filter { $0.kind != .criterion }.map { usable($0.markerNumber) }
        if actionMarkers.count == incident.actions.count, case let numbers = actionMarkers.compactMap({ $0 }),
           numbers.count == actionMarkers.count, Set(numbers).count == numbers.count {
            for index in incident.actions.indices { incident.actions[index].number = numbers[index] }
            incident.actions.sort { $0.number < $1.number }
        }
        let criterionMarkers = tasks.filter { $0.kind == .criterion }.map { usable($0.markerNumber) }
        if criterionMarkers.count == incident.criteria.count, case let numbers = criterionMarkers.compactMap({ $0 }),
           numbers.count == criterionMarkers.count, Set(numbers).count == numbers.count {
            for index in incident.criteria.indices { incident.criteria[index].number = numbers[index] }
            incident.criteria.sort { $0.number < $1.number }
        }
    }

    /// Text from outside the document (an issue's title and labels) meets the rules typed text meets; the document's
    /// own title may not span lines and its labels may not hold a comma. Refused, not stored to break `list`, every
    /// render and every later publish. (Control characters in a document's own text are kept as written.)
    func checkTextRules() throws(IncidentError) {
        if let title = importer.title, title.trimmingSpaces() == incident.title {
            _ = try TextRules.line(title, field: "title")
        } else if incident.title.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .invalidText(field: "document", reason: "gives a title that spans lines; write it on one line and import again")
        }
        for label in incident.labels {
            if importer.labels != nil { _ = try TextRules.label(label) } else if label.contains(",") { throw .labelWithComma(label) }
        }
    }

    mutating func finish() throws(IncidentError) -> ImportedDocument {
        let (chosenTitle, titleSource) = chooseTitle()
        incident.title = chosenTitle
        if let labels = importer.labels {
            incident.labels = labels
            if severity == nil || severity?.1.hasPrefix("label") == true,
               let found = labels.lazy.compactMap(ImportText.severity(in:)).first { severity = (found.0, "label \(found.1)") }
        }
        if let severity {
            incident.severity = severity.0
            notes.append("severity \(severity.0.label) (from \(severity.1))")
        } else {
            incident.severity = importer.defaultSeverity
            notes.append("severity \(importer.defaultSeverity.label): the document names none (--severity sets it)")
        }
        // A `type:security` label is the type as GitHub shows it, not a label of its own; a type the document names wins.
        incident.type = type?.0
        if let type { notes.append("type \(type.0) (from \(type.1))") }
        if incident.takeTypeLabels(), type == nil, let found = incident.type { notes.append("type \(found) (from label \(found.label))") }
        incident.timeline.sort { $0.at < $1.at }
        if let declaredAt {
            incident.declaredAt = declaredAt
        } else if let first = incident.timeline.first {
            incident.declaredAt = first.at
            notes.append("declared at \(TimeFormat.utc(first.at)), the first time in its timeline")
        } else {
            incident.declaredAt = importer.now
            notes.append("declared now: the document gives no time")
        }
        incident.updatedAt = incident.declaredAt
        if incident.status == .closed, incident.closedAt == nil { incident.closedAt = incident.timeline.last?.at ?? incident.declaredAt }
        if incident.status != .closed { incident.closedAt = nil }
        if importer.numbersFromMarkers { numberItemsByMarkers() }
        // One heading over every item is the checklist's section, not a split into groups; a body this tool rendered
        // keeps what it rendered, even a single group.
        var groups: [String] = []
        for group in incident.actions.compactMap(\.group) where !groups.contains(group) { groups.append(group) }
        if !isOwnRender, groups.count < 2 {
            for index in incident.actions.indices { incident.actions[index].group = nil }
            groups = []
        }
        try checkTextRules()
        var document = ImportedDocument(incident: incident, notes: notes, tasks: tasks, renderedAt: renderedAt)
        document.absorbedSections = absorbedSections
        document.titleSource = titleSource
        document.timelineEntriesRead = incident.timeline.count
        document.timedLinesKeptAsText = timedLinesKeptAsText()
        document.groups = groups
        return document
    }
}
