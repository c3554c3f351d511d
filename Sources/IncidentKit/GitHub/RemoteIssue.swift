import Foundation

/// An issue as `gh issue view --json …` prints it.
public struct RemoteIssue: Decodable, Sendable {
    public struct Label: Decodable, Sendable { public var name: String }
    public struct Assignee: Decodable, Sendable { public var login: String }

    public var number: Int?
    public var url: String?
    public var title: String?
    public var body: String?
    /// `OPEN` or `CLOSED`.
    public var state: String?
    public var updatedAt: String?
    public var labels: [Label]?
    public var assignees: [Assignee]?

    public var isClosed: Bool { state?.uppercased() == "CLOSED" }

    /// Refuses a NUL character in any text field: stored, it would cut the text short where it stands.
    func refuseNUL(naming issue: String) throws(IncidentError) {
        let fields: [(String, [String])] = [("title", [title ?? ""]), ("body", [body ?? ""]), ("labels", (labels ?? []).map(\.name)),
                                            ("assignees", (assignees ?? []).map(\.login))]
        for (field, texts) in fields where texts.contains(where: { $0.unicodeScalars.contains("\u{0}") }) {
            throw .nulInGitHubJSON(field: field, issue: issue)
        }
    }

    /// Decodes gh's JSON; anything else is a failure naming the command.
    static func decode(_ text: String, command: String) throws(IncidentError) -> RemoteIssue {
        do {
            return try JSONDecoder().decode(RemoteIssue.self, from: Data(text.utf8))
        } catch {
            throw .githubFailed(command: command, message: "its output is not the JSON gh prints (\(text.prefix(80)))")
        }
    }
}
