import Foundation
import GRDB

extension IncidentStore {
    /// Records that action `action` of incident `number` is tracked as `issue`, just created (open) on GitHub.
    public func setTracked(_ number: Int, action: Int, as issue: TrackedIssue, createdAt: Date) throws(IncidentError) {
        try write { db in
            try requireIncident(number, db)
            guard let text = try String.fetchOne(db, sql: "SELECT text FROM actionItem WHERE incidentNumber = ? AND number = ?",
                                                 arguments: [number, action]) else {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actionItem WHERE incidentNumber = ?", arguments: [number]) ?? 0
                throw IncidentError.itemOutOfRange(.action, number: action, incident: number, count: count)
            }
            try db.execute(sql: "UPDATE actionItem SET trackedIssue = ? WHERE incidentNumber = ? AND number = ?",
                           arguments: [issue.reference, number, action])
            try saveTrackedState(TrackedIssueState(issue: issue, isClosed: false, createdAt: createdAt, updatedAt: createdAt), db)
            try log("tracked action \(action) \"\(text)\" as \(issue.reference)", for: number, db)
            try touch(number, db)
        }
    }

    /// Every tracked issue, by the incident whose action it tracks.
    public func trackedIssues() throws(IncidentError) -> [Int: [TrackedIssue]] {
        try read { db in
            guard hasSchema else { return [:] }
            var result: [Int: [TrackedIssue]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT incidentNumber, trackedIssue FROM actionItem WHERE trackedIssue IS NOT NULL") {
                guard let issue = TrackedIssue(reference: row[1]) else { continue }
                result[row[0], default: []].append(issue)
            }
            return result
        }
    }

    /// Tracked issues' states as this machine last saw them on GitHub (or set them there); an issue never seen is absent.
    public func seenStates(of issues: [TrackedIssue]) throws(IncidentError) -> [TrackedIssue: TrackedIssueState] {
        try read { db in try seenStates(issues, db) }
    }

    /// Remembers states this machine just set on GitHub (a publish closing or reopening tracked issues).
    public func rememberStates(_ states: [TrackedIssueState]) throws(IncidentError) {
        try write { db in for state in states { try saveTrackedState(state, db) } }
    }

    /// Applies tracked issues' states, as GitHub just reported them, to incident `number`: what changed there since
    /// this machine last looked becomes a tick or an untick (a merge with no copy from the incident's issue), and the
    /// states are remembered. Returns the merge, or nil when nothing changed on GitHub (the states are still remembered).
    public func applyTrackedStates(_ number: Int, _ observed: [TrackedIssueState],
                                   summary: @escaping (MergeOutcome) -> String) throws(IncidentError) -> MergeOutcome? {
        let changed = try read { db in !(try trackedChanges(observed, db)).isEmpty }
        guard changed else {
            try rememberStates(observed)
            return nil
        }
        return try mergeShared(number, with: nil, remembering: false, observed: observed, summary: summary)
    }

    // MARK: Rows

    func seenStates(_ issues: [TrackedIssue], _ db: Database) throws -> [TrackedIssue: TrackedIssueState] {
        var states: [TrackedIssue: TrackedIssueState] = [:]
        let statement = try db.cachedStatement(sql: "SELECT state, createdAt, closedAt, updatedAt FROM followUpIssue WHERE issue = ?")
        for issue in Set(issues) {
            guard let row = try Row.fetchOne(statement, arguments: [issue.reference]) else { continue }
            let state: String = row[0]
            states[issue] = TrackedIssueState(issue: issue, isClosed: state == "closed", createdAt: (row[1] as Double?).map(Date.init(unixTime:)),
                                              closedAt: (row[2] as Double?).map(Date.init(unixTime:)),
                                              updatedAt: (row[3] as Double?).map(Date.init(unixTime:)))
        }
        return states
    }

    /// The tracked issues of `observed` that changed on GitHub since this machine last looked, by reference.
    func trackedChanges(_ observed: [TrackedIssueState], _ db: Database) throws -> [String: TrackedChange] {
        guard !observed.isEmpty else { return [:] }
        let seen = try seenStates(observed.map(\.issue), db)
        var changes: [String: TrackedChange] = [:]
        for state in observed {
            if let change = TrackedChange.between(seen: seen[state.issue], observed: state) { changes[state.issue.reference] = change }
        }
        return changes
    }

    /// Keeps what is known: a state without a creation or update time leaves the one stored.
    func saveTrackedState(_ state: TrackedIssueState, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO followUpIssue (issue, state, createdAt, closedAt, updatedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (issue) DO UPDATE SET state = excluded.state, createdAt = COALESCE(excluded.createdAt, followUpIssue.createdAt),
                closedAt = excluded.closedAt, updatedAt = COALESCE(excluded.updatedAt, followUpIssue.updatedAt)
            """, arguments: [state.issue.reference, state.name, state.createdAt?.unixTime, state.isClosed ? state.closedAt?.unixTime : nil,
                             state.updatedAt?.unixTime])
    }
}
