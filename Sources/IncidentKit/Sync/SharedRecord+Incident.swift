import Foundation

/// The uid of each item of a stored incident, by the handle this machine keeps it under. An item gets its uid at its
/// first sync; before that it has none.
public struct ItemIdentities: Equatable, Sendable {
    public var actions: [Int: String] = [:]
    public var criteria: [Int: String] = [:]
    public var whys: [Int: String] = [:]
    public var lessons: [Int: String] = [:]
    /// By position (1 for the first section).
    public var sections: [Int: String] = [:]
    /// By timeline entry id.
    public var timeline: [Int64: String] = [:]
    /// By public update id.
    public var publicUpdates: [Int64: String] = [:]
    /// The uid of each timeline entry in the order of `Incident.timeline`, for entries stored by a merge (new ones have no id yet).
    public var timelineInOrder: [String] = []
    /// The uid of each public update in the order of `Incident.publicUpdates`.
    public var publicUpdatesInOrder: [String] = []

    public init() {}

    /// Numbered items of `kind`, number → uid.
    func numbered(_ kind: SharedKind) -> [Int: String] {
        switch kind {
        case .action: actions
        case .criterion: criteria
        case .why: whys
        case .lesson: lessons
        case .section: sections
        case .timeline, .publicUpdate: [:]
        }
    }
}

/// An item removed here by an explicit command: its removal travels with the record.
public struct Tombstone: Equatable, Sendable {
    public var uid: String
    public var kind: SharedKind
    public var number: Int?
    public var at: Date

    public init(uid: String, kind: SharedKind, number: Int?, at: Date) {
        self.uid = uid
        self.kind = kind
        self.number = number
        self.at = at
    }
}

/// The values of a record without stamps: what the incident here says, field by field.
struct RecordValues {
    var fields: [String: String] = [:]
    /// Each item's kind, fields, and place here (its number, position or place in time), which orders new items.
    var items: [String: (kind: SharedKind, fields: [String: String?], place: Int)] = [:]
}

extension SharedRecord {
    // MARK: From the stored incident

    /// The record's values as the stored incident holds them (every item must have its uid in `ids`).
    static func values(of incident: Incident, ids: ItemIdentities) -> RecordValues {
        var values = RecordValues()
        func set(_ key: String, _ value: String?) { if let value { values.fields[key] = value } }
        for field in IncidentField.allCases { set(field.sharedKey, field.sharedValue(of: incident)) }
        set(SharedField.playbooks, incident.playbooks.isEmpty ? nil : incident.playbooks.joined(separator: String(SharedField.separator)))
        for (index, label) in incident.labels.enumerated() { set(SharedField.member(SharedField.label, label), String(index)) }
        for (index, name) in incident.assignees.enumerated() { set(SharedField.member(SharedField.assignee, name), String(index)) }
        for (index, service) in incident.services.enumerated() {
            set(SharedField.member(SharedField.service, service.name), join([String(index), service.url ?? "", service.note ?? ""]))
        }
        for role in incident.roles { set(SharedField.member(SharedField.role, role.role), join([role.who, time(role.since)])) }

        for action in incident.actions {
            guard let uid = ids.actions[action.number] else { continue }
            values.items[uid] = (.action, ["text": action.text, "horizon": action.horizon.rawValue, "details": action.details,
                                           "owner": action.owner, "due": action.due.map(time), "group": action.group,
                                           "tracked": action.tracked?.reference, "done": done(action.doneAt, action.doneBy)], action.number)
        }
        for criterion in incident.criteria {
            guard let uid = ids.criteria[criterion.number] else { continue }
            values.items[uid] = (.criterion, ["text": criterion.text, "phase": criterion.phase.rawValue,
                                              "done": done(criterion.metAt, criterion.metBy)], criterion.number)
        }
        for why in incident.whys {
            guard let uid = ids.whys[why.number] else { continue }
            values.items[uid] = (.why, ["text": why.text, "parent": why.parent.flatMap { ids.whys[$0] },
                                        "root": why.isRootCause ? "1" : nil], why.number)
        }
        for lesson in incident.lessons {
            guard let uid = ids.lessons[lesson.number] else { continue }
            values.items[uid] = (.lesson, ["kind": lesson.kind.rawValue, "text": lesson.text], lesson.number)
        }
        for (index, section) in incident.sections.enumerated() {
            guard let uid = ids.sections[index + 1] else { continue }
            values.items[uid] = (.section, ["title": section.title, "markdown": section.markdown, "internal": section.isInternal ? "1" : nil], index + 1)
        }
        for (index, entry) in incident.timeline.enumerated() {
            guard let id = entry.id, let uid = ids.timeline[id] else { continue }
            values.items[uid] = (.timeline, ["at": time(entry.at), "kind": entry.kind.rawValue, "text": entry.text,
                                             "manual": entry.isManual ? "1" : nil, "from": entry.transition?.from.rawValue,
                                             "to": entry.transition?.to.rawValue], index)
        }
        for (index, update) in incident.publicUpdates.enumerated() {
            guard let id = update.id, let uid = ids.publicUpdates[id] else { continue }
            values.items[uid] = (.publicUpdate, ["at": time(update.at), "status": update.status.rawValue, "text": update.text], index)
        }
        return values
    }

