import Foundation

/// Writing the postmortem: the five whys, lessons learned and free sections. Each method takes what was typed and
/// holds it to the text rules before anything is stored.
public struct Postmortem: Sendable {
    let store: IncidentStore

    /// A postmortem use case writing through `store`.
    public init(store: IncidentStore) { self.store = store }

    /// Adds a why to incident `incident`: it answers the previous why unless `parent` names another; a root-cause why
    /// becomes the incident's root cause while it has none.
    public func addWhy(_ text: String, answering parent: Int? = nil, isRootCause: Bool = false, to incident: Int) throws(IncidentError) -> Why {
        try store.addWhy(incident, text: TextRules.line(text, field: "why"), parent: parent, isRootCause: isRootCause)
    }

    /// Adds a lesson learned (one line) of `kind`.
    public func addLesson(_ text: String, kind: LessonKind, to incident: Int) throws(IncidentError) -> Lesson {
        try store.addLesson(incident, kind: kind, text: TextRules.line(text, field: "lesson"))
    }

    /// Appends a free section (a one-line title and its Markdown) after the others; an internal one stays out of the
    /// public postmortem. Returns it as stored.
    @discardableResult
    public func addSection(_ title: String, markdown: String, isInternal: Bool = false, to incident: Int) throws(IncidentError) -> FreeSection {
        let section = FreeSection(title: try TextRules.line(title, field: "section title"),
                                  markdown: try TextRules.block(markdown, field: "section Markdown"), isInternal: isInternal)
        try store.addSection(incident, section)
        return section
    }
}
