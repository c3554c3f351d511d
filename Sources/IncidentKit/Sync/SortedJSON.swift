import Foundation

/// Compact JSON with sorted keys, written byte for byte as `JSONSerialization` writes it with `.sortedKeys` and
/// `.withoutEscapingSlashes` (with `<` and `>` written as `\u003c`/`\u003e`, so no text can end the HTML comment that
/// carries it), so records written by earlier releases and this one agree. Foundation on Linux orders
/// the keys with a locale-aware comparison on every pair, which made writing a large shared record most of a merge's
/// work; keys of letters and digits are ordered here the same way without it.
enum SortedJSON {
    /// A JSON value of the shapes the shared record writes.
    indirect enum Value {
        case string(String)
        case number(Int64)
        case null
        case array([Value])
        case object([String: Value])
    }

    static func write(_ value: Value) -> String {
        var output = ""
        output.reserveCapacity(4096)
        write(value, into: &output)
        return output
    }

    private static func write(_ value: Value, into output: inout String) {
        switch value {
        case .string(let text): writeString(text, into: &output)
        case .number(let number): output += String(number)
        case .null: output += "null"
        case .array(let values):
            output += "["
            for (index, element) in values.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted(by: precedes).enumerated() {
                if index > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                write(members[key]!, into: &output)
            }
            output += "}"
        }
    }

    /// Escapes as JSONSerialization does: quote, backslash and the control characters, and the angle brackets;
    /// everything else as it is.
    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "\u{0}"..."\u{F}": output += "\\u000" + String(scalar.value, radix: 16)
            case "\u{10}"..."\u{1F}": output += "\\u00" + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Whether key `a` sorts before `b` as `String.compare(_:options: [.numeric, .caseInsensitive, .forcedOrdering])`
    /// orders them: runs of digits by their value, letters without regard to case. Keys with other characters, or
    /// that compare equal that way, are left to Foundation.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        var x = left.next(), y = right.next()
        while let l = x, let r = y {
            guard isLetterOrDigit(l), isLetterOrDigit(r) else { return foundationPrecedes(a, b) }
            if isDigit(l), isDigit(r) {
                var leftRun: [UInt8] = [], rightRun: [UInt8] = []
                while let digit = x, isDigit(digit) { leftRun.append(digit); x = left.next() }
                while let digit = y, isDigit(digit) { rightRun.append(digit); y = right.next() }
                let leftValue = leftRun.drop { $0 == UInt8(ascii: "0") }, rightValue = rightRun.drop { $0 == UInt8(ascii: "0") }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
                if leftRun.count != rightRun.count { return foundationPrecedes(a, b) }
                continue
            }
            let (lower, upper) = (folded(l), folded(r))
            if lower != upper { return lower < upper }
            x = left.next()
            y = right.next()
        }
        if let x, !isLetterOrDigit(x) { return foundationPrecedes(a, b) }
        if let y, !isLetterOrDigit(y) { return foundationPrecedes(a, b) }
        if x == nil, y == nil { return foundationPrecedes(a, b) }
        return x == nil
    }

    static func foundationPrecedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                  locale: NSLocale.system) == .orderedAscending
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func folded(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte }
}
