import Foundation

/// What a merge with the issue's copy did to the record here.
public struct MergeOutcome: Sendable {
    /// The incident as merged, its items numbered as on every machine.
    public var incident: Incident
    public var ids: ItemIdentities
    /// The identities of the items here as they were before the merge (new items given theirs): the handles a second,
    /// committing run of the same merge must give the same identities (`mergeShared(suggested:)`).
    public var assigned = ItemIdentities()
    /// The merged record: what a publish pushes, and the base of the next merge here.
    public var record: SharedRecord
    /// The stored incident changes.
    public var changesHere: Bool
    /// Items whose number moved, as people read it: "action 12 is now action 13".
    public var renumbered: [String] = []
    /// Fields changed both here and elsewhere since the last sync: "title (the change made elsewhere was later)".
    public var conflicts: [String] = []
    /// What came in: "2 actions", "1 timeline entry", "3 fields".
    public var arrived: [String] = []
    /// Boxes ticked or unticked by the merge.
    public var ticks: [(kind: ItemKind, number: Int, done: Bool)] = []

    /// The ticks as people read them: "checked action 4: Roll back".
    public var tickLines: [String] {
        ticks.map { tick in
            let text = tick.kind == .action ? incident.actions.first { $0.number == tick.number }?.text
                : incident.criteria.first { $0.number == tick.number }?.text
            let verb = tick.kind == .action ? (tick.done ? "checked" : "unchecked") : (tick.done ? "met" : "unmet")
            return "\(verb) \(tick.kind.rawValue) \(tick.number): \(text ?? "")"
        }
    }
}

