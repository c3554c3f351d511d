import Foundation

/// The source split into lines of bytes, to cut out the text of a block from cmark's line and column numbers.
struct SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts, and where it ends (before its line break).
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                starts.append(start)
                ends.append(index)
                if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        starts.append(start)
        ends.append(bytes.count)
    }

    /// Every line's text without its line break: line N here is cmark's line N, whatever the line endings.
    var texts: [String] { zip(starts, ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) } }

    /// The text from a 1-based (line, column) to another, inclusive; optionally with continuation lines' indentation removed.
    func slice(from start: (line: Int, column: Int), to end: (line: Int, column: Int), dedentContinuation: Bool) -> String {
        guard start.line >= 1, start.line <= starts.count, end.line >= start.line else { return "" }
        let last = min(end.line, starts.count)
        var pieces: [String] = []
        for line in start.line...last {
            let lineStart = starts[line - 1], lineEnd = ends[line - 1]
            var from = line == start.line ? min(lineEnd, lineStart + max(0, start.column - 1)) : lineStart
            let to = line == end.line ? min(lineEnd, max(from, lineStart + end.column)) : lineEnd
            if line != start.line, dedentContinuation {
                while from < to, bytes[from] == UInt8(ascii: " ") || bytes[from] == UInt8(ascii: "\t") { from += 1 }
            }
            pieces.append(String(decoding: bytes[from..<to], as: UTF8.self))
        }
        return pieces.joined(separator: "\n")
    }
}
