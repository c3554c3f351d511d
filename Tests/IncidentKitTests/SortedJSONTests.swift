import Foundation
import Testing
@testable import IncidentKit

/// The shared record's JSON must be the bytes JSONSerialization writes (sorted keys, no escaped slashes, angle
/// brackets as \u003c/\u003e), so copies written by earlier releases and this one agree.
struct SortedJSONTests {
    /// JSONSerialization's output for the same value, with the angle brackets escaped afterwards as the shared record
    /// did before it had its own writer.
    static func foundation(_ value: SortedJSON.Value) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object(value), options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
    }

    static func object(_ value: SortedJSON.Value) -> Any {
        switch value {
        case .string(let text): text
        case .number(let number): NSNumber(value: number)
        case .null: NSNull()
        case .array(let values): values.map(object)
        case .object(let members): members.mapValues(object)
        }
    }

    static func key(_ generator: inout SeededGenerator) -> String {
        // Item uids, replica names, field names and legacy keys: letters of both cases, digit runs (with leading
        // zeros), and now and then a character the fast path leaves to Foundation.
        let pieces = ["a", "b", "z", "A", "Q", "x", "0", "00", "7", "9", "10", "099", "123", "-", "_", ":", "é", "title", "At"]
        let count = Int(generator.next(upperBound: UInt64(6))) + 1
        return (0..<count).map { _ in pieces[Int(generator.next(upperBound: UInt64(pieces.count)))] }.joined()
    }

    static func text(_ generator: inout SeededGenerator) -> String {
        let pieces = ["plain", " ", "\"", "\\", "/", "<!--", "-->", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{8}", "\u{C}",
                      "üö®", "日本語", "🔥", "\u{7F}", "&amp;"]
        let count = Int(generator.next(upperBound: UInt64(8)))
        return (0..<count).map { _ in pieces[Int(generator.next(upperBound: UInt64(pieces.count)))] }.joined()
    }

    static func value(_ generator: inout SeededGenerator, depth: Int) -> SortedJSON.Value {
        switch depth == 0 ? generator.next(upperBound: UInt64(3)) : generator.next(upperBound: UInt64(5)) {
        case 0: return .string(text(&generator))
        case 1: return .number(Int64(bitPattern: generator.next()) >> Int64(generator.next(upperBound: UInt64(64))))
        case 2: return .null
        case 3: return .array((0..<generator.next(upperBound: UInt64(4))).map { _ in value(&generator, depth: depth - 1) })
        default:
            var members: [String: SortedJSON.Value] = [:]
            for _ in 0..<generator.next(upperBound: UInt64(12)) { members[key(&generator)] = value(&generator, depth: depth - 1) }
            return .object(members)
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func writesTheBytesJSONSerializationWrites(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            var members: [String: SortedJSON.Value] = [:]
            for _ in 0..<20 { members[Self.key(&generator)] = Self.value(&generator, depth: 3) }
            let value = SortedJSON.Value.object(members)
            #expect(SortedJSON.write(value) == (try Self.foundation(value)))
        }
    }

    @Test func ordersKeysAsFoundationDoes() {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<20_000 {
            let a = Self.key(&generator), b = Self.key(&generator)
            guard a != b else { continue }
            #expect(SortedJSON.precedes(a, b) == SortedJSON.foundationPrecedes(a, b), "\(a) vs \(b)")
        }
        // Item uids as ItemUID makes them.
        for _ in 0..<5_000 {
            let a = ItemUID.random(), b = ItemUID.random()
            #expect(SortedJSON.precedes(a, b) == SortedJSON.foundationPrecedes(a, b), "\(a) vs \(b)")
        }
    }
}
