import Foundation

/// Where playbooks are kept: a named folder, else `playbooks/` beside the database.
public struct PlaybookFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// The folder `explicit` names, else `playbooks/` beside the database at `databasePath`.
    public init(_ explicit: String?, databasePath: String) {
        path = explicit ?? ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("playbooks")
    }

    /// The playbooks in the folder and what is wrong with broken ones; none when the folder doesn't exist.
    public func load() -> (playbooks: [Playbook], problems: [Playbook.Problem]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return ([], []) }
        return PlaybookLibrary.load(folder: path)
    }

    /// The playbook called `name`; throws what is wrong with it, or that the folder has none of that name.
    public func playbook(named name: String) throws(IncidentError) -> Playbook {
        let (playbooks, problems) = load()
        if let playbook = playbooks.first(where: { $0.name == name }) { return playbook }
        if let problem = problems.first(where: { $0.name == name }) {
            throw .invalidText(field: "playbook \(name)", reason: "can't be used: \(problem)")
        }
        throw .unknownPlaybook(name: name, folder: path)
    }
}

extension Playbook.Problem {
    /// The name of the playbook it is about: its file name without `.md`.
    public var name: String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }
}
