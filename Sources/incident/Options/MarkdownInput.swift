import Foundation
import IncidentKit

/// Reads a Markdown document from a file or standard input, refusing what is not text.
enum MarkdownInput {
    static func read(_ path: String, console: Console) throws(IncidentError) -> String {
        let data = try console.read(path)
        let name = path == "-" ? "standard input" : path
        // Searched with memchr: Data's element-by-element `contains` cost more than the rest of reading the file.
        guard !data.withUnsafeBytes({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }) else { throw .unreadableFile(path: name, reason: "it contains NUL bytes, so it is not a Markdown text file") }
        // Invalid UTF-8 is replaced (U+FFFD), as libcmark does with CMARK_OPT_VALIDATE_UTF8.
        return String(decoding: data, as: UTF8.self)
    }
}
