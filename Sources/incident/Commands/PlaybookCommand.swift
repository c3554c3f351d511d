import ArgumentParser
import Foundation
import IncidentKit

struct PlaybookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Severity checklists kept as Markdown in incidents/playbooks/: list, show, apply.",
        subcommands: [ListPlaybooks.self, ShowPlaybook.self, ApplyPlaybook.self]
    )

    struct ListPlaybooks: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the playbooks, and what is wrong with broken ones.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var playbookOptions: PlaybookOptions

        func run(_ console: Console) throws {
            let folder = playbookOptions.folder(store)
            let (playbooks, problems) = folder.load()
            if playbooks.isEmpty, problems.isEmpty { return console.say("No playbooks in \(folder.path).") }
            for playbook in playbooks {
                let severities = playbook.severities.isEmpty ? "by name only" : playbook.severities.map(\.label).joined(separator: ", ")
                let every = playbook.updateEvery.map { ", updates every \(UpdateCadence.every($0))" } ?? ""
                console.say("\(playbook.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(severities): \(IncidentText.count(playbook.actions.count, "action")), \(IncidentText.count(playbook.criteria.count, "criterion", "criteria"))\(every)")
            }
            for problem in problems { console.say("broken       \(problem)") }
        }
    }

    struct ShowPlaybook: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a playbook's Markdown.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var playbookOptions: PlaybookOptions
        @Argument(help: "The playbook's name (its file name without .md).") var name: String

        func run(_ console: Console) throws {
            console.say(try playbookOptions.folder(store).playbook(named: name).markdown)
        }
    }

    struct ApplyPlaybook: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "apply", abstract: "Add a playbook's items to an incident (applying it twice adds nothing twice).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var playbookOptions: PlaybookOptions
        @Argument(help: ArgumentHelp("[INC-<n>] NAME", valueName: "ref-and-name")) var words: [String]

        func run(_ console: Console) throws {
            let (reference, name) = try Arguments.referenceAndText(words, what: "playbook name")
            let folder = playbookOptions.folder(store)
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            console.say(describeApplied(try Response(store: store).applyPlaybook(named: name, from: folder, to: number)))
        }
    }
}
