import Foundation

/// Small text readers the importer shares: key lines, dates, markers.
enum ImportText {
    /// `**Key:** value` or `Key: value` → (key, value); nil for other lines.
    static func keyValue(_ line: String) -> (key: String, value: String)? {
        guard mayStartWithKey(line) else { return nil }
        let trimmed = line.trimmingSpaces()
        if trimmed.hasPrefix("**"), let close = trimmed.rangeLiterally(of: ":**", from: trimmed.index(trimmed.startIndex, offsetBy: 2)) {
            let key = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close.lowerBound])
            guard !key.containsLiterally("**"), !key.isEmpty else { return nil }
            return (key.lowercased(), String(trimmed[close.upperBound...]).trimmingSpaces())
        }
        if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == " " }),
           !trimmed[..<colon].isEmpty, trimmed[..<colon].count <= 20 {
            return (String(trimmed[..<colon]).lowercased(), String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces())
        }
        return nil
    }

    /// False when `text` surely doesn't start, after spaces, with `**Key:**` or `Key:` (at most 20 letters and spaces,
    /// then a colon), judged on its ASCII bytes before it is trimmed; text that is not ASCII before the colon goes to
    /// the Character-by-Character test. Most lines are prose, and trimming them and finding their first colon
    /// Character by Character was the largest part of reading them.
    private static func mayStartWithKey(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return false }
        if bytes[start...].starts(with: "**".utf8) { return true }
        var count = 0
        for byte in bytes[start...] {
            if byte == UInt8(ascii: ":") { return count > 0 }
            if byte >= 0x80 { return true }
            guard byte == UInt8(ascii: " ") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) else { return false }
            count += 1
            if count > 20 { return false }
        }
        return false
    }

    /// A severity named in text: P0…P4, or SEV1…SEV5 mapped to P0…P4.
    static func severity(in text: String) -> (Severity, String)? {
        let upper = text.uppercased()
        let scalars = Array(upper.unicodeScalars)
        for index in scalars.indices {
            let boundaryBefore = index == 0 || !isWordScalar(scalars[index - 1])
            guard boundaryBefore else { continue }
            if scalars[index] == "P", index + 1 < scalars.count, let digit = Int(String(scalars[index + 1])), (0...4).contains(digit),
               index + 2 == scalars.count || !isWordScalar(scalars[index + 2]) {
                return (Severity(rawValue: digit)!, "P\(digit)")
            }
            if index + 3 < scalars.count, String(String.UnicodeScalarView(scalars[index..<index + 3])) == "SEV",
               let digit = Int(String(scalars[index + 3])), (1...5).contains(digit),
               index + 4 == scalars.count || !isWordScalar(scalars[index + 4]) {
                return (Severity(rawValue: digit - 1)!, "SEV\(digit)")
            }
        }
        return nil
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    static let datePattern = try! NSRegularExpression(pattern:
        #"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}\b|[A-Za-z]+/[A-Za-z_]+))?)?"#)

    /// The first date-time in `text` and the text around it; zone abbreviations are fixed offsets (PST is UTC−8).
    static func date(in text: String, zone: TimeZone?) -> (Date, Range<String.Index>)? {
        let range = NSRange(text.startIndex..., in: text)
        for match in datePattern.matches(in: text, range: range) {
            guard let found = Range(match.range, in: text) else { continue }
            let candidate = String(text[found])
            if let date = try? TimeExpression.parse(candidate, zone: zone) { return (date, found) }
            // "19:17 E2E" is not a zone: retry without the last word.
            if let space = candidate.lastIndex(of: " "), let date = try? TimeExpression.parse(String(candidate[..<space]), zone: zone) {
                return (date, found.lowerBound..<text.index(found.lowerBound, offsetBy: candidate.distance(from: candidate.startIndex, to: space)))
            }
        }
        return nil
    }

    /// `<!-- incident:action:3 done -->` at the end of a task line → (kind, number, rendered done), and the line without it.
    static func marker(in text: String) -> (kind: ItemKind, number: Int, done: Bool, rest: String)? {
        guard text.hasSuffix("-->"), let open = text.range(of: "<!-- incident:", options: .backwards) else { return nil }
        let body = text[open.upperBound..<text.index(text.endIndex, offsetBy: -3)].trimmingSpaces()
        let words = body.split(separator: " ")
        let parts = words.first?.split(separator: ":") ?? []
        guard parts.count == 2, let kind = ItemKind(rawValue: String(parts[0])), kind != .why, let number = Int(parts[1]) else { return nil }
        let rest = String(text[..<open.lowerBound]).trimmingSpaces()
        return (kind, number, words.dropFirst().first == "done", rest)
    }

    /// A trailing ` _(owner: NAME, due: TIME)_` as the renderer writes it.
    static func meta(in text: String, zone: TimeZone?) -> (owner: String?, due: Date?, rest: String)? {
        guard text.hasSuffix(")_"), let open = text.range(of: " _(", options: .backwards) else { return nil }
        let inner = text[open.upperBound..<text.index(text.endIndex, offsetBy: -2)]
        var owner: String?, due: Date?
        for part in inner.components(separatedBy: ", due: ").enumerated() {
            if part.offset == 0, part.element.hasPrefix("owner: ") {
                owner = MarkdownEscaping.unescapeInline(String(part.element.dropFirst("owner: ".count)))
            } else if part.offset == 0, part.element.hasPrefix("due: ") {
                due = try? TimeExpression.parse(String(part.element.dropFirst("due: ".count)), zone: zone)
            } else if part.offset == 1 {
                due = try? TimeExpression.parse(part.element, zone: zone)
            }
        }
        guard owner != nil || due != nil else { return nil }
        return (owner, due, String(text[..<open.lowerBound]))
    }

    /// A trailing ` (OWNER/NAME#N)`, the GitHub issue a follow-up is tracked as, as the renderer writes it.
    static func trackedIssue(in text: String) -> (issue: TrackedIssue, rest: String)? {
        guard text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards),
              let issue = TrackedIssue(reference: String(text[open.upperBound..<text.index(before: text.endIndex)])) else { return nil }
        return (issue, String(text[..<open.lowerBound]))
    }

    /// The pieces of `row` between its HTML line breaks (`<br>`, `<br/>`, `<br />`), found by their bytes.
    static func splitAtBreaks(_ row: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = row.startIndex, from = row.startIndex
        while let open = row.rangeLiterally(of: "<br", from: from) {
            let rest = row.utf8[open.upperBound...]
            guard let close = [">", "/>", " />"].first(where: { rest.starts(with: $0.utf8) }) else {
                from = open.upperBound
                continue
            }
            pieces.append(row[start..<open.lowerBound])
            start = row.utf8.index(open.upperBound, offsetBy: close.utf8.count)
            from = start
        }
        pieces.append(row[start...])
        return pieces
    }

    /// The timeline kind a foreign document's label suggests ("Issue Detected" → detected).
    static func timelineKind(for text: String) -> TimelineKind {
        let lower = text.lowercased()
        let rules: [(String, TimelineKind)] = [
            ("impact start", .impactStarted), ("root cause", .rootCauseIdentified), ("detected", .detected),
            ("acknowledged", .acknowledged), ("declared", .declared), ("deployed", .fixDeployed),
            ("mitigated", .mitigated), ("resolved", .resolved), ("closed", .closed),
        ]
        return rules.first { lower.containsLiterally($0.0) }?.1 ?? .note
    }
}
