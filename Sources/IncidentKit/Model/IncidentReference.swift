import Foundation

/// Parses and prints incident references (`INC-12`, `inc-12`, `12`).
public enum IncidentReference {
    /// `INC-<n>` for an incident number.
    public static func format(_ number: Int) -> String { "INC-\(number)" }

    /// Reads `INC-12`, `inc-12` or, when `allowBareNumber` is set, `12`.
    public static func parse(_ text: String, allowBareNumber: Bool = true) throws(IncidentError) -> Int {
        guard let number = number(in: text, allowBareNumber: allowBareNumber) else {
            throw .invalidReference(text)
        }
        return number
    }

    /// True when `text` is written `INC-<n>` (any case), the form that can't be mistaken for an item number.
    public static func isPrefixed(_ text: String) -> Bool {
        number(in: text, allowBareNumber: false) != nil
    }

    private static func number(in text: String, allowBareNumber: Bool) -> Int? {
        let trimmed = text.trimmingSpaces()
        var digits = Substring(trimmed)
        if trimmed.count > 4, trimmed.prefix(4).uppercased() == "INC-" {
            digits = trimmed.dropFirst(4)
        } else if !allowBareNumber {
            return nil
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let value = Int(digits), value > 0 else { return nil }
        return value
    }
}
