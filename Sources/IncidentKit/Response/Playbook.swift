import Foundation

/// A checklist that appears by itself for a severity: a Markdown file with front matter (`severity`, `labels`,
/// `update-every`) and task lists under horizon and success-criteria headings, read by the importer's rules.
public struct Playbook: Sendable {
    /// The file name without `.md`: what `--playbook NAME` and `playbook apply NAME` take.
    public var name: String
    public var path: String
    public var title: String
    /// The severities it applies to by itself; empty means only by name.
    public var severities: [Severity]
    public var labels: [String]
    public var updateEvery: TimeInterval?
    public var actions: [ActionItem]
    public var criteria: [SuccessCriterion]
    /// The Markdown as written, for `playbook show`.
    public var markdown: String

    public init(name: String, path: String, title: String, severities: [Severity], labels: [String], updateEvery: TimeInterval?,
                actions: [ActionItem], criteria: [SuccessCriterion], markdown: String) {
        (self.name, self.path, self.title, self.severities, self.labels) = (name, path, title, severities, labels)
        (self.updateEvery, self.actions, self.criteria, self.markdown) = (updateEvery, actions, criteria, markdown)
    }

    /// What is wrong with a playbook file, with the line it is on.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }
}
