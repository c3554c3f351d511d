import Foundation

/// Reads what a command is given to read (a file, a pipe such as `<(…)`, or standard input as `-`), up to a bound:
/// an endless stream (`/dev/zero`, a runaway producer) stops with an error instead of filling memory.
public enum InputFile {
    /// More than any incident document; a 1 MB postmortem is already very large.
    public static let limit = 64 * 1024 * 1024

    /// The bytes of `path` (`-` for `standardInput`); folders, missing and unreadable files fail in one line.
    public static func read(_ path: String, limit: Int = InputFile.limit, standardInput: Int32 = STDIN_FILENO) throws(IncidentError) -> Data {
        let name = path == "-" ? "standard input" : path
        var descriptor = standardInput
        if path != "-" {
            var info = stat()
            guard stat(path, &info) == 0 else { throw .unreadableFile(path: path, reason: "no such file, or not readable") }
            if info.st_mode & S_IFMT == S_IFDIR { throw .unreadableFile(path: path, reason: "it is a folder, not a file") }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: "no such file, or not readable") }
        }
        defer { if descriptor != standardInput { close(descriptor) } }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .unreadableFile(path: name, reason: String(cString: strerror(errno))) }
            if count == 0 { return data }
            guard data.count + count <= limit else {
                throw .unreadableFile(path: name, reason: "it is longer than \(limit / (1024 * 1024)) MiB, more than any incident document")
            }
            data.append(contentsOf: buffer[..<count])
        }
    }
}

extension InputFile {
    /// The Markdown text of `path` (`-`: standard input), refusing binary files; invalid UTF-8 is replaced (U+FFFD),
    /// as libcmark does with CMARK_OPT_VALIDATE_UTF8.
    public static func markdown(_ path: String, standardInput: Int32 = STDIN_FILENO) throws(IncidentError) -> String {
        let data = try read(path, standardInput: standardInput)
        // Searched with memchr: Data's element-by-element `contains` cost more than the rest of reading the file.
        guard !data.withUnsafeBytes({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }) else {
            throw .unreadableFile(path: path == "-" ? "standard input" : path, reason: "it contains NUL bytes, so it is not a Markdown text file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
