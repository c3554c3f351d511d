import Foundation

/// When a value was written and by which machine (replica). Ordered by time, then replica, so every machine that
/// compares two stamps picks the same winner.
public struct Stamp: Comparable, Hashable, Sendable {
    /// Milliseconds since 1970.
    public var time: Int64
    public var replica: String

    public init(time: Int64, replica: String) {
        self.time = time
        self.replica = replica
    }

    /// The stamp of values every machine already had before items had identities (a record from the previous release).
    public static let zero = Stamp(time: 0, replica: "")

    public init(_ date: Date, replica: String) {
        self.init(time: Int64((date.timeIntervalSince1970 * 1000).rounded()), replica: replica)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(time) / 1000) }

    public static func < (a: Stamp, b: Stamp) -> Bool { (a.time, a.replica) < (b.time, b.replica) }

    /// A change seen on GitHub at `at` (a box ticked or a label changed in the browser): made after every write of
    /// `record`, the copy it was shown with.
    static func onGitHub(_ at: Date, after record: SharedRecord) -> Stamp {
        Stamp(time: max(Stamp(at, replica: "~github").time, record.latestStamp.time + 1), replica: "~github")
    }
}

/// One value of the record with the stamp of its last write: a last-writer-wins register. A nil value is a cleared field.
public struct Register: Equatable, Sendable {
    public var value: String?
    public var stamp: Stamp

    public init(_ value: String?, _ stamp: Stamp) {
        self.value = value
        self.stamp = stamp
    }

    /// The later write; two writes with the same stamp (which one machine never makes) are ordered by value.
    static func join(_ a: Register, _ b: Register) -> Register {
        if a.stamp != b.stamp { return a.stamp < b.stamp ? b : a }
        return (a.value ?? "") >= (b.value ?? "") ? a : b
    }
}

/// What kind of item a shared item is; its identity (uid) is the same on every machine.
public enum SharedKind: String, CaseIterable, Sendable {
    case action, criterion, why, timeline, section, lesson, publicUpdate
}

/// An item of the record as it travels: created once, its fields written as registers, removed by an explicit command.
/// A removal wins over every edit, on every machine; it is kept (as a tombstone) so an old copy can't bring the item back.
public struct SharedItem: Equatable, Sendable {
    public var kind: SharedKind
    /// When the item first reached a shared copy: it orders items, and so gives their numbers.
    public var created: Stamp
    public var removed: Stamp?
    public var fields: [String: Register]

    public init(kind: SharedKind, created: Stamp, removed: Stamp? = nil, fields: [String: Register] = [:]) {
        self.kind = kind
        self.created = created
        self.removed = removed
        self.fields = fields
    }

    public var isRemoved: Bool { removed != nil }

    public func value(_ field: String) -> String? { fields[field]?.value ?? nil }

    static func join(_ a: SharedItem, _ b: SharedItem) -> SharedItem {
        var item = a
        item.created = min(a.created, b.created)
        item.removed = [a.removed, b.removed].compactMap { $0 }.max()
        item.fields = SharedRecord.join(a.fields, b.fields)
        return item
    }
}

/// The whole record as it travels between machines in the issue body: a state-based CRDT (after git-bug's operations
/// merged by union): fields are last-writer-wins registers, items an add-wins set with tombstones. Merging two copies
/// is commutative, associative and idempotent, so machines that have seen the same copies hold the same record
/// whatever order they merged them in.
public struct SharedRecord: Equatable, Sendable {
    /// The incident's own fields, and one register per label, assignee, service and role (`label␟NAME`).
    public var fields: [String: Register]
    /// Items by uid.
    public var items: [String: SharedItem]

    public init(fields: [String: Register] = [:], items: [String: SharedItem] = [:]) {
        self.fields = fields
        self.items = items
    }

    public func value(_ field: String) -> String? { fields[field]?.value ?? nil }

    /// The union of two copies: every item either has, each field at its latest write.
    public func merged(with other: SharedRecord) -> SharedRecord {
        var items = self.items
        for (uid, item) in other.items {
            items[uid] = items[uid].map { SharedItem.join($0, item) } ?? item
        }
        return SharedRecord(fields: Self.join(fields, other.fields), items: items)
    }

    static func join(_ a: [String: Register], _ b: [String: Register]) -> [String: Register] {
        var result = a
        for (key, register) in b {
            guard let mine = result[key] else {
                result[key] = register
                continue
            }
            result[key] = key == SharedField.status ? StatusValue.join(mine, register) : Register.join(mine, register)
        }
        return result
    }