/// The three-way merge of a record: the copy in the issue, the record here, and the base (the record as of the last
/// sync here). Pure values in, values out; the store runs it inside one transaction.
enum SharedMerge {
    /// `github` holds the tracked issues (by reference) whose state changed on GitHub since this machine last looked.
    static func merge(local: Incident, ids: ItemIdentities, tombstones: [Tombstone], base: SharedRecord?, remote: SharedRecord?,
                      edit: Stamp, github: [String: TrackedChange] = [:]) -> MergeOutcome {
        let values = SharedRecord.values(of: local, ids: ids)
        let mine = SharedRecord.local(values, tombstones: tombstones, base: base, edit: edit)
        var merged = remote.map { mine.merged(with: $0) } ?? mine
        if !github.isEmpty { merged = merged.applying(github, unconditionally: base == nil) }
        let localTimeline = Dictionary(ids.timeline.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        let localUpdates = Dictionary(ids.publicUpdates.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        let (incident, newIDs) = merged.incident(on: local, localTimeline: localTimeline, localPublicUpdates: localUpdates)
        var outcome = MergeOutcome(incident: incident, ids: newIDs, record: merged,
                                   changesHere: incident != local || !sameIdentities(ids, newIDs))
        if let remote { outcome.conflicts = conflicts(mine: mine, remote: remote, base: base ?? SharedRecord(), merged: merged, edit: edit) }
        outcome.renumbered = renumbered(before: ids, after: newIDs)
        outcome.arrived = arrived(local: local, ids: ids, incident: incident, newIDs: newIDs, mine: mine, merged: merged)
        outcome.ticks = ticks(local: local, ids: ids, incident: incident, newIDs: newIDs)
        return outcome
    }

    /// The same uid for every item handle (the order of timeline entries is compared through the incident).
    static func sameIdentities(_ a: ItemIdentities, _ b: ItemIdentities) -> Bool {
        a.actions == b.actions && a.criteria == b.criteria && a.whys == b.whys && a.lessons == b.lessons
            && a.sections == b.sections && Set(a.timeline.values) == Set(b.timelineInOrder)
            && Set(a.publicUpdates.values) == Set(b.publicUpdatesInOrder)
    }

    private static let names: [SharedKind: (String, String)] = [
        .action: ("action", "actions"), .criterion: ("criterion", "criteria"), .why: ("why", "whys"),
        .timeline: ("timeline entry", "timeline entries"), .section: ("section", "sections"), .lesson: ("lesson", "lessons"),
        .publicUpdate: ("public update", "public updates"),
    ]

    static func count(_ n: Int, _ kind: SharedKind) -> String {
        let (one, many) = names[kind] ?? (kind.rawValue, kind.rawValue + "s")
        return "\(n) \(n == 1 ? one : many)"
    }

    /// Registers both sides wrote since the base, to different values: the later write won (the merged record says which).
    private static func conflicts(mine: SharedRecord, remote: SharedRecord, base: SharedRecord, merged: SharedRecord, edit: Stamp) -> [String] {
        var found: [String] = []
        func check(_ name: String, _ here: Register?, _ there: Register?, _ before: Register?, _ result: Register?) {
            guard let here, let there, here.stamp == edit, there != before, here.value != there.value else { return }
            found.append("\(name) (kept the change made \(result?.stamp == edit ? "here" : "elsewhere"), the later one)")
        }
        for (key, register) in mine.fields {
            let name = SharedField.split(key).map { "\($0.0) \($0.1)" } ?? key
            check(name, register, remote.fields[key], base.fields[key], merged.fields[key])
        }
        let numbers = Dictionary(uniqueKeysWithValues: SharedKind.allCases.flatMap { kind in
            merged.numbers(kind).map { ($0.value, "\(names[kind]?.0 ?? kind.rawValue) \($0.key)") }
        })
        for (uid, item) in mine.items {
            guard let theirs = remote.items[uid] else { continue }
            for (field, register) in item.fields {
                let name = "\(numbers[uid] ?? (names[item.kind]?.0 ?? item.kind.rawValue)) \(field == "done" ? "box" : field)"
                check(name, register, theirs.fields[field], base.items[uid]?.fields[field], merged.items[uid]?.fields[field])
            }
        }
        return found.sorted()
    }

    private static func renumbered(before: ItemIdentities, after: ItemIdentities) -> [String] {
        var moves: [String] = []
        for kind in [SharedKind.action, .criterion, .why, .lesson] {
            let name = names[kind]?.0 ?? kind.rawValue
            let now = Dictionary(after.numbered(kind).map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
            for (number, uid) in before.numbered(kind).sorted(by: { $0.key < $1.key }) {
                if let moved = now[uid], moved != number {
                    moves.append("\(name) \(number) is now \(name) \(moved)")
                } else if now[uid] == nil {
                    moves.append("\(name) \(number) was removed on another machine")
                }
            }
        }
        return moves
    }

    private static func arrived(local: Incident, ids: ItemIdentities, incident: Incident, newIDs: ItemIdentities,
                                mine: SharedRecord, merged: SharedRecord) -> [String] {
        var parts: [String] = []
        let known = Set(ids.actions.values).union(ids.criteria.values).union(ids.whys.values).union(ids.lessons.values)
            .union(ids.sections.values).union(ids.timeline.values).union(ids.publicUpdates.values)
        for kind in SharedKind.allCases {
            let live = kind == .timeline ? newIDs.timelineInOrder : kind == .publicUpdate ? newIDs.publicUpdatesInOrder : Array(newIDs.numbered(kind).values)
            let new = live.filter { !known.contains($0) }.count
            if new > 0 { parts.append(count(new, kind)) }
        }
        var fields = merged.fields.filter { (mine.fields[$0.key]?.value ?? nil) != $0.value.value }.count
        for (uid, item) in merged.items where !item.isRemoved {
            guard let before = mine.items[uid], known.contains(uid) else { continue }
            // Boxes are reported one by one (`tickLines`).
            fields += item.fields.filter { $0.key != "done" && (before.fields[$0.key]?.value ?? nil) != $0.value.value }.count
        }
        if fields > 0 { parts.append("\(fields) field\(fields == 1 ? "" : "s")") }
        return parts
    }

    private static func ticks(local: Incident, ids: ItemIdentities, incident: Incident, newIDs: ItemIdentities)
        -> [(kind: ItemKind, number: Int, done: Bool)] {
        var result: [(kind: ItemKind, number: Int, done: Bool)] = []
        let actionsBefore = Dictionary(local.actions.compactMap { a in ids.actions[a.number].map { ($0, a.isDone) } }, uniquingKeysWith: { a, _ in a })
        for action in incident.actions {
            guard let uid = newIDs.actions[action.number] else { continue }
            if actionsBefore[uid] != action.isDone, actionsBefore[uid] != nil || action.isDone { result.append((.action, action.number, action.isDone)) }
        }
        let criteriaBefore = Dictionary(local.criteria.compactMap { c in ids.criteria[c.number].map { ($0, c.isMet) } }, uniquingKeysWith: { a, _ in a })
        for criterion in incident.criteria {
            guard let uid = newIDs.criteria[criterion.number] else { continue }
            if criteriaBefore[uid] != criterion.isMet, criteriaBefore[uid] != nil || criterion.isMet {
                result.append((.criterion, criterion.number, criterion.isMet))
            }
        }
        return result
    }
}
