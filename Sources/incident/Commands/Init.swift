import ArgumentParser
import IncidentKit

struct Init: ParsableCommand {
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

    func run() throws {
        let outcome = try TeamFolder.start(in: directory)
        guard !outcome.created.isEmpty else {
            return say("\(outcome.folder) already has every starter file; nothing changed.")
        }
        say("Started \(outcome.folder):")
        for path in outcome.created { say("  created \(path)") }
        for path in outcome.kept { say("  kept    \(path) (already there)") }
        say("Next: incident new --p1 \"TITLE\" anywhere in \(directory == "." ? "this folder" : directory); incident playbook list.")
    }
}
