import ArgumentParser
import Foundation
import IncidentKit

/// Where playbooks come from: `--playbooks DIR`, else `playbooks/` beside the database.
struct PlaybookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of playbooks (default: playbooks/ beside the database).", valueName: "dir"))
    var playbooks: String?

    func folder(databasePath: String) -> String { Self.folder(playbooks, databasePath: databasePath) }

    func load(databasePath: String) -> (playbooks: [Playbook], problems: [Playbook.Problem]) {
        Self.load(playbooks, databasePath: databasePath)
    }

    /// `--playbooks DIR`, else `playbooks/` beside the database.
    static func folder(_ playbooks: String?, databasePath: String) -> String {
        playbooks ?? ((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("playbooks")
    }

    /// The playbooks and their problems; none when the folder doesn't exist.
    static func load(_ playbooks: String?, databasePath: String) -> (playbooks: [Playbook], problems: [Playbook.Problem]) {
        let folder = folder(playbooks, databasePath: databasePath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return ([], []) }
        return PlaybookLibrary.load(folder: folder)
    }
}

/// "Applied playbook P0: 8 actions, 3 criteria (update every 30 min)."
func describeApplied(_ playbook: Playbook, _ added: (actions: [ActionItem], criteria: [SuccessCriterion])) -> String {
    let every = playbook.updateEvery.map { " (updates every \(UpdateCadence.every($0)))" } ?? ""
    if added.actions.isEmpty, added.criteria.isEmpty { return "Playbook \(playbook.name) was already applied; nothing added." }
    return "Applied playbook \(playbook.name): \(added.actions.count) action\(added.actions.count == 1 ? "" : "s"), "
        + "\(added.criteria.count) criteri\(added.criteria.count == 1 ? "on" : "a")\(every)."
}
