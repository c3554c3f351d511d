import Foundation

/// YAML (`---` … `---`) or TOML (`+++` … `+++`) front matter at the top of a document, as Jekyll, Hugo and
/// GitHub issue templates write it: simple keys with a string or a list, read without a YAML library (the
/// subset is small, and every command would pay a library's start-up). What isn't a simple key stays as written.
struct FrontMatter {
    struct Entry {
        var key: String
        var values: [String]
        /// The entry's lines as written.
        var raw: [String]
    }

    var entries: [Entry] = []
    /// The 1-based lines it spans, fences included.
    var lines: ClosedRange<Int>

    /// The front matter of `lines`, if the first line opens one and a later line closes it.
    init?(_ lines: [String]) {
        guard let first = lines.first?.trimmingSpaces(), first == "---" || first == "+++" else { return nil }
        let toml = first == "+++"
        guard let close = lines.dropFirst().firstIndex(where: {
            let line = $0.trimmingSpaces()
            return toml ? line == "+++" : (line == "---" || line == "...")
        }) else { return nil }
        self.lines = 1...(close + 1)
        for line in lines[1..<close] {
            let trimmed = line.trimmingSpaces()
            if !line.hasPrefix(" "), !line.hasPrefix("\t"), !trimmed.isEmpty, !trimmed.hasPrefix("#"),
               let separator = trimmed.firstIndex(of: toml ? "=" : ":") {
                let key = trimmed[..<separator].trimmingSpaces().lowercased()
                let value = trimmed[trimmed.index(after: separator)...].trimmingSpaces()
                entries.append(Entry(key: key, values: Self.values(value), raw: [line]))
            } else if !entries.isEmpty {
                // A continuation: `  - item` of a block list, or text of a nested value.
                entries[entries.count - 1].raw.append(line)
                if trimmed.hasPrefix("- ") { entries[entries.count - 1].values.append(Self.unquoted(String(trimmed.dropFirst(2)))) }
            }
        }
        guard !entries.isEmpty || close == 1 else { return nil }
    }

    /// The values of the first of `keys` that has any.
    func values(_ keys: String...) -> [String]? {
        for key in keys { if let entry = entries.first(where: { $0.key == key }), !entry.values.isEmpty { return entry.values } }
        return nil
    }

    /// `[a, "b"]` → a, b; `["x,y"]` → x,y (a comma inside quotes is text); `'x'` → x; `a, b` stays one value.
    static func values(_ text: String) -> [String] {
        if text.hasPrefix("["), text.hasSuffix("]") {
            return items(of: text.dropFirst().dropLast()).map { unquoted($0.trimmingSpaces()) }.filter { !$0.isEmpty }
        }
        let value = unquoted(text)
        return value.isEmpty ? [] : [value]
    }

    /// The items of an inline list, split at commas outside single or double quotes.
    static func items(of list: Substring) -> [String] {
        var items: [String] = [], current = "", quote: Character?
        for character in list {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        return items + [current]
    }

    static func unquoted(_ text: String) -> String {
        var value = text
        if let hash = value.range(of: " #"), !value.hasPrefix("\""), !value.hasPrefix("'") { value = String(value[..<hash.lowerBound]) }
        value = value.trimmingSpaces()
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            value = String(value.dropFirst().dropLast())
            if first == "'" { value = value.replacingOccurrences(of: "''", with: "'") }
        }
        return value
    }
}
