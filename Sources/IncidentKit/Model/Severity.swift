import Foundation

/// How bad an incident is, from P0 (worst) to P4.
public enum Severity: Int, CaseIterable, Codable, Sendable, Comparable {
    case p0 = 0, p1, p2, p3, p4

    /// The label users type and see, such as `P0`.
    public var label: String { "P\(rawValue)" }

    /// Reads `P0`…`P4` (any case) or a bare digit.
    public init(parsing text: String) throws(IncidentError) {
        let trimmed = text.trimmingSpaces().uppercased()
        let digits = trimmed.hasPrefix("P") ? String(trimmed.dropFirst()) : trimmed
        guard let value = Int(digits), let severity = Severity(rawValue: value) else {
            throw .unknownSeverity(text)
        }
        self = severity
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
