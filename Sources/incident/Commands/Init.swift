import ArgumentParser
import IncidentKit

struct Init: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a team folder: DIR/incidents/ with the starter playbooks, a README and a .gitignore.",
        discussion: """
            Commands run anywhere inside DIR then keep their database in DIR/incidents/incidents.sqlite, created by \
            the first `incident new`. Nothing already there is overwritten, so running it twice changes nothing.
            """
    )

    @Argument(help: ArgumentHelp("The folder to start in (default: the current folder).", valueName: "dir"))
    var directory = "."

    func run(_ console: Console) throws {
        let outcome = try Maintenance.startTeamFolder(in: directory)
        guard !outcome.created.isEmpty else {
            return console.say("\(outcome.folder) already has every starter file; nothing changed.")
        }
        console.say("Started \(outcome.folder):")
        for path in outcome.created { console.say("  created \(path)") }
        for path in outcome.kept { console.say("  kept    \(path) (already there)") }
        console.say("Next: incident new --p1 \"TITLE\" anywhere in \(directory == "." ? "this folder" : directory); incident playbook list.")
    }
}
