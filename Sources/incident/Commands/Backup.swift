import ArgumentParser
import IncidentKit

struct Backup: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE while others keep writing (SQLite's online backup).",
        discussion: """
            The copy is one consistent snapshot; it is checked with quick_check and renamed into place, so a \
            failed backup leaves nothing behind. Read it with --db FILE. To restore, stop every other incident \
            command, then: incident backup --db FILE incidents/incidents.sqlite --force
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file")) var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false

    func run(_ console: Console) throws {
        let store = try store.openForReading(asStored: true)
        let result = try Maintenance(store: store).backup(to: file, overwrite: force)
        let size = result.bytes < 1024 * 1024 ? "\((result.bytes + 1023) / 1024) KB" : "\(result.bytes / (1024 * 1024)) MB"
        console.say("Backed up \(store.path ?? "the database") to \(result.path): \(result.incidentCount) incident\(result.incidentCount == 1 ? "" : "s"), \(size), quick_check ok.")
    }
}
