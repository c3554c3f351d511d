import ArgumentParser
import Foundation
import IncidentKit

/// Where playbooks come from: `--playbooks DIR`, else `playbooks/` beside the database.
struct PlaybookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of playbooks (default: playbooks/ beside the database).", valueName: "dir"))
    var playbooks: String?

    /// The folder for the database these store options name.
    func folder(_ store: StoreOptions) -> PlaybookFolder {
        PlaybookFolder(playbooks, databasePath: DatabaseLocation.resolve(explicit: store.databasePath))
    }
}

/// "Applied playbook P0: 8 actions, 3 criteria (update every 30 min)."
func describeApplied(_ applied: AppliedPlaybook) -> String {
    let (playbook, actions, criteria) = (applied.playbook, applied.actions, applied.criteria)
    let every = playbook.updateEvery.map { " (updates every \(UpdateCadence.every($0)))" } ?? ""
    if actions.isEmpty, criteria.isEmpty { return "Playbook \(playbook.name) was already applied; nothing added." }
    return "Applied playbook \(playbook.name): \(actions.count) action\(actions.count == 1 ? "" : "s"), "
        + "\(criteria.count) criteri\(criteria.count == 1 ? "on" : "a")\(every)."
}
