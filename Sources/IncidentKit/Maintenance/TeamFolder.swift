import Foundation

/// A team's `incidents/` folder, as `incident init` starts it: the starter playbooks built into the binary, a README
/// and a `.gitignore` for the database. It only ever adds: whatever is already there is kept as it is, so starting a
/// folder twice changes nothing.
public enum TeamFolder {
    /// What starting a folder did, by path relative to the `incidents/` folder (`playbooks/P0.md`).
    public struct Outcome: Equatable, Sendable {
        /// The `incidents/` folder itself.
        public var folder: String
        public var created: [String]
        /// Files that were already there, left as they were.
        public var kept: [String]
    }

    /// The files a new folder gets, by path relative to it, in the order they are written.
    public static var starterFiles: [(path: String, text: String)] {
        [(".gitignore", gitignore), ("README.md", readme)]
            + EmbeddedPlaybooks.files.keys.sorted().map { ("playbooks/\($0)", EmbeddedPlaybooks.files[$0]!) }
    }

    /// Starts `directory/incidents/`, creating the folders it needs and every starter file that isn't there.
    public static func start(in directory: String) throws(IncidentError) -> Outcome {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath).standardizedFileURL
            .appendingPathComponent(DatabaseLocation.folderName).path
        var outcome = Outcome(folder: folder, created: [], kept: [])
        try makeFolder(folder)
        try makeFolder((folder as NSString).appendingPathComponent("playbooks"))
        for file in starterFiles {
            if try write(file.text, to: (folder as NSString).appendingPathComponent(file.path)) {
                outcome.created.append(file.path)
            } else {
                outcome.kept.append(file.path)
            }
        }
        return outcome
    }

    /// Creates `path` (and the folders above it) unless a folder is there already.
    private static func makeFolder(_ path: String) throws(IncidentError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .unwritableOutput(path: path, reason: "a file has that name where a folder is needed") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: path, reason: blockingFile(above: path).map { "\($0) is a file, not a folder" } ?? "the folder can't be created")
        }
    }

    /// The nearest file above `path` that stands where a folder is needed, if that is why a folder can't be made.
    private static func blockingFile(above path: String) -> String? {
        var current = (path as NSString).deletingLastPathComponent
        while !current.isEmpty, current != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) { return isDirectory.boolValue ? nil : current }
            current = (current as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Writes a new file; false when something (a file, a link, a folder) already has its name. `O_EXCL` decides,
    /// so a file made by someone else in the meantime is never overwritten either.
    private static func write(_ text: String, to path: String) throws(IncidentError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0, errno == EEXIST { return false }
        guard descriptor >= 0 else { throw .unwritableOutput(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try OutputFile.writeAll(text, to: descriptor, path: path)
        return true
    }

    static let gitignore = """
        # The incident database and its journals: each responder keeps their own, and shares the incident through
        # its GitHub issue (incident publish). Back it up with incident backup FILE.
        *.sqlite
        *.sqlite-wal
        *.sqlite-shm
        *.sqlite-journal

        """

    static let readme = """
        # incidents/

        The team's incident folder: run `incident` anywhere below the folder that holds this one and it keeps its
        database here, in `incidents.sqlite`, the way `git` finds `.git/`. `man incident` describes every command.

        - `incidents.sqlite` (with its `-wal` and `-shm` journals) is created by the first `incident new` and kept out
          of git by `.gitignore`: each responder has their own, and an incident is shared through its GitHub issue
          (`incident publish`, `incident import --issue N`). Copy it safely with `incident backup FILE`.
        - `playbooks/` holds the checklists `incident new` applies by severity; `playbooks/README.md` says how to
          write one. Edit them after each postmortem and commit them.
        - `templates/`, if you want one, holds your own copies of the issue, update and postmortem templates:
          `incident templates export incidents/templates`, then edit.

        To start:

        ```sh
        incident new --p1 "Checkout returns 500"    # declare; applies playbooks/P1.md
        incident show
        incident --help                             # every command, by what people do
        ```

        """
}
