import Foundation

/// A block of a parsed Markdown document, as plain Swift values.
public struct MarkdownBlock: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case document
        case heading(level: Int)
        case paragraph
        case list(ordered: Bool)
        case item
        case codeBlock(info: String)
        case blockQuote
        case html
        case thematicBreak
    }

    /// Whether a list item is a task (`[ ]` / `[x]`) and if so, whether it is checked.
    public enum Task: Equatable, Sendable {
        case open, done
    }

    public var kind: Kind
    /// Plain text of the inlines (headings, paragraphs), the code of code blocks, the raw HTML of HTML blocks.
    public var text: String
    /// A leaf block (heading, paragraph, code, HTML, rule) exactly as it stands in the source, continuation lines
    /// included; empty for containers (document, list, item, block quote), whose children carry their own.
    public var markdown: String
    /// 1-based source lines the block spans.
    public var lines: ClosedRange<Int>
    /// 1-based column of the block's first character.
    public var column: Int
    public var children: [MarkdownBlock]
    /// Set on list items whose first paragraph starts with `[ ]`, `[x]` or `[X]` and a space.
    public var task: Task?

    public init(kind: Kind, text: String = "", markdown: String = "", lines: ClosedRange<Int>, column: Int = 1,
                children: [MarkdownBlock] = [], task: Task? = nil) {
        self.kind = kind
        self.text = text
        self.markdown = markdown
        self.lines = lines
        self.column = column
        self.children = children
        self.task = task
    }

    /// A task item's text after its checkbox; nil for other blocks.
    public var taskText: String? {
        guard task != nil, let first = children.first, first.kind == .paragraph else { return nil }
        return String(first.markdown.dropFirst(4))
    }

    /// Every block below this one, depth first, in document order.
    public var descendants: [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var stack = Array(children.reversed())
        while let block = stack.popLast() {
            result.append(block)
            stack.append(contentsOf: block.children.reversed())
        }
        return result
    }
}
