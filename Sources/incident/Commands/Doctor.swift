import ArgumentParser
import IncidentKit

struct Doctor: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database: integrity, schema version, foreign keys, orphaned rows, search index.",
        discussion: """
            Prints ok, or each problem with the repair for it and exits 74. --reindex and --prune make the \
            repairs it names, then check again; take a backup first (incident backup FILE).
            """
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Recreate missing indexes and triggers, and rebuild every index and search index from the tables.")
    var reindex = false
    @Flag(help: "Remove rows that belong to no incident, and forget a current incident that no longer exists.")
    var prune = false
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.") var color: ColorMode = .auto

    func run(_ console: Console) throws {
        if reindex || prune {
            for line in try Maintenance(store: store.openForWriting()).repair(reindex: reindex, prune: prune) { console.say("repaired: \(line)") }
        }
        let path = DatabaseLocation.resolve(explicit: store.databasePath)
        let diagnosis = try Maintenance.diagnose(path: path)
        console.say(DoctorReport.text(diagnosis, path: path, style: color.style(on: console)))
        guard diagnosis.isHealthy else { throw IncidentError.unhealthyStore(path: path, problems: diagnosis.findings.count) }
    }
}
