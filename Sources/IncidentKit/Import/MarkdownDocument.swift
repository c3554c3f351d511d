import CCmark
import Foundation

/// A Markdown document parsed by libcmark into Swift values; the only code that touches cmark.
public struct MarkdownDocument: Sendable {
    /// The document's root (kind `.document`); its children are the top-level blocks.
    public let root: MarkdownBlock

    public var blocks: [MarkdownBlock] { root.children }

    /// The deepest nesting kept: past it, lists and block quotes are flattened into the block at this depth and
    /// items (each may be a task) follow one another there, so every block and task is still in the tree.
    /// Swift frees (and compares) nested values recursively: a 500,000-deep quote overflowed the stack.
    public static let maximumDepth = 1_000

    /// Parses CommonMark; invalid UTF-8 is replaced, never passed through.
    public init(parsing source: String) {
        self.init(parsing: Array(source.utf8))
    }

    public init(parsing bytes: [UInt8]) {
        let lines = SourceLines(bytes)
        let options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SOURCEPOS
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }) else {
            root = MarkdownBlock(kind: .document, lines: 1...1)
            return
        }
        defer { cmark_node_free(document) }
        root = Self.convert(document, lines: lines)
    }

    /// What became of a container cmark entered: a block on the stack, flattened away, or an item closed early.
    private enum Opened { case block, flattened, closedEarly }

    /// Walks cmark's tree with its iterator (no recursion), keeping the result within `maximumDepth`.
    private static func convert(_ document: OpaquePointer, lines: SourceLines) -> MarkdownBlock {
        guard let iterator = cmark_iter_new(document) else { return MarkdownBlock(kind: .document, lines: 1...1) }
        defer { cmark_iter_free(iterator) }
        var stack: [MarkdownBlock] = []
        var opened: [Opened] = []
        var finished: MarkdownBlock?
        func close() {
            guard var block = stack.popLast() else { return }
            if block.kind == .item { block.task = taskState(of: block) }
            if stack.isEmpty { finished = block } else { stack[stack.count - 1].children.append(block) }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if !stack.isEmpty { stack[stack.count - 1].text += literal(node) }
            case CMARK_NODE_SOFTBREAK:
                if !stack.isEmpty { stack[stack.count - 1].text += " " }
            case CMARK_NODE_LINEBREAK:
                if !stack.isEmpty { stack[stack.count - 1].text += "\n" }
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                var block = makeBlock(node, type: type, lines: lines)
                block.text = literal(node)
                if !stack.isEmpty { stack[stack.count - 1].children.append(block) }
            case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
                 CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if event == CMARK_EVENT_EXIT {
                    if opened.popLast() == .block { close() }
                } else if stack.count < maximumDepth || type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                    stack.append(makeBlock(node, type: type, lines: lines))
                    opened.append(.block)
                } else if type == CMARK_NODE_ITEM {
                    // An item past the limit never holds another: the open one ends here, with what it has so far
                    // (its lines too, or its nested items would count as its own), and the new one follows it.
                    if stack.count > maximumDepth, let outer = opened.lastIndex(of: .block) {
                        opened[outer] = .closedEarly
                        let item = stack[stack.count - 1]
                        stack[stack.count - 1].lines = item.lines.lowerBound...max(item.lines.lowerBound, item.children.last?.lines.upperBound ?? 0)
                        close()
                    }
                    stack.append(makeBlock(node, type: type, lines: lines))
                    opened.append(.block)
                } else {
                    opened.append(.flattened)
                }
            default:
                break // emphasis, links and images only wrap text, which is collected above
            }
        }
        return finished ?? MarkdownBlock(kind: .document, lines: 1...1)
    }

    private static func makeBlock(_ node: OpaquePointer, type: cmark_node_type, lines: SourceLines) -> MarkdownBlock {
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        let startColumn = Int(cmark_node_get_start_column(node)), endColumn = Int(cmark_node_get_end_column(node))
        let kind: MarkdownBlock.Kind
        switch type {
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_LIST: kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "")
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_HTML_BLOCK: kind = .html
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        default: kind = .document
        }
        let markdown: String
        switch kind {
        case .document, .list, .item, .blockQuote:
            // No copy of a container's source: every level would copy all it spans again, so a document nested
            // N deep would cost N times its size (200 lines of 10,000 `>` came to gigabytes).
            markdown = ""
        default:
            markdown = lines.slice(from: (start, startColumn), to: (end, endColumn),
                                   dedentContinuation: type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
        }
        return MarkdownBlock(kind: kind, markdown: markdown, lines: max(1, start)...max(1, start, end), column: startColumn)
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// libcmark has no task-list extension: a task is an item whose first paragraph starts with `[ ] `, `[x] ` or `[X] `.
    private static func taskState(of item: MarkdownBlock) -> MarkdownBlock.Task? {
        guard let first = item.children.first, first.kind == .paragraph, first.lines.lowerBound == item.lines.lowerBound else { return nil }
        let prefix = first.markdown.prefix(4)
        switch prefix {
        case "[ ] ": return .open
        case "[x] ", "[X] ": return .done
        default: return nil
        }
    }
}
