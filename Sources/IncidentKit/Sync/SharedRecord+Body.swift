import Foundation

/// The shared record travels at the end of the issue body in one hidden HTML comment, as compact JSON with sorted keys
/// (so the same record always writes the same bytes):
///
///     <!-- incident:state {"f":{"title":["Checkout down",1765000000000,"k3f9a2"]},"i":{"x7…":{"c":[…],"f":{…},"k":"action"}},"v":1} -->
///
/// A register is `[value, time, replica]`; an item's field written when the item was created is its bare value, and
/// one left empty since then is not written.
/// `<` and `>` are written as `\u003c`/`\u003e`, so no text can end the comment early.
extension SharedRecord {
    static let openMarker = "<!-- incident:state "
    static let closeMarker = " -->"
    static let version = 1

    /// The hidden block for an issue body.
    public func bodyBlock() -> String {
        Self.openMarker + json() + Self.closeMarker
    }

    /// The block's JSON.
    public func json() -> String {
        var items: [String: SortedJSON.Value] = [:]
        for (uid, item) in self.items {
            var entry: [String: SortedJSON.Value] = ["k": .string(item.kind.rawValue), "c": Self.encode(item.created)]
            if let removed = item.removed { entry["x"] = Self.encode(removed) }
            // A field empty since the item was created is left out: absent reads as empty, as old as the item.
            let written = item.fields.filter { $0.value.stamp != item.created || $0.value.value != nil }
            if !written.isEmpty {
                entry["f"] = .object(written.mapValues { register in
                    register.stamp == item.created ? .string(register.value!) : Self.encode(register)
                })
            }
            items[uid] = .object(entry)
        }
        let object: SortedJSON.Value = .object(["v": .number(Int64(Self.version)), "f": .object(fields.mapValues(Self.encode)), "i": .object(items)])
        return SortedJSON.write(object)
    }

    /// The record in a body's hidden block; nil when the body has none (written by hand, or by the previous release).
    /// A block that is there but can't be read is an error: merging without it could lose what it holds.
    public static func read(fromBody body: String) throws(IncidentError) -> SharedRecord? {
        guard let open = body.range(of: openMarker, options: .backwards) else { return nil }
        guard let close = body.range(of: closeMarker, range: open.upperBound..<body.endIndex) else {
            throw .unreadableSharedRecord("its hidden incident:state block has no end")
        }
        return try read(json: String(body[open.upperBound..<close.lowerBound]))
    }

    public static func read(json: String) throws(IncidentError) -> SharedRecord {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw .unreadableSharedRecord("its hidden incident:state block is not JSON")
        }
        guard let version = object["v"] as? Int, version <= Self.version else {
            throw .unreadableSharedRecord("its hidden incident:state block is of a newer release; upgrade incident")
        }
        var record = SharedRecord()
        for (key, value) in object["f"] as? [String: Any] ?? [:] {
            guard let register = decodeRegister(value) else { throw .unreadableSharedRecord("field \(key) is damaged") }
            record.fields[key] = register
        }
        for (uid, value) in object["i"] as? [String: Any] ?? [:] {
            guard let entry = value as? [String: Any], let kind = (entry["k"] as? String).flatMap(SharedKind.init(rawValue:)),
                  let created = decodeStamp(entry["c"]) else { throw .unreadableSharedRecord("item \(uid) is damaged") }
            var item = SharedItem(kind: kind, created: created, removed: entry["x"].flatMap(decodeStamp))
            for (field, raw) in entry["f"] as? [String: Any] ?? [:] {
                if raw is NSNull {
                    item.fields[field] = Register(nil, created)
                } else if let text = raw as? String {
                    item.fields[field] = Register(text, created)
                } else if let register = decodeRegister(raw) {
                    item.fields[field] = register
                } else {
                    throw .unreadableSharedRecord("item \(uid) field \(field) is damaged")
                }
            }
            record.items[uid] = item
        }
        return record
    }

    /// The body without its hidden block (what people see, and what the importer reads).
    public static func visiblePart(of body: String) -> String {
        guard let open = body.range(of: openMarker, options: .backwards) else { return body }
        let end = body.range(of: closeMarker, range: open.upperBound..<body.endIndex)?.upperBound ?? body.endIndex
        return String(body[..<open.lowerBound]) + String(body[end...])
    }

    private static func encode(_ stamp: Stamp) -> SortedJSON.Value { .array([.number(stamp.time), .string(stamp.replica)]) }

    private static func encode(_ register: Register) -> SortedJSON.Value {
        .array([register.value.map(SortedJSON.Value.string) ?? .null, .number(register.stamp.time), .string(register.stamp.replica)])
    }

    private static func decodeStamp(_ value: Any?) -> Stamp? {
        guard let array = value as? [Any], array.count == 2, let replica = array[1] as? String, let time = int64(array[0]) else { return nil }
        return Stamp(time: time, replica: replica)
    }

    private static func int64(_ value: Any) -> Int64? {
        if let number = value as? Int { return Int64(number) }
        if let number = value as? Int64 { return number }
        return (value as? NSNumber)?.int64Value
    }

    private static func decodeRegister(_ value: Any) -> Register? {
        guard let array = value as? [Any], array.count == 3, let replica = array[2] as? String, let time = int64(array[1]) else { return nil }
        if array[0] is NSNull { return Register(nil, Stamp(time: time, replica: replica)) }
        guard let text = array[0] as? String else { return nil }
        return Register(text, Stamp(time: time, replica: replica))
    }
}
