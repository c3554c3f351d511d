import Foundation
import GRDB

/// The copy of a record read from an issue body.
public struct RemoteCopy: Sendable {
    public var record: SharedRecord
    /// Read from the visible Markdown of a body the previous release wrote (it had no hidden copy).
    public var isLegacy: Bool
    /// When the issue last changed: the time of edits made on GitHub itself (a box ticked in the browser).
    public var updatedAt: Date?
    /// The body shows less than `record`: its type label was changed on GitHub, which rewrites no body.
    public var bodyIsBehind = false

    public init(record: SharedRecord, isLegacy: Bool, updatedAt: Date?, bodyIsBehind: Bool = false) {
        self.record = record
        self.isLegacy = isLegacy
        self.updatedAt = updatedAt
        self.bodyIsBehind = bodyIsBehind
    }
}

extension IncidentStore {
    /// Merges `remote` (the issue's copy; nil before the issue exists) into incident `number`, in one transaction: the
    /// record here is read, merged and written back with nothing else writing in between, so a command run meanwhile in
    /// another terminal is never overwritten. Items get their identities here the first time. `seen` remembers `remote` as
    /// the issue's copy (a pull; a publish remembers what it pushed once GitHub has it). `summary` is the log line.
    ///
    /// With `commit` false the merge is worked out and rolled back (a publish pushes first and stores once GitHub has it);
    /// `suggested` then gives the committing run the identities the trial gave new items, so what was pushed and what is
    /// stored name them alike.
    ///
    /// `observed` are tracked issues' states as GitHub just reported them: what changed there since this machine last
    /// looked becomes a tick or an untick of the item tracked as that issue, stamped at GitHub's time; they are remembered.
    public func mergeShared(_ number: Int, with remote: RemoteCopy?, remembering seen: Bool, commit: Bool = true,
                            suggested: ItemIdentities? = nil, observed: [TrackedIssueState] = [],
                            summary: @escaping (MergeOutcome) -> String) throws(IncidentError) -> MergeOutcome {
        try transaction(.immediate, commit: commit) { db in
            try requireIncident(number, db)
            let local = try loadIncident(number, db)
            var ids = try identities(of: number, db)
            let stored = try storedShared(number, db)
            var base = stored.base
            var remoteRecord = remote?.record
            if base == nil, let remote {
                // The first merge since the previous release: the issue's copy is the base, but for the boxes, which are
                // as this machine last saw them there; a box that differs was changed on GitHub since.
                (base, remoteRecord) = Self.legacyBase(remote, boxes: try legacyBoxes(number, db))
            }
            let loaded = ids
            ids.complete(for: local, recognising: stored.base == nil ? remoteRecord : nil, suggested: suggested)
            let replica = try replicaID(db)
            let edit = Stamp(time: max(Stamp(local.updatedAt, replica: replica).time, (base?.latestStamp.time ?? 0) + 1), replica: replica)
            let changes = try trackedChanges(observed, db)
            var outcome = SharedMerge.merge(local: local, ids: ids, tombstones: try tombstones(of: number, db), base: base,
                                            remote: remoteRecord, edit: edit, github: changes)
            outcome.assigned = ids
            // Rows are written when the merge changed them, or when items just got their identities.
            if outcome.changesHere || ids != loaded { try storeMerged(outcome, over: local, db) }
            // A trial is rolled back: its record would be written only to be undone.
            if commit { try saveShared(number, base: outcome.record, seen: seen ? remoteRecord : nil, db) }
            for state in observed { try saveTrackedState(state, db) }
            let line = summary(outcome)
            if commit, !line.isEmpty { try log(line, for: number, db) }
            return outcome
        }
    }