    /// The latest stamp anywhere in the record: a change made here after seeing it must be stamped later.
    public var latestStamp: Stamp {
        var latest = fields.values.map(\.stamp).max() ?? .zero
        for item in items.values {
            latest = max(latest, item.created, item.removed ?? .zero, item.fields.values.map(\.stamp).max() ?? .zero)
        }
        return latest
    }
}

/// Names of the incident's registers, in one place.
public enum SharedField {
    public static let title = "title", severity = "severity", status = "status", impact = "impact", summary = "summary"
    /// The incident's type; a copy from a release before types has no such register, which reads as no type.
    public static let type = "type"
    public static let rootCause = "rootCause", resolution = "resolution", declaredAt = "declaredAt", closedAt = "closedAt"
    public static let updateEvery = "updateEvery", playbooks = "playbooks"
    /// Shown on the public status page, and the title customers see there.
    public static let isPublic = "public", publicTitle = "publicTitle"
    /// Prefixes of the registers of set members: `label␟P0`.
    public static let label = "label", assignee = "assignee", service = "service", role = "role"
    static let separator: Character = "\u{1F}"

    static func member(_ prefix: String, _ name: String) -> String { prefix + String(separator) + name }

    /// `(prefix, name)` of a member's register key.
    static func split(_ key: String) -> (String, String)? {
        guard let index = key.firstIndex(of: separator) else { return nil }
        return (String(key[..<index]), String(key[key.index(after: index)...]))
    }
}

/// The status register holds `REOPENS|STATUS`. Two concurrent changes keep the one further along the lifecycle, unless
/// one side reopened the incident (more reopens): a reopen is an explicit step back, a concurrent move is not.
enum StatusValue {
    static func encode(_ status: Status, reopens: Int) -> String { "\(reopens)|\(status.rawValue)" }

    static func decode(_ value: String?) -> (reopens: Int, status: Status)? {
        guard let value, let bar = value.firstIndex(of: "|"), let reopens = Int(value[..<bar]),
              let status = Status(rawValue: String(value[value.index(after: bar)...])) else { return nil }
        return (reopens, status)
    }

    static func join(_ a: Register, _ b: Register) -> Register {
        guard let x = decode(a.value), let y = decode(b.value) else { return Register.join(a, b) }
        if x.reopens != y.reopens { return x.reopens > y.reopens ? a : b }
        if x.status.rank != y.status.rank { return x.status.rank > y.status.rank ? a : b }
        return Register.join(a, b)
    }
}

extension SharedRecord {
    /// The record with each tracked issue's change on GitHub written as a write of its item's box, stamped at GitHub's
    /// time: a later change elsewhere still wins, as with any field. `unconditionally` (a record never shared, whose
    /// stamps say nothing yet) applies every change that flips a box.
    func applying(_ changes: [String: TrackedChange], unconditionally: Bool) -> SharedRecord {
        var record = self
        for (uid, item) in items where item.kind == .action && !item.isRemoved {
            guard let reference = item.value("tracked"), let change = changes[reference] else { continue }
            let register = Register(change.done ? Self.done(change.at, "GitHub") : nil, Stamp(change.at, replica: "~github"))
            guard let current = item.fields["done"] else {
                record.items[uid]?.fields["done"] = register
                continue
            }
            if unconditionally {
                if (current.value != nil) != change.done { record.items[uid]?.fields["done"] = register }
            } else {
                record.items[uid]?.fields["done"] = Register.join(current, register)
            }
        }
        return record
    }
}

extension SharedRecord {
    /// The record with the type its issue's `labels` show written as a change made on GitHub (`stamp`), when they show
    /// another than the record holds: a `type:` label changed, added or removed in the browser. A later change made
    /// elsewhere still wins, as over a box ticked there. Of several other types shown, the first by name is taken.
    func observingTypeLabels(_ labels: [String], stamp: Stamp) -> SharedRecord {
        let shown = Set(labels.compactMap(IncidentType.init(label:)))
        let held = value(SharedField.type).flatMap(IncidentType.init(reading:))
        if shown.isEmpty ? held == nil : held.map({ shown == [$0] }) == true { return self }
        var record = self
        record.fields[SharedField.type] = Register(shown.filter { $0 != held }.min()?.word, stamp)
        return record
    }
}
