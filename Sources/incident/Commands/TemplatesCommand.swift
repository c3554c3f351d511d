import ArgumentParser
import IncidentKit

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the Mustache templates that render issues, updates and postmortems.",
        subcommands: [ExportDefaults.self]
    )

    struct ExportDefaults: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the built-in templates to DIR to start editing them.",
            discussion: "Put them in incidents/templates/ (beside the database) or pass --templates DIR to render with them."
        )

        @Argument(help: "The folder to write to.") var folder: String
        @Flag(help: "Overwrite templates already there.") var force = false

        func run(_ console: Console) throws {
            for path in try Maintenance.exportTemplates(to: folder, overwrite: force) { console.say(path) }
        }
    }
}
