import ArgumentParser
import Foundation
import IncidentKit

/// Where the database is and who is writing; every command takes these.
struct StoreOptions: ParsableArguments {
    static let databaseHelp = ArgumentHelp("The incident database file.", valueName: "path")
    static let actorHelp = ArgumentHelp("Name recorded in the change log (default: $USER).", valueName: "name")

    @Option(name: .customLong("db"), help: databaseHelp) var databasePath: String?
    @Option(name: .customLong("as"), help: actorHelp) var actor: String?

    /// The options as a command that declares `--db` and `--as` itself read them (an option group costs
    /// argument-parser a reflection pass on every run, which the most-typed commands avoid).
    init(databasePath: String?, actor: String?) {
        self.init()
        self.databasePath = databasePath
        self.actor = actor
    }

    init() {}

    /// Opens the store for reading; never creates or changes a file (`asStored`: without reading an older
    /// schema through a migrated copy, for commands that copy the file as it is).
    func openForReading(asStored: Bool = false) throws(IncidentError) -> IncidentStore {
        try IncidentStore(path: DatabaseLocation.resolve(explicit: databasePath), readOnly: true, actor: resolvedActor(),
                          asStored: asStored)
    }

    /// Whether there is a database to read. None at the default location is an empty history (a new team folder);
    /// none where `--db` or `$INCIDENT_DB` points is a mistake, and fails (exit 66) so a cron job can't go silent.
    func hasDatabase() throws(IncidentError) -> Bool {
        let path = DatabaseLocation.resolve(explicit: databasePath)
        if FileManager.default.fileExists(atPath: path) { return true }
        let explicit = !(databasePath ?? "").isEmpty || !(Environment.value("INCIDENT_DB") ?? "").isEmpty
        if explicit { throw .noDatabase(path: path) }
        return false
    }

    /// Opens the store for writing; only `creating` commands (declaring an incident) may create the file.
    func openForWriting(creating: Bool = false) throws(IncidentError) -> IncidentStore {
        let path = DatabaseLocation.resolve(explicit: databasePath)
        if !creating, !FileManager.default.fileExists(atPath: path) { throw .noDatabase(path: path) }
        return try IncidentStore(path: path, readOnly: false, actor: resolvedActor())
    }

    /// Runs `body` with the store opened for writing, created if missing; a database this call created is removed
    /// again when `body` fails, for commands whose failure stores nothing (one document imported, an issue joined).
    func withStore<T>(_ body: (IncidentStore) throws -> T) throws -> T {
        try IncidentStore.withStore(creatingAt: DatabaseLocation.resolve(explicit: databasePath), actor: resolvedActor(), body)
    }

    /// The passwd entry of the current user: $USER is unset in containers and cron.
    private static func loginName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let login = String(cString: name)
        return login.isEmpty ? nil : login
    }

    /// `--as`, else who is logged in; the store holds it to the rule of the change log.
    private func resolvedActor() -> String {
        // An empty variable is an unset one (`USER= incident …`, some service managers): the next source is asked.
        let fromEnvironment = [Environment.value("USER"), Environment.value("LOGNAME")].compactMap { $0 }.first { !$0.isEmpty }
        return actor ?? fromEnvironment ?? Self.loginName() ?? "unknown"
    }
}
