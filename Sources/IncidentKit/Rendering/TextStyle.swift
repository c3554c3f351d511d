import Foundation

/// Colour for terminal text: severity (P0 red … P4 dim), status, boxes, overdue times, headings. `plain` for pipes,
/// files and NO_COLOR; rendered Markdown and JSON never use it. Written out rather than taken from a colour library:
/// a dozen SGR codes, and nothing added to start-up.
public struct TextStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TextStyle(enabled: false)
    public static let ansi = TextStyle(enabled: true)

    func paint(_ text: String, _ codes: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text
    }

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
