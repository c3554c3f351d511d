import ArgumentParser
import IncidentKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check off action items: incident check 3, incident check INC-2 1 4-6.",
        discussion: "Checking an item that is already done succeeds and says so."
    )

    @OptionGroup var toggle: ToggleOptions

    func run() throws { try toggle.run(kind: .action, on: true) }
}