    /// Remembers `record` as the issue's copy once a publish is on GitHub (linking the issue the first time).
    public func recordPushed(_ number: Int, record: SharedRecord, link: GitHubLink, summary: String,
                             learned visibility: RepositoryVisibility? = nil) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            if let visibility { try Self.remember(visibility, of: link.repo, db) }
            try GitHubLinkRecord(link, for: number, syncedAt: clock()).insert(db, onConflict: .replace)
            try db.execute(sql: "DELETE FROM githubSyncedItem WHERE incidentNumber = ?", arguments: [number])
            try saveShared(number, baseAndSeen: record, db)
            try log(summary, for: number, db)
        }
    }

    /// Creates an incident from an issue whose body carries the shared record (a responder joining), with the record's
    /// identities, linked to the issue, and makes it current.
    public func joinShared(_ record: SharedRecord, header: Incident, link: GitHubLink,
                           learned visibility: RepositoryVisibility? = nil) throws(IncidentError) -> Incident {
        let number = try write { db -> Int in
            if let visibility { try Self.remember(visibility, of: link.repo, db) }
            var (incident, ids) = record.incident(on: header)
            incident.timeline = incident.timeline.map { var entry = $0; entry.id = nil; return entry }
            let number = try insertIncident(incident, db)
            incident.number = number
            try storeItems(of: incident, ids: ids, db)
            try GitHubLinkRecord(link, for: number, syncedAt: clock()).insert(db, onConflict: .replace)
            try saveShared(number, baseAndSeen: record, db)
            try setCurrent(number, db)
            try log("joined from GitHub \(link.reference): \(incident.actions.count) actions, \(incident.criteria.count) criteria, "
                    + "\(incident.timeline.count) timeline entries", for: number, db)
            return number
        }
        return try incident(number)
    }

    /// How many of the changes made here the issue doesn't have yet (as last seen there); nil when not published.
    /// `local` is the incident as just read here (the caller has it already).
    public func unpublishedChanges(of local: Incident) throws(IncidentError) -> Int? {
        guard local.github != nil else { return nil }
        let number = local.number
        return try read { db in
            let stored = try storedShared(number, db)
            guard let seen = stored.seen else { return nil }
            let ids = try identities(of: number, db)
            let unnamed = local.actions.filter { ids.actions[$0.number] == nil }.count + local.criteria.filter { ids.criteria[$0.number] == nil }.count
                + local.whys.filter { ids.whys[$0.number] == nil }.count + local.lessons.filter { ids.lessons[$0.number] == nil }.count
                + local.sections.indices.filter { ids.sections[$0 + 1] == nil }.count
                + local.timeline.filter { entry in entry.id.map { ids.timeline[$0] == nil } ?? true }.count
                + local.publicUpdates.filter { update in update.id.map { ids.publicUpdates[$0] == nil } ?? true }.count
            let mine = SharedRecord.local(SharedRecord.values(of: local, ids: ids), tombstones: try tombstones(of: number, db),
                                          base: stored.base, edit: .zero)
            var changed = Set(mine.fields.keys).union(seen.fields.keys).filter { (mine.fields[$0]?.value ?? nil) != (seen.fields[$0]?.value ?? nil) }.count
            for (uid, item) in mine.items {
                guard let there = seen.items[uid] else {
                    if !item.isRemoved { changed += 1 }
                    continue
                }
                if item.isRemoved != there.isRemoved || item.fields.contains(where: { (there.fields[$0.key]?.value ?? nil) != $0.value.value }) { changed += 1 }
            }
            return unnamed + changed
        }
    }

    /// Removes item `item` of `kind` (its number; a section's position; a timeline entry's place in time order) from
    /// incident `number`. One that has been shared leaves a tombstone, so the removal reaches every machine.
    /// Returns the removed item's text.
    public func removeItem(_ number: Int, kind: SharedKind, item: Int) throws(IncidentError) -> String {
        try write { db in
            try requireIncident(number, db)
            let incident = try loadIncident(number, db)
            let ids = try identities(of: number, db)
            let (text, uid, delete): (String, String?, () throws -> Void)
            switch kind {
            case .action:
                guard let action = incident.actions.first(where: { $0.number == item }) else { throw IncidentError.itemOutOfRange(.action, number: item, incident: number, count: incident.actions.count) }
                (text, uid) = (action.text, ids.actions[item])
                delete = { try db.execute(sql: "DELETE FROM actionItem WHERE incidentNumber = ? AND number = ?", arguments: [number, item]) }
            case .criterion:
                guard let criterion = incident.criteria.first(where: { $0.number == item }) else { throw IncidentError.itemOutOfRange(.criterion, number: item, incident: number, count: incident.criteria.count) }
                (text, uid) = (criterion.text, ids.criteria[item])
                delete = { try db.execute(sql: "DELETE FROM criterion WHERE incidentNumber = ? AND number = ?", arguments: [number, item]) }
            case .why:
                guard let why = incident.whys.first(where: { $0.number == item }) else { throw IncidentError.itemOutOfRange(.why, number: item, incident: number, count: incident.whys.count) }
                (text, uid) = (why.text, ids.whys[item])
                delete = {
                    // The whys that answered it now start a chain of their own.
                    try db.execute(sql: "UPDATE why SET parentNumber = NULL WHERE incidentNumber = ? AND parentNumber = ?", arguments: [number, item])
                    try db.execute(sql: "DELETE FROM why WHERE incidentNumber = ? AND number = ?", arguments: [number, item])
                }
            case .lesson:
                guard let lesson = incident.lessons.first(where: { $0.number == item }) else { throw IncidentError.noSuchEntry(.lesson, number: item, incident: number, count: incident.lessons.count) }
                (text, uid) = (lesson.text, ids.lessons[item])
                delete = { try db.execute(sql: "DELETE FROM lesson WHERE incidentNumber = ? AND number = ?", arguments: [number, item]) }
            case .section:
                guard incident.sections.indices.contains(item - 1) else { throw IncidentError.noSuchEntry(.section, number: item, incident: number, count: incident.sections.count) }
                (text, uid) = (incident.sections[item - 1].title, ids.sections[item])
                delete = {
                    try db.execute(sql: "DELETE FROM section WHERE incidentNumber = ? AND position = ?", arguments: [number, item])
                    try db.execute(sql: "UPDATE section SET position = -position WHERE incidentNumber = ? AND position > ?", arguments: [number, item])
                    try db.execute(sql: "UPDATE section SET position = -position - 1 WHERE incidentNumber = ? AND position < 0", arguments: [number])
                }
            case .publicUpdate:
                // Said to the people outside: kept, as a status page keeps what it published.
                throw IncidentError.noSuchEntry(.publicUpdate, number: item, incident: number, count: 0)
            case .timeline:
                guard incident.timeline.indices.contains(item - 1), let id = incident.timeline[item - 1].id else {
                    throw IncidentError.noSuchEntry(.timeline, number: item, incident: number, count: incident.timeline.count)
                }
                (text, uid) = (incident.timeline[item - 1].text, ids.timeline[id])
                delete = { try db.execute(sql: "DELETE FROM timelineEntry WHERE id = ?", arguments: [id]) }
            }
            try delete()
            if let uid {
                try db.execute(sql: "INSERT OR REPLACE INTO itemRemoval (incidentNumber, uid, kind, number, at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [number, uid, kind.rawValue, item, clock().unixTime])
            }
            try log("removed \(kind == .timeline ? "timeline entry" : kind.rawValue) \(item) \"\(text)\"", for: number, db)
            try touch(number, db)
            return text
        }
    }

    /// Gives the items that have no identity yet the ones in `ids` (by their handles here), once a body naming them has
    /// reached GitHub: another machine may have merged them from it already, so a later push must name them alike.
    public func rememberIdentities(_ number: Int, _ ids: ItemIdentities) throws(IncidentError) {
        try write { db in try name(number, ids, db) }
    }

    /// Gives the rows of incident `number` that have no identity yet the ones `ids` holds for their handles, those
    /// for which `keep` holds.
    private func name(_ number: Int, _ ids: ItemIdentities, keeping keep: (String) -> Bool = { _ in true }, _ db: Database) throws {
        for (table, column, pairs) in [("actionItem", "number", ids.actions), ("criterion", "number", ids.criteria), ("why", "number", ids.whys),
                                       ("lesson", "number", ids.lessons), ("section", "position", ids.sections)] {
            for (handle, uid) in pairs where keep(uid) {
                try db.execute(sql: "UPDATE \(table) SET uid = ? WHERE incidentNumber = ? AND \(column) = ? AND uid IS NULL",
                               arguments: [uid, number, handle])
            }
        }
        for (table, pairs) in [("timelineEntry", ids.timeline), ("publicUpdate", ids.publicUpdates)] {
            for (id, uid) in pairs where keep(uid) {
                try db.execute(sql: "UPDATE \(table) SET uid = ? WHERE id = ? AND incidentNumber = ? AND uid IS NULL", arguments: [uid, id, number])
            }
        }
    }

    /// After the rows of a shared incident were written anew from its changed file (a re-import), gives each item its
    /// identity back: the one with the same number and words (a timeline entry of the same minute, kind and words; a
    /// section of the same title), else the one with the same number (its text was edited in the file). Shared items the
    /// file no longer has were removed there, on purpose: they get tombstones, so the removal travels like `remove`.
    func keepIdentities(of number: Int, _ db: Database) throws {
        guard let base = try storedShared(number, db).base else { return }
        let incident = try loadIncident(number, db)
        var ids = ItemIdentities()
        ids.complete(for: incident, recognising: base)
        let known = Set(base.items.filter { !$0.value.isRemoved }.keys)
        var used = Set<String>()
        func settle(_ kind: SharedKind, _ pairs: inout [Int: String], texts: [Int: String]) {
            let previous = base.numbers(kind)
            for (_, uid) in pairs where known.contains(uid) { used.insert(uid) }
            // Moved in the file (another number, the same words), then edited in place (the same number).
            for (handle, uid) in pairs.sorted(by: { $0.key < $1.key }) where !known.contains(uid) {
                let words = SyncPlan.normalised(texts[handle] ?? "")
                if let same = previous.sorted(by: { $0.key < $1.key }).first(where: { !used.contains($0.value)
                    && SyncPlan.normalised(base.items[$0.value]?.value("text") ?? "") == words })?.value {
                    pairs[handle] = same
                    used.insert(same)
                }
            }
            for (handle, uid) in pairs.sorted(by: { $0.key < $1.key }) where !known.contains(uid) {
                if let same = previous[handle], !used.contains(same) {
                    pairs[handle] = same
                    used.insert(same)
                }
            }
        }
        settle(.action, &ids.actions, texts: Dictionary(incident.actions.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a }))
        settle(.criterion, &ids.criteria, texts: Dictionary(incident.criteria.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a }))
        settle(.why, &ids.whys, texts: Dictionary(incident.whys.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a }))
        settle(.lesson, &ids.lessons, texts: Dictionary(incident.lessons.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a }))
        for uid in ids.sections.values where known.contains(uid) { used.insert(uid) }
        for uid in ids.timeline.values where known.contains(uid) { used.insert(uid) }
        // The rows were just written anew, so none has an identity yet.
        try name(number, ids, keeping: used.contains, db)
        for uid in known.subtracting(used) {
            guard let kind = base.items[uid]?.kind else { continue }
            try db.execute(sql: "INSERT OR REPLACE INTO itemRemoval (incidentNumber, uid, kind, number, at) VALUES (?, ?, ?, NULL, ?)",
                           arguments: [number, uid, kind.rawValue, clock().unixTime])
        }
    }

    // MARK: Rows

    func identities(of number: Int, _ db: Database) throws -> ItemIdentities {
        var ids = ItemIdentities()
        func pairs(_ sql: String) throws -> [Int: String] {
            var result: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [number]) { result[row[0]] = row[1] }
            return result
        }
        ids.actions = try pairs("SELECT number, uid FROM actionItem WHERE incidentNumber = ? AND uid IS NOT NULL")
        ids.criteria = try pairs("SELECT number, uid FROM criterion WHERE incidentNumber = ? AND uid IS NOT NULL")
        ids.whys = try pairs("SELECT number, uid FROM why WHERE incidentNumber = ? AND uid IS NOT NULL")
        ids.lessons = try pairs("SELECT number, uid FROM lesson WHERE incidentNumber = ? AND uid IS NOT NULL")
        ids.sections = try pairs("SELECT position, uid FROM section WHERE incidentNumber = ? AND uid IS NOT NULL")
        for row in try Row.fetchAll(db, sql: "SELECT id, uid FROM timelineEntry WHERE incidentNumber = ? AND uid IS NOT NULL", arguments: [number]) {
            ids.timeline[row[0]] = row[1]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, uid FROM publicUpdate WHERE incidentNumber = ? AND uid IS NOT NULL", arguments: [number]) {
            ids.publicUpdates[row[0]] = row[1]
        }
        return ids
    }

    func tombstones(of number: Int, _ db: Database) throws -> [Tombstone] {
        try Row.fetchAll(db, sql: "SELECT uid, kind, number, at FROM itemRemoval WHERE incidentNumber = ?", arguments: [number]).compactMap { row in
            guard let kind = SharedKind(rawValue: row[1]) else { return nil }
            return Tombstone(uid: row[0], kind: kind, number: row[2], at: Date(unixTime: row[3]))
        }
    }

    func storedShared(_ number: Int, _ db: Database) throws -> (base: SharedRecord?, seen: SharedRecord?) {
        guard let row = try Row.fetchOne(db, sql: "SELECT base, seen FROM sharedRecord WHERE incidentNumber = ?", arguments: [number]) else {
            return (nil, nil)
        }
        let base: String = row[0]
        let seen: String? = row[1]
        return (try SharedRecord.read(json: base), try seen.map { json throws(IncidentError) in try SharedRecord.read(json: json) })
    }

    private func saveShared(_ number: Int, base: SharedRecord, seen: SharedRecord?, _ db: Database) throws {
        try saveShared(number, base: base.json(), seen: seen?.json(), db)
    }

    /// Stores `record` as both the base and the issue's copy, written as JSON once.
    private func saveShared(_ number: Int, baseAndSeen record: SharedRecord, _ db: Database) throws {
        let json = record.json()
        try saveShared(number, base: json, seen: json, db)
    }

    private func saveShared(_ number: Int, base: String, seen: String?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sharedRecord (incidentNumber, base, seen) VALUES (?, ?, ?)
            ON CONFLICT (incidentNumber) DO UPDATE SET base = excluded.base, seen = COALESCE(excluded.seen, sharedRecord.seen)
            """, arguments: [number, base, seen])
    }

    /// The boxes of the incident's issue as the previous release last saw them there (empty once merges replaced them).
    private func legacyBoxes(_ number: Int, _ db: Database) throws -> SyncedState {
        let rows = try GitHubSyncedItemRecord.fetchAll(db, sql: "SELECT * FROM githubSyncedItem WHERE incidentNumber = ?", arguments: [number])
        return Dictionary(rows.map { (ItemKey($0.itemKind, $0.itemNumber), $0.done) }, uniquingKeysWith: { first, _ in first })
    }

    /// This database's replica name, made the first time it is needed.
    private func replicaID(_ db: Database) throws -> String {
        if let known = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'replica'") { return known }
        let replica = ItemUID.replica()
        try SettingRecord.store("replica", replica, db)
        return replica
    }

    /// The base of a first merge since the previous release, and the issue's copy with the boxes changed on GitHub since
    /// this machine's last sync stamped as changes made there (at the issue's last edit).
    static func legacyBase(_ remote: RemoteCopy, boxes: SyncedState) -> (SharedRecord, SharedRecord) {
        var base = remote.record, there = remote.record
        let onGitHub = Stamp(remote.updatedAt ?? Date(timeIntervalSince1970: 1), replica: "~github")
        for (kind, itemKind) in [(SharedKind.action, ItemKind.action), (.criterion, .criterion)] {
            for (number, uid) in remote.record.numbers(kind) {
                guard let synced = boxes[ItemKey(itemKind, number)], let item = remote.record.items[uid] else { continue }
                let isDone = item.value("done") != nil
                guard synced != isDone else { continue }
                base.items[uid]?.fields["done"] = Register(synced ? SharedRecord.done(Date(timeIntervalSince1970: 0), "unknown") : nil, .zero)
                if remote.isLegacy, let register = item.fields["done"] { there.items[uid]?.fields["done"] = Register(register.value, onGitHub) }
            }
        }
        return (base, there)
    }

    /// Writes the merged incident over the stored one: the header, then every shared row with its identity.
    private func storeMerged(_ outcome: MergeOutcome, over local: Incident, _ db: Database) throws {
        let merged = outcome.incident
        let number = merged.number
        let contentChanged = merged != local
        // Every field travels with the record, so a merge writes them all.
        try updateHeader(merged, fields: IncidentField.allCases, updatedAt: contentChanged ? clock() : local.updatedAt, db)
        for table in ["label", "assignee", "service", "role", "actionItem", "criterion", "why", "lesson", "section", "timelineEntry",
                      "publicUpdate"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE incidentNumber = ?", arguments: [number])
        }
        if merged.playbooks != local.playbooks {
            try db.execute(sql: "DELETE FROM appliedPlaybook WHERE incidentNumber = ?", arguments: [number])
            for name in merged.playbooks {
                try AppliedPlaybookRecord(incidentNumber: number, name: name, appliedAt: clock()).insert(db)
            }
        }
        try storeItems(of: merged, ids: outcome.ids, db)
        for tick in outcome.ticks {
            let at = tick.kind == .action ? merged.actions.first { $0.number == tick.number }?.doneAt
                : merged.criteria.first { $0.number == tick.number }?.metAt
            // The event names who ran the sync; the item keeps who ticked it (the name travels with the record).
            try insertEvent(ItemEvent(kind: tick.kind, number: tick.number, done: tick.done, at: at ?? clock(), actor: actor, source: .sync),
                            for: number, db)
        }
    }

    /// Inserts the shared rows of `incident` (whose tables hold none of its rows) with their identities.
    private func storeItems(of incident: Incident, ids: ItemIdentities, _ db: Database) throws {
        let number = incident.number
        try insertNames(incident.labels, into: .label, for: number, db)
        try insertNames(incident.assignees, into: .assignee, for: number, db)
        try insertServices(incident.services, for: number, db)
        for role in incident.roles { try RoleRecord(role, in: number).insert(db, onConflict: .replace) }
        let action = try db.cachedStatement(sql: """
            INSERT INTO actionItem (incidentNumber, number, horizon, text, details, owner, dueAt, doneAt, doneBy, groupName, trackedIssue, uid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in incident.actions {
            try action.execute(arguments: [number, item.number, item.horizon, item.text, item.details, item.owner, item.due?.unixTime,
                                           item.doneAt?.unixTime, item.doneBy, item.group, item.tracked?.reference, ids.actions[item.number]])
        }
        let criterion = try db.cachedStatement(sql: "INSERT INTO criterion (incidentNumber, number, phase, text, metAt, metBy, uid) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for item in incident.criteria {
            try criterion.execute(arguments: [number, item.number, item.phase, item.text, item.metAt?.unixTime, item.metBy, ids.criteria[item.number]])
        }
        let why = try db.cachedStatement(sql: "INSERT INTO why (incidentNumber, number, text, parentNumber, isRootCause, uid) VALUES (?, ?, ?, ?, ?, ?)")
        for item in incident.whys.sorted(by: { $0.number < $1.number }) {
            try why.execute(arguments: [number, item.number, item.text, item.parent, item.isRootCause, ids.whys[item.number]])
        }
        let lesson = try db.cachedStatement(sql: "INSERT INTO lesson (incidentNumber, number, kind, text, uid) VALUES (?, ?, ?, ?, ?)")
        for item in incident.lessons { try lesson.execute(arguments: [number, item.number, item.kind, item.text, ids.lessons[item.number]]) }
        let section = try db.cachedStatement(sql: "INSERT INTO section (incidentNumber, position, title, markdown, isInternal, uid) VALUES (?, ?, ?, ?, ?, ?)")
        for (index, item) in incident.sections.enumerated() {
            try section.execute(arguments: [number, index + 1, item.title, item.markdown, item.isInternal, ids.sections[index + 1]])
        }
        let update = try db.cachedStatement(sql: "INSERT INTO publicUpdate (id, incidentNumber, at, status, text, uid) VALUES (?, ?, ?, ?, ?, ?)")
        for (index, item) in incident.publicUpdates.enumerated() {
            let uid = index < ids.publicUpdatesInOrder.count ? ids.publicUpdatesInOrder[index] : item.id.flatMap { ids.publicUpdates[$0] }
            try update.execute(arguments: [item.id, number, item.at.unixTime, item.status.rawValue, item.text, uid])
        }
        let entry = try db.cachedStatement(sql: """
            INSERT INTO timelineEntry (id, incidentNumber, at, kind, text, isManual, fromStatus, toStatus, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, item) in incident.timeline.enumerated() {
            let uid = index < ids.timelineInOrder.count ? ids.timelineInOrder[index] : item.id.flatMap { ids.timeline[$0] }
            try entry.execute(arguments: [item.id, number, item.at.unixTime, item.kind, item.text, item.isManual, item.transition?.from,
                                          item.transition?.to, uid])
        }
    }
}
