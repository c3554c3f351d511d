import Foundation
import GRDB

/// The result of checking or unchecking one item.
public struct ItemToggle: Equatable, Sendable {
    public var number: Int
    public var text: String
    /// False when the item already had the requested state.
    public var changed: Bool
}

/// What a check or uncheck did, and the checklist's progress right after it.
public struct ToggleOutcome: Equatable, Sendable {
    public var items: [ItemToggle]
    /// Done and total per horizon (actions) or phase (criteria), in lifecycle order, empty groups left out.
    public var progress: [GroupProgress]
}

extension IncidentStore {
    /// Adds a why; it answers the previous why unless `parent` names another. Returns it.
    public func addWhy(_ number: Int, text: String, parent: Int? = nil, isRootCause: Bool = false) throws(IncidentError) -> Why {
        try write { db in
            let incident = try loadIncident(number, db)
            if let parent, !incident.whys.contains(where: { $0.number == parent }) {
                throw IncidentError.itemOutOfRange(.why, number: parent, incident: number, count: incident.whys.count)
            }
            let why = Why(number: (incident.whys.last?.number ?? 0) + 1, text: text,
                          parent: parent ?? incident.whys.last?.number, isRootCause: isRootCause)
            try insertWhy(why, for: number, db)
            try touch(number, db)
            try log("added why \(why.number)\(isRootCause ? " (root cause)" : "") \"\(text)\"", for: number, db)
            // The root-cause why is the incident's root cause until someone writes a fuller one.
            if isRootCause, incident.rootCause == nil {
                try IncidentRecord.filter(key: number).updateAll(db, Column("rootCause").set(to: text))
                try log("set root cause to \"\(text)\"", for: number, db)
            }
            return why
        }
    }

    /// Adds a timeline entry a person typed, keeping milestones in order.
    public func addTimelineEntry(_ number: Int, text: String, kind: TimelineKind = .note, at: Date) throws(IncidentError) -> TimelineEntry {
        try write { db in
            let incident = try loadIncident(number, db)
            try Lifecycle.checkOrder(of: kind, at: at, isTransition: false, among: incident.timeline)
            var entry = TimelineEntry(at: at, kind: kind, text: text, isManual: true)
            entry.id = try insertTimelineEntry(entry, for: number, db)
            try touch(number, db)
            try log("added timeline \(kind.rawValue) at \(TimeFormat.utc(at)) \"\(text)\"", for: number, db)
            return entry
        }
    }

    /// Adds an action item and returns it with its number.
    public func addAction(_ number: Int, text: String, horizon: Horizon = .immediate, details: String? = nil,
                          owner: String? = nil, due: Date? = nil) throws(IncidentError) -> ActionItem {
        try write { db in
            try requireIncident(number, db)
            let next = try nextNumber(in: "actionItem", for: number, db)
            let action = ActionItem(number: next, horizon: horizon, text: text, details: details, owner: owner, due: due)
            try insertAction(action, for: number, source: .cli, db)
            try touch(number, db)
            try log("added \(horizon.rawValue) action \(next) \"\(text)\"", for: number, db)
            return action
        }
    }

    /// Checks (or unchecks) actions; items already in that state are reported unchanged.
    public func setActions(_ numbers: [Int], done: Bool, in number: Int) throws(IncidentError) -> ToggleOutcome {
        try toggle(numbers, on: done, in: number, kind: .action)
    }

    /// Adds a success criterion and returns it with its number.
    public func addCriterion(_ number: Int, text: String, phase: Phase = .immediate) throws(IncidentError) -> SuccessCriterion {
        try write { db in
            try requireIncident(number, db)
            let next = try nextNumber(in: "criterion", for: number, db)
            let criterion = SuccessCriterion(number: next, phase: phase, text: text)
            try insertCriterion(criterion, for: number, source: .cli, db)
            try touch(number, db)
            try log("added \(phase.rawValue) criterion \(next) \"\(text)\"", for: number, db)
            return criterion
        }
    }

    /// Marks criteria met (or unmet); criteria already in that state are reported unchanged.
    public func setCriteria(_ numbers: [Int], met: Bool, in number: Int) throws(IncidentError) -> ToggleOutcome {
        try toggle(numbers, on: met, in: number, kind: .criterion)
    }

    /// Appends a free section (a title and Markdown) after the existing ones.
    public func addSection(_ number: Int, _ section: FreeSection) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            let next = try insertSection(section, for: number, db)
            try touch(number, db)
            try log("added \(section.isInternal ? "internal " : "")section \(next) \"\(section.title)\"", for: number, db)
        }
    }

    private func toggle(_ numbers: [Int], on: Bool, in number: Int, kind: ItemKind) throws(IncidentError) -> ToggleOutcome {
        let (table, columns, group) = (kind.table, kind.doneColumns, kind.group)
        return try write { db in
            try requireIncident(number, db)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE incidentNumber = ?", arguments: [number]) ?? 0
            var results: [ItemToggle] = []
            for item in numbers {
                guard let row = try Row.fetchOne(db, sql: "SELECT text, \(columns.at) FROM \(table) WHERE incidentNumber = ? AND number = ?",
                                                 arguments: [number, item]) else {
                    throw IncidentError.itemOutOfRange(kind, number: item, incident: number, count: count)
                }
                let text: String = row["text"]
                let isOn = (row[columns.at] as Double?) != nil
                guard isOn != on else {
                    results.append(ItemToggle(number: item, text: text, changed: false))
                    continue
                }
                try setDone(kind, item, on, text: text, in: number, source: .cli, db)
                results.append(ItemToggle(number: item, text: text, changed: true))
            }
            if results.contains(where: \.changed) { try touch(number, db) }
            // Progress is counted in the same transaction, so it matches what this command wrote.
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(group.column) AS name, COUNT(\(columns.at)) AS done, COUNT(*) AS total FROM \(table)
                WHERE incidentNumber = ? GROUP BY \(group.column)
                """, arguments: [number])
            let progress = rows.map { GroupProgress(group: $0["name"], done: $0["done"], total: $0["total"]) }
                .sorted { (group.order.firstIndex(of: $0.group) ?? 0) < (group.order.firstIndex(of: $1.group) ?? 0) }
            return ToggleOutcome(items: results, progress: progress)
        }
    }
}
