import Foundation

/// Looking after the record: backups, the doctor's check and repairs, the templates to edit, a new team folder.
public struct Maintenance {
    let store: IncidentStore

    /// Maintenance of `store`; what needs no open database (a check by path, the templates, a team folder) is static.
    public init(store: IncidentStore) {
        self.store = store
    }

    /// Copies the database to `file` while others keep writing: one consistent snapshot, checked, renamed into place.
    public func backup(to file: String, overwrite: Bool) throws(IncidentError) -> BackupResult {
        try store.backup(to: file, overwrite: overwrite)
    }

    /// Makes the repairs asked for (rebuilding indexes and triggers, pruning rows that belong to no incident) and
    /// says what each did.
    public func repair(reindex: Bool, prune: Bool) throws(IncidentError) -> [String] {
        guard reindex || prune else { return [] }
        return (reindex ? try store.rebuildIndexes() : []) + (prune ? try store.pruneOrphans() : [])
    }

    /// The doctor's check of the database at `path`, which may be too damaged to open: integrity, schema, foreign
    /// keys, orphaned rows, the search index and stored values, each problem with its repair.
    public static func diagnose(path: String) throws(IncidentError) -> StoreDiagnosis {
        try IncidentStore.diagnose(path: path)
    }

    /// Writes the built-in templates into `folder` to start editing them; returns the files written.
    public static func exportTemplates(to folder: String, overwrite: Bool) throws(IncidentError) -> [String] {
        try TemplateSet.exportDefaults(to: folder, overwrite: overwrite)
    }

    /// Starts a team folder in `directory`: the starter playbooks, a README and a .gitignore; never overwrites a file.
    public static func startTeamFolder(in directory: String) throws(IncidentError) -> TeamFolder.Outcome {
        try TeamFolder.start(in: directory)
    }

}
