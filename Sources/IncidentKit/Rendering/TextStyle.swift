import Foundation

/// Colour for terminal text: severity (P0 red … P4 dim), status, boxes, overdue times, headings. `plain` for pipes,
/// files and NO_COLOR; rendered Markdown and JSON never use it. Written out rather than taken from a colour library:
/// a dozen SGR codes, and nothing added to start-up.
public struct TextStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TextStyle(enabled: false)
    public static let ansi = TextStyle(enabled: true)

    /// Stands for `ESC [` in coloured text until `TerminalText.visible` prints it. Drawn at random from a private-use
    /// plane once per process, so text from a file, a database or GitHub can't contain it: any ESC it holds is shown,
    /// and only the colour this tool chose reaches the terminal.
    public static let escapeToken: String = {
        var generator = SystemRandomNumberGenerator()
        let scalars = (0..<6).map { _ in Unicode.Scalar(UInt32.random(in: 0xF0000...0xFFFFD, using: &generator))! }
        return String(String.UnicodeScalarView(scalars))
    }()

    func paint(_ text: String, _ codes: String) -> String {
        enabled && !text.isEmpty ? "\(Self.escapeToken)\(codes)m\(text)\(Self.escapeToken)0m" : text
    }

    /// Starts and ends a highlighted passage (a search match): bold yellow, or brackets without colour.
    public var highlightStart: String { enabled ? "\(Self.escapeToken)1;33m" : "[" }
    public var highlightEnd: String { enabled ? "\(Self.escapeToken)0m" : "]" }

    public func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .p0: paint(text, "1;31")
        case .p1: paint(text, "31")
        case .p2: paint(text, "33")
        case .p3: paint(text, "36")
        case .p4: paint(text, "2")
        }
    }

    public func status(_ status: Status, _ text: String) -> String {
        switch status {
        case .investigating: paint(text, "31")
        case .identified: paint(text, "33")
        case .mitigated, .monitoring: paint(text, "34")
        case .resolved: paint(text, "32")
        case .closed, .cancelled: paint(text, "2")
        }
    }

    /// `[x]` green, `[ ]` as it is.
    public func box(_ done: Bool) -> String { done ? paint("[x]", "32") : "[ ]" }
    public func heading(_ text: String) -> String { paint(text, "1") }
    public func overdue(_ text: String) -> String { paint(text, "1;31") }
    public func good(_ text: String) -> String { paint(text, "32") }
    public func bad(_ text: String) -> String { paint(text, "31") }
    public func dim(_ text: String) -> String { paint(text, "2") }
}
