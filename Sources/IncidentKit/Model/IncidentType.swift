import Foundation

/// What kind of incident it is: one lowercase word such as `availability`, `security`, `data-loss` or `performance`.
/// Free words, not a fixed list (teams name their own kinds), held to one rule so that each is also a GitHub label
/// (`type:security`), a filter value and a front matter value as it is.
public struct IncidentType: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The word, as stored and shown.
    public let word: String

    /// The longest word taken.
    public static let maximumLength = 32

    /// Reads a typed type: trimmed, then held to the rule exactly (`Security` is refused, not lowercased, so what is
    /// stored is what was typed).
    public init(parsing text: String) throws(IncidentError) {
        let word = text.trimmingSpaces()
        guard Self.isValid(word) else { throw .invalidIncidentType(word) }
        self.word = word
    }

    /// Reads the value of a change (`set --type`): empty text clears the type (nil), other text must be a type.
    public static func parsingOrClearing(_ text: String) throws(IncidentError) -> IncidentType? {
        text.trimmingSpaces().isEmpty ? nil : try IncidentType(parsing: text)
    }

    /// Reads a type written in a document or on GitHub (`Type: Security`, a `type:Security` label): trimmed and
    /// lowercased; nil when even that breaks the rule.
    public init?(reading text: String) {
        let word = text.trimmingSpaces().lowercased()
        guard Self.isValid(word) else { return nil }
        self.word = word
    }

    /// Lowercase ASCII letters, digits and `-`, 1 to 32 of them, starting with a letter (the CHECK of `incident.type`).
    public static func isValid(_ word: String) -> Bool {
        let bytes = word.utf8
        guard let first = bytes.first, (1...maximumLength).contains(bytes.count), isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    public var description: String { word }

    public static func < (a: IncidentType, b: IncidentType) -> Bool { a.word < b.word }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
}

extension IncidentType {
    /// The prefix of the GitHub label that carries the type.
    public static let labelPrefix = "type:"

    /// The GitHub label of this type: `type:security`.
    public var label: String { Self.labelPrefix + word }

    /// The type a label names (`type:security`, any case), or nil for every other label.
    public init?(label: String) {
        let name = label.trimmingSpaces()
        guard name.count > Self.labelPrefix.count, name.lowercased().hasPrefix(Self.labelPrefix) else { return nil }
        self.init(reading: String(name.dropFirst(Self.labelPrefix.count)))
    }
}

extension Incident {
    /// Moves `type:WORD` labels out of the labels (they are the type as GitHub shows it, not labels of their own); the
    /// first one becomes the type when the incident has none. Returns whether any was taken.
    @discardableResult
    public mutating func takeTypeLabels() -> Bool {
        let typed = labels.compactMap(IncidentType.init(label:))
        guard !typed.isEmpty else { return false }
        labels.removeAll { IncidentType(label: $0) != nil }
        if type == nil { type = typed.first }
        return true
    }

    /// The labels its GitHub issue carries: its own, and its type's (`type:security`) when it has one.
    public var issueLabels: [String] {
        guard let type, !labels.contains(where: { $0.lowercased() == type.label }) else { return labels }
        return labels + [type.label]
    }
}
