import ArgumentParser
import Foundation
import IncidentKit

struct SectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "section",
        abstract: "Keep free Markdown sections (risk assessment, fix notes) in order.",
        subcommands: [Add.self, RemoveSection.self, ListItems.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Append a section; the Markdown comes from --markdown, --file, standard input, or at a terminal $EDITOR.",
            discussion: "Example: incident section add \"Risk Assessment\" --file risk.md"
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] TITLE", valueName: "ref-and-title")) var words: [String]
        @Option(parsing: .unconditional, help: "The section's Markdown.") var markdown: String?
        @Option(help: "Read the Markdown from a file (- for standard input).") var file: String?
        @Flag(help: "Keep it out of the public postmortem (`incident export --public`).") var `internal` = false

        func run(_ console: Console) throws {
            let (reference, title) = try Arguments.referenceAndText(words, what: "section title")
            let body = try readBody(console: console)
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let section = try Postmortem(store: store).addSection(title, markdown: body, isInternal: `internal`, to: number)
            console.say("Added \(section.isInternal ? "internal " : "")section \"\(section.title)\" to \(IncidentReference.format(number)).")
        }

        private func readBody(console: Console) throws(IncidentError) -> String {
            if let markdown { return markdown }
            // Typed at a terminal with nothing to read from: the editor, as git commit does.
            if file == nil, console.inputIsTerminal { return try Editor.edit("", what: "section") }
            let path = file ?? "-"
            let data = try console.read(path)
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "it is not UTF-8 text")
            }
            return text
        }
    }

    struct ListItems: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the free sections.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let incident = try store.incident(store.resolve(Arguments.reference(reference)))
            console.say(IncidentText.sections(incident.sections))
        }
    }
}
