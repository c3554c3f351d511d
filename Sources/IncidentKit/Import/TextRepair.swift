import Foundation

/// Repairs text that was UTF-8 read as Mac Roman or Windows-1252 (`üö®` for 🚨, `â€™` for ’), and decodes
/// HTML entities in typed fields (`&amp;` → `&`).
enum TextRepair {
    /// `text` with each mis-decoded run put back, and how many runs were repaired and from which encoding.
    ///
    /// A run of non-ASCII characters is re-encoded in each legacy encoding; when those bytes are valid UTF-8 and
    /// say something else, the run was mis-decoded. Real text in those encodings almost never forms valid
    /// multi-byte UTF-8 (`é` alone is 0xE9, never valid), and a run that can't be re-encoded (`日本`, `🚨`) is left.
    static func repairEncoding(_ text: String) -> (text: String, repaired: Int, encoding: String?) {
        // Most documents are ASCII: a look at the bytes decides, without walking the scalars (bench/README.md has the figures).
        var text = text
        guard text.withUTF8({ $0.contains { $0 >= 0x80 } }) else { return (text, 0, nil) }
        var result = ""
        var run = ""
        var repaired = 0
        var used: String?
        func flush() {
            guard !run.isEmpty else { return }
            if let (fixed, name) = repairRun(run) {
                result += fixed
                repaired += 1
                used = used ?? name
            } else {
                result += run
            }
            run = ""
        }
        for character in text {
            if character.unicodeScalars.allSatisfy(\.isASCII) {
                flush()
                result.append(character)
            } else {
                run.append(character)
            }
        }
        flush()
        return (result, repaired, used)
    }

    private static func repairRun(_ run: String) -> (String, String)? {
        for encoding in LegacyEncoding.allCases {
            guard let bytes = encoding.encode(run), bytes.contains(where: { $0 >= 0xC2 }),
                  let decoded = String(validating: bytes, as: UTF8.self), decoded != run,
                  decoded.unicodeScalars.count < run.unicodeScalars.count else { continue }
            return (decoded, encoding.name)
        }
        return nil
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "mdash": "—", "ndash": "–",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "copy": "©", "reg": "®", "trade": "™",
    ]

    /// `&amp;`, `&lt;`, `&#39;`, `&#x27;` decoded; anything else left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let tail = rest[rest.index(after: amp)...]
            if let semicolon = tail.prefix(10).firstIndex(of: ";") {
                let name = String(tail[..<semicolon])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = entities[name]
                }
                if let decoded {
                    result += decoded
                    rest = tail[tail.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = tail
        }
        return result + rest
    }
}
