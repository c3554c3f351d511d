import Foundation

/// Writes a rendered document where the user asked (`-o`, `--svg`) the way a shell's `>` does, with two guards:
/// never over the incident database (by path, symlink or hard link), and never over an existing file unless asked.
public enum OutputFile {
    /// Writes `text` to `path`. An existing regular file is rewritten in place, so it keeps its mode, owner and hard
    /// links; a pipe or a device (`/dev/stdout`, a FIFO) is written through; a new file is created as `>` creates one.
    public static func write(_ text: String, to path: String, database: String?, overwrite: Bool) throws(IncidentError) {
        var target = stat()
        let exists = stat(path, &target) == 0
        if exists {
            let kind = target.st_mode & S_IFMT
            if kind == S_IFDIR { throw .unwritableOutput(path: path, reason: "it is a folder") }
            if let database, isDatabase(target, database) { throw .outputIsTheDatabase(path: path) }
            if kind == S_IFREG, !overwrite { throw .fileExists(path: path) }
        }
        let flags = O_WRONLY | O_CLOEXEC | (exists ? (target.st_mode & S_IFMT == S_IFREG ? O_TRUNC : 0) : O_CREAT | O_EXCL)
        let descriptor = open(path, flags, 0o666)
        guard descriptor >= 0 else { throw .unwritableOutput(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try writeAll(text, to: descriptor, path: path)
    }

    /// Writes all of `text` to the open `descriptor` (of the file at `path`, for the message), retrying short and
    /// interrupted writes.
    static func writeAll(_ text: String, to descriptor: Int32, path: String) throws(IncidentError) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw .unwritableOutput(path: path, reason: String(cString: strerror(errno))) }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Whether the file `target` names is the database or one of its journals (same device and inode).
    static func isDatabase(_ target: stat, _ database: String) -> Bool {
        ["", "-wal", "-shm", "-journal"].contains { suffix in
            var file = stat()
            return stat(database + suffix, &file) == 0 && file.st_dev == target.st_dev && file.st_ino == target.st_ino
        }
    }
}
