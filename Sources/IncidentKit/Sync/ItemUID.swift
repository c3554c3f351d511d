import Foundation

/// Item identities: random for a new item, derived from what the previous release wrote for the items it synced.
enum ItemUID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// 12 random letters and digits (62 bits): two machines never draw the same one.
    static func random() -> String { random(length: 12) }

    /// A replica's short name: it only breaks ties between writes made in the same millisecond.
    static func replica() -> String { random(length: 6) }

    private static func random(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The identity the previous release's marker `incident:KIND:NUMBER` maps to: the same on every machine.
    static func legacy(_ kind: SharedKind, _ number: Int) -> String {
        let letter = kind == .criterion ? "c" : String(kind.rawValue.prefix(1))
        return letter + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
    }

    /// A timeline entry of the previous release (which had no marker) is known by its minute, kind and words.
    static func legacyTimeline(at: Date, kind: TimelineKind, text: String) -> String {
        let minute = Int((at.timeIntervalSince1970 / 60).rounded(.down))
        return "t" + hash("\(minute)|\(kind.rawValue)|\(SyncPlan.normalised(text))")
    }

    static func legacySection(title: String) -> String { "s" + hash(SyncPlan.normalised(title)) }

    /// The words' FNV-1a hash in base 36.
    static func hash(_ text: String) -> String { String(FNV1a.hash(text), radix: 36) }
}

extension ItemIdentities {
    /// Gives each item of `incident` that has no uid one. `previous` is the copy to recognise items in when this record
    /// was synced by the previous release (no base yet): an item with the number and words of one there, or a timeline entry
    /// of the same minute, kind and words, or a section of the same title, is that item. Anything else is new: random.
    /// `suggested` gives identities to use first for items that have none (by the same handles).
    mutating func complete(for incident: Incident, recognising previous: SharedRecord?, suggested: ItemIdentities? = nil) {
        var used = Set(actions.values).union(criteria.values).union(whys.values).union(lessons.values).union(sections.values)
            .union(timeline.values).union(publicUpdates.values)
        func take(_ candidate: String?) -> String {
            if let candidate, used.insert(candidate).inserted { return candidate }
            var uid = ItemUID.random()
            while !used.insert(uid).inserted { uid = ItemUID.random() }
            return uid
        }
        func match(_ kind: SharedKind, _ number: Int, _ text: String) -> String? {
            guard let previous, let uid = previous.numbers(kind)[number],
                  SyncPlan.normalised(previous.items[uid]?.value("text") ?? "") == SyncPlan.normalised(text) else { return nil }
            return uid
        }
        for action in incident.actions where actions[action.number] == nil {
            actions[action.number] = take(suggested?.actions[action.number] ?? match(.action, action.number, action.text))
        }
        for criterion in incident.criteria where criteria[criterion.number] == nil {
            criteria[criterion.number] = take(suggested?.criteria[criterion.number] ?? match(.criterion, criterion.number, criterion.text))
        }
        for why in incident.whys where whys[why.number] == nil { whys[why.number] = take(suggested?.whys[why.number] ?? match(.why, why.number, why.text)) }
        for lesson in incident.lessons where lessons[lesson.number] == nil {
            lessons[lesson.number] = take(suggested?.lessons[lesson.number] ?? match(.lesson, lesson.number, lesson.text))
        }
        var previousSections: [String: String] = [:], previousTimeline: [String: String] = [:]
        if let previous {
            for (uid, item) in previous.items where !item.isRemoved {
                if item.kind == .section, let title = item.value("title") {
                    previousSections[SyncPlan.normalised(title)] = previousSections[SyncPlan.normalised(title)] ?? uid
                }
                if item.kind == .timeline, let at = item.value("at").flatMap(SharedRecord.date),
                   let kind = item.value("kind").flatMap(TimelineKind.init(rawValue:)) {
                    let key = ItemUID.legacyTimeline(at: at, kind: kind, text: item.value("text") ?? "")
                    previousTimeline[key] = min(previousTimeline[key] ?? uid, uid)
                }
            }
        }
        for (index, section) in incident.sections.enumerated() where sections[index + 1] == nil {
            sections[index + 1] = take(suggested?.sections[index + 1] ?? (previous == nil ? nil : previousSections[SyncPlan.normalised(section.title)]))
        }
        for update in incident.publicUpdates {
            guard let id = update.id, publicUpdates[id] == nil else { continue }
            publicUpdates[id] = take(suggested?.publicUpdates[id])
        }
        for entry in incident.timeline {
            guard let id = entry.id, timeline[id] == nil else { continue }
            timeline[id] = take(suggested?.timeline[id]
                                ?? (previous == nil ? nil : previousTimeline[ItemUID.legacyTimeline(at: entry.at, kind: entry.kind, text: entry.text)]))
        }
    }
}

extension SharedRecord {
    /// The record of a body the previous release wrote (no hidden copy): its items known by the identities that release's
    /// markers map to, every value stamped zero (as old as anything), the boxes as the body shows them.
    static func legacy(_ incident: Incident) -> SharedRecord {
        var ids = ItemIdentities()
        for action in incident.actions { ids.actions[action.number] = ItemUID.legacy(.action, action.number) }
        for criterion in incident.criteria { ids.criteria[criterion.number] = ItemUID.legacy(.criterion, criterion.number) }
        for why in incident.whys { ids.whys[why.number] = ItemUID.legacy(.why, why.number) }
        for lesson in incident.lessons { ids.lessons[lesson.number] = ItemUID.legacy(.lesson, lesson.number) }
        for (index, section) in incident.sections.enumerated() { ids.sections[index + 1] = ItemUID.legacySection(title: section.title) }
        var numbered = incident
        for index in numbered.timeline.indices {
            let entry = numbered.timeline[index]
            numbered.timeline[index].id = Int64(index + 1)
            ids.timeline[Int64(index + 1)] = ItemUID.legacyTimeline(at: entry.at, kind: entry.kind, text: entry.text)
        }
        return local(values(of: numbered, ids: ids), tombstones: [], base: nil, edit: .zero)
    }
}