    /// The record this machine holds: its values, stamped against `base` (the record as of the last sync here).
    /// A value equal to the base keeps the base's stamp; one that differs was changed here since, and is stamped `edit`
    /// (later than anything in the base, so a change made after seeing a value beats it). An item the base has and this
    /// machine lacks is kept as the base has it: only an explicit removal (a tombstone) removes.
    static func local(_ values: RecordValues, tombstones: [Tombstone], base: SharedRecord?, edit: Stamp) -> SharedRecord {
        let base = base ?? SharedRecord()
        var record = SharedRecord()
        for key in Set(values.fields.keys).union(base.fields.keys) {
            let value = values.fields[key]
            if let known = base.fields[key], known.value == value {
                record.fields[key] = known
            } else if key == SharedField.status, let value, let status = Status(rawValue: value) {
                let before = StatusValue.decode(base.fields[key]?.value)
                let reopens = (before?.reopens ?? 0) + (before.map { status.rank < $0.status.rank } == true ? 1 : 0)
                let encoded = StatusValue.encode(status, reopens: reopens)
                record.fields[key] = base.fields[key]?.value == encoded ? base.fields[key] : Register(encoded, edit)
            } else if value != nil || base.fields[key]?.value != nil {
                record.fields[key] = Register(value, edit)
            }
        }
        // Items new here are created in their order here (a millisecond apart), so every machine numbers them alike.
        let new = values.items.filter { base.items[$0.key] == nil }.sorted { ($0.value.place, $0.key) < ($1.value.place, $1.key) }
        var next: [SharedKind: Int64] = [:]
        for (uid, item) in new {
            let created = Stamp(time: edit.time + (next[item.kind] ?? 0), replica: edit.replica)
            next[item.kind, default: 0] += 1
            // Empty fields are left out (absent reads as empty), as the body's copy writes them.
            record.items[uid] = SharedItem(kind: item.kind, created: created, fields: item.fields.compactMapValues { $0 }.mapValues { Register($0, created) })
        }
        for (uid, item) in values.items {
            guard var known = base.items[uid] else { continue }
            for (field, value) in item.fields where (known.fields[field]?.value ?? nil) != value {
                known.fields[field] = Register(value, edit)
            }
            for field in known.fields.keys where item.fields[field] == nil && (known.fields[field]?.value ?? nil) != nil {
                known.fields[field] = Register(nil, edit)
            }
            record.items[uid] = known
        }
        for (uid, item) in base.items where record.items[uid] == nil { record.items[uid] = item }
        for tombstone in tombstones {
            guard var item = record.items[tombstone.uid] else { continue }
            item.removed = item.removed ?? edit
            record.items[tombstone.uid] = item
        }
        return record
    }

    // MARK: Back to an incident

