import Foundation
import GRDB

/// What `close` did.
public struct CloseOutcome: Sendable {
    public var incident: Incident
    /// Immediate actions still open when the close was forced.
    public var openActions: [Int]
    /// Immediate criteria still unmet when the close was forced.
    public var unmetCriteria: [Int]
    public var wasForced: Bool { !openActions.isEmpty || !unmetCriteria.isEmpty }

    /// `open immediate actions 1, 2 and unmet immediate criteria 3`.
    public var openWorkDescription: String {
        Self.describe(openActions: openActions, unmetCriteria: unmetCriteria)
    }

    static func describe(openActions: [Int], unmetCriteria: [Int]) -> String {
        var parts: [String] = []
        if !openActions.isEmpty {
            parts.append("open immediate action\(openActions.count == 1 ? "" : "s") \(openActions.map(String.init).joined(separator: ", "))")
        }
        if !unmetCriteria.isEmpty {
            parts.append("unmet immediate criteri\(unmetCriteria.count == 1 ? "on" : "a") \(unmetCriteria.map(String.init).joined(separator: ", "))")
        }
        return parts.joined(separator: " and ")
    }
}

extension IncidentStore {
    /// Moves an incident forward to `target`, recording a timeline entry at `at`.
    /// Returns false when the incident already had that status.
    @discardableResult
    public func changeStatus(_ number: Int, to target: Status, at: Date, note: String? = nil) throws(IncidentError) -> Bool {
        try write { db in
            let incident = try loadIncident(number, db)
            if incident.status == target { return false }
            try Lifecycle.checkForwardMove(from: incident.status, to: target)
            try recordTransition(of: incident, to: target, at: at, note: note, db)
            return true
        }
    }

    /// Moves an incident back to an earlier status (by default `investigating`).
    public func reopen(_ number: Int, to target: Status = .investigating, at: Date, note: String? = nil) throws(IncidentError) {
        try write { db in
            let incident = try loadIncident(number, db)
            try Lifecycle.checkReopen(from: incident.status, to: target)
            try recordTransition(of: incident, to: target, at: at, note: note, verb: "reopened", db)
            try db.execute(sql: "UPDATE incident SET closedAt = NULL, closedForced = 0 WHERE number = ?", arguments: [number])
        }
    }

    /// Closes an incident; refuses while immediate actions are open or immediate criteria unmet, unless forced.
    public func close(_ number: Int, at: Date, resolution: String? = nil, force: Bool = false) throws(IncidentError) -> CloseOutcome {
        let (openActions, unmetCriteria) = try write { db -> ([Int], [Int]) in
            let incident = try loadIncident(number, db)
            guard incident.status.isOpen else { throw IncidentError.alreadyOver(incident: number, status: incident.status) }
            let openActions = incident.actions.filter { $0.horizon == .immediate && !$0.isDone }.map(\.number)
            let unmetCriteria = incident.criteria.filter { $0.phase == .immediate && !$0.isMet }.map(\.number)
            if !force, !openActions.isEmpty || !unmetCriteria.isEmpty {
                throw IncidentError.closeRefused(
                    incident: number,
                    openActions: incident.actions.filter { openActions.contains($0.number) }.map { ItemTitle($0.number, $0.text) },
                    unmetCriteria: incident.criteria.filter { unmetCriteria.contains($0.number) }.map { ItemTitle($0.number, $0.text) })
            }
            if let resolution, resolution != incident.resolution {
                try db.execute(sql: "UPDATE incident SET resolution = ? WHERE number = ?", arguments: [resolution, number])
                try log("set resolution to \"\(resolution)\"", for: number, db)
            }
            let forced = !openActions.isEmpty || !unmetCriteria.isEmpty
            let note = forced ? "forced with " + CloseOutcome.describe(openActions: openActions, unmetCriteria: unmetCriteria) : nil
            try recordTransition(of: incident, to: .closed, at: at, note: note, verb: forced ? "force-closed" : "closed", db)
            try db.execute(sql: "UPDATE incident SET closedAt = ?, closedForced = ? WHERE number = ?",
                           arguments: [at.unixTime, forced, number])
            return (openActions, unmetCriteria)
        }
        return CloseOutcome(incident: try incident(number), openActions: openActions, unmetCriteria: unmetCriteria)
    }

    private func recordTransition(of incident: Incident, to target: Status, at: Date, note: String?,
                                  verb: String = "status", _ db: Database) throws {
        let transition = StatusTransition(from: incident.status, to: target)
        try Lifecycle.checkOrder(of: target.timelineKind, at: at, isTransition: true, among: incident.timeline)
        var text = "\(verb == "status" ? "Status" : verb.prefix(1).uppercased() + verb.dropFirst()): \(incident.status.rawValue) → \(target.rawValue)"
        if let note { text += " — \(note)" }
        try insertTimelineEntry(TimelineEntry(at: at, kind: target.timelineKind, text: text, isManual: false,
                                              transition: transition), for: incident.number, db)
        try db.execute(sql: "UPDATE incident SET status = ?, closedAt = CASE WHEN ? = 'closed' THEN ? ELSE NULL END WHERE number = ?",
                       arguments: [target.rawValue, target.rawValue, at.unixTime, incident.number])
        try touch(incident.number, db)
        try log("\(verb) \(incident.status.rawValue) → \(target.rawValue) at \(TimeFormat.utc(at))\(note.map { " (\($0))" } ?? "")",
                for: incident.number, db)
    }
}
