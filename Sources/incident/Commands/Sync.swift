import ArgumentParser
import Foundation
import IncidentKit

struct Sync: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Apply checkbox changes from an issue body edited elsewhere (e.g. ticked on GitHub).",
        discussion: """
            Items are matched by the hidden markers `incident render` writes, else by text. Each change is printed and \
            logged; an item changed both here and in the file is reported as a conflict and left alone; lines that can't \
            be matched are listed, never guessed. Example: gh issue view 123 --json body -q .body | incident sync -
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("[INC-<n>] FILE — the edited body, or - for standard input.", valueName: "ref-and-file")) var words: [String]
    @Flag(help: "Also add task lines that match no item.") var addNew = false
    @Flag(help: "Show what would change without changing anything.") var dryRun = false

    func run(_ console: Console) throws {
        let (reference, file) = try Arguments.referenceAndText(words, what: "file")
        let body = try InputFile.markdown(file, standardInput: console.input)
        let store = try dryRun ? store.openForReading() : store.openForWriting()
        let (plan, incident) = try BodySync(store: store).apply(body, to: try store.resolve(reference), from: file == "-" ? "standard input" : file,
                                                                 addingNew: addNew, dryRun: dryRun)
        console.say(IncidentText.syncReport(plan, addedNew: addNew, dryRun: dryRun, incident: incident.id))
    }
}