    /// The item uids of `kind` in number order: every item ever created counts (removed ones keep their place, so a
    /// removal moves no other number), ordered by when it first reached a shared copy, then by uid.
    func order(_ kind: SharedKind) -> [(uid: String, item: SharedItem)] {
        items.filter { $0.value.kind == kind }.map { (uid: $0.key, item: $0.value) }
            .sorted { ($0.item.created, $0.uid) < ($1.item.created, $1.uid) }
    }

    /// Number → uid of the live items of `kind`, as every machine numbers them.
    public func numbers(_ kind: SharedKind) -> [Int: String] {
        var numbers: [Int: String] = [:]
        for (index, entry) in order(kind).enumerated() where !entry.item.isRemoved { numbers[index + 1] = entry.uid }
        return numbers
    }

    /// The incident this record describes, on top of `header` (its number, link and other local facts), with the uid
    /// of every item. Values that can't be read (a newer release's kind, say) keep the header's.
    /// Timeline entries keep this machine's ids (`localTimeline`, uid → id) where it has them: an update lists the entries
    /// after an id. New ones get theirs when stored.
    func incident(on header: Incident, localTimeline: [String: Int64] = [:], localPublicUpdates: [String: Int64] = [:]) -> (Incident, ItemIdentities) {
        var incident = header
        var ids = ItemIdentities()
        for field in IncidentField.allCases { field.apply(value(field.sharedKey), to: &incident) }
        // The lifecycle holds after a merge: closed exactly when it has a closing time.
        if incident.status == .closed, incident.closedAt == nil {
            incident.closedAt = fields[SharedField.status]?.stamp.date ?? header.updatedAt
        } else if incident.status != .closed {
            incident.closedAt = nil
        }
        incident.playbooks = value(SharedField.playbooks).map { $0.split(separator: SharedField.separator).map(String.init) } ?? []

        var labels: [(Int, String)] = [], assignees: [(Int, String)] = [], services: [(Int, AffectedService)] = [], roles: [Role] = []
        for (key, register) in fields {
            guard let value = register.value, let (prefix, name) = SharedField.split(key) else { continue }
            let parts = Self.parts(value)
            switch prefix {
            case SharedField.label: labels.append((Int(value) ?? .max, name))
            case SharedField.assignee: assignees.append((Int(value) ?? .max, name))
            case SharedField.service:
                services.append((Int(parts[0]) ?? .max, AffectedService(name: name, url: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
                                                                         note: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)))
            case SharedField.role:
                if parts.count == 2, let since = Self.date(parts[1]) { roles.append(Role(role: name, who: parts[0], since: since)) }
            default: break
            }
        }
        incident.labels = labels.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
        incident.assignees = assignees.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
        incident.services = services.sorted { ($0.0, $0.1.name) < ($1.0, $1.1.name) }.map(\.1)
        incident.roles = Role.sorted(roles)

        incident.actions = []
        for (number, entry) in order(.action).enumerated().map({ ($0.offset + 1, $0.element) }) where !entry.item.isRemoved {
            let item = entry.item
            let (doneAt, doneBy) = Self.done(item.value("done"))
            incident.actions.append(ActionItem(number: number, horizon: item.value("horizon").flatMap(Horizon.init(rawValue:)) ?? .immediate,
                                               text: item.value("text") ?? "(no text)", details: item.value("details"),
                                               owner: item.value("owner"), due: item.value("due").flatMap(Self.date),
                                               doneAt: doneAt, doneBy: doneBy, group: item.value("group"),
                                               tracked: item.value("tracked").flatMap(TrackedIssue.init(reference:))))
            ids.actions[number] = entry.uid
        }
        incident.criteria = []
        for (number, entry) in order(.criterion).enumerated().map({ ($0.offset + 1, $0.element) }) where !entry.item.isRemoved {
            let item = entry.item
            let (metAt, metBy) = Self.done(item.value("done"))
            incident.criteria.append(SuccessCriterion(number: number, phase: item.value("phase").flatMap(Phase.init(rawValue:)) ?? .immediate,
                                                      text: item.value("text") ?? "(no text)", metAt: metAt, metBy: metBy))
            ids.criteria[number] = entry.uid
        }
        let whyNumbers = Dictionary(uniqueKeysWithValues: numbers(.why).map { ($0.value, $0.key) })
        incident.whys = []
        for (number, entry) in order(.why).enumerated().map({ ($0.offset + 1, $0.element) }) where !entry.item.isRemoved {
            let parent = entry.item.value("parent").flatMap { whyNumbers[$0] }.flatMap { $0 < number ? $0 : nil }
            incident.whys.append(Why(number: number, text: entry.item.value("text") ?? "(no text)", parent: parent,
                                     isRootCause: entry.item.value("root") != nil))
            ids.whys[number] = entry.uid
        }
        incident.lessons = []
        for (number, entry) in order(.lesson).enumerated().map({ ($0.offset + 1, $0.element) }) where !entry.item.isRemoved {
            incident.lessons.append(Lesson(number: number, kind: entry.item.value("kind").flatMap(LessonKind.init(rawValue:)) ?? .wentWell,
                                           text: entry.item.value("text") ?? "(no text)"))
            ids.lessons[number] = entry.uid
        }
        incident.sections = []
        for entry in order(.section) where !entry.item.isRemoved {
            incident.sections.append(FreeSection(title: entry.item.value("title") ?? "Notes", markdown: entry.item.value("markdown") ?? "",
                                                 isInternal: entry.item.value("internal") != nil))
            ids.sections[incident.sections.count] = entry.uid
        }
        var entries: [(TimelineEntry, String, SharedItem)] = []
        for entry in order(.timeline) where !entry.item.isRemoved {
            let item = entry.item
            let transition = item.value("from").flatMap(Status.init(rawValue:)).flatMap { from in
                item.value("to").flatMap(Status.init(rawValue:)).map { StatusTransition(from: from, to: $0) }
            }
            entries.append((TimelineEntry(id: localTimeline[entry.uid], at: item.value("at").flatMap(Self.date) ?? header.declaredAt,
                                          kind: item.value("kind").flatMap(TimelineKind.init(rawValue:)) ?? .note,
                                          text: item.value("text") ?? "", isManual: item.value("manual") != nil, transition: transition),
                            entry.uid, item))
        }
        entries.sort { ($0.0.at, $0.2.created, $0.1) < ($1.0.at, $1.2.created, $1.1) }
        incident.timeline = entries.map(\.0)
        ids.timelineInOrder = entries.map(\.1)
        for (entry, uid, _) in entries { if let id = entry.id { ids.timeline[id] = uid } }
        // Public updates in time order, keeping this machine's ids as timeline entries do.
        var updates: [(PublicUpdate, String, SharedItem)] = []
        for entry in order(.publicUpdate) where !entry.item.isRemoved {
            let item = entry.item
            updates.append((PublicUpdate(id: localPublicUpdates[entry.uid], at: item.value("at").flatMap(Self.date) ?? header.declaredAt,
                                         status: item.value("status").flatMap(PublicStatus.init(rawValue:)) ?? .investigating,
                                         text: item.value("text") ?? ""), entry.uid, item))
        }
        updates.sort { ($0.0.at, $0.2.created, $0.1) < ($1.0.at, $1.2.created, $1.1) }
        incident.publicUpdates = updates.map(\.0)
        ids.publicUpdatesInOrder = updates.map(\.1)
        for (update, uid, _) in updates { if let id = update.id { ids.publicUpdates[id] = uid } }
        return (incident, ids)
    }

    // MARK: Value encodings

    static func time(_ date: Date) -> String { String(date.timeIntervalSince1970) }

    static func date(_ text: String) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }

    static func join(_ parts: [String]) -> String { parts.joined(separator: String(SharedField.separator)) }

    static func parts(_ value: String) -> [String] {
        value.split(separator: SharedField.separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// A tick as a register value: `TIME␟WHO`, or nil when not done.
    static func done(_ at: Date?, _ by: String?) -> String? { at.map { join([time($0), by ?? ""]) } }

    static func done(_ value: String?) -> (Date?, String?) {
        guard let value else { return (nil, nil) }
        let parts = parts(value)
        guard let at = date(parts[0]) else { return (nil, nil) }
        return (at, parts.count > 1 && !parts[1].isEmpty ? parts[1] : "unknown")
    }
}
