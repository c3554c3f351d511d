import CCmark
import Foundation

/// User Markdown rendered to HTML by libcmark in its safe mode: raw HTML and `javascript:` links are dropped.
public enum MarkdownHTML {
    /// A block of Markdown as HTML.
    public static func render(_ markdown: String) -> String {
        // CMARK_OPT_UNSAFE is deliberately absent: the default is safe since cmark 0.29.
        let options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SAFE
        let bytes = Array(markdown.utf8)
        guard let pointer = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_markdown_to_html($0.baseAddress, $0.count, options) }
        }) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// One line of Markdown as inline HTML, without the paragraph around it.
    public static func inline(_ text: String) -> String {
        // A leading "#" or "1." would turn the line into a heading or list; escape so it stays inline.
        var html = render(MarkdownEscaping.inline(text)).trimmingSpacesAndNewlines()
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }
}
