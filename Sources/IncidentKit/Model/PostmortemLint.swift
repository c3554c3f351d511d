import Foundation

/// Is the postmortem complete? Rules from what reviewers ask for (DOMAIN.md): a root cause, a chain of whys that ends
/// in it, owned and dated follow-ups for the worst incidents, the milestones the response metrics need, a summary
/// and an impact, and no immediate work left open on a closed incident.
public enum PostmortemLint {
    /// One sentence per finding, each saying what to do.
    public static func findings(for incident: Incident) -> [String] {
        var found: [String] = []
        if incident.rootCause?.isEmpty ?? true { found.append("no root cause: `incident set --root-cause TEXT`") }
        if incident.whys.count < 3 {
            found.append("\(incident.whys.count) whys: ask why at least three times (`incident why add TEXT`)")
        } else if incident.whys.last?.isRootCause != true {
            found.append("the last why is not marked as the root cause (`incident why add TEXT --root-cause`)")
        }
        if incident.severity <= .p1 {
            for action in incident.actions where action.horizon != .immediate && (action.owner == nil || action.due == nil) {
                let missing = [action.owner == nil ? "owner" : nil, action.due == nil ? "due time" : nil].compactMap { $0 }.joined(separator: " and ")
                found.append("\(action.horizon.rawValue) action \(action.number) has no \(missing): `incident action edit \(action.number) --owner WHO --due TIME`")
            }
        }
        let kinds = Set(incident.timeline.map(\.kind))
        for kind in [TimelineKind.detected, .mitigated, .resolved] where !kinds.contains(kind) {
            found.append("the timeline has no \(kind.rawValue) entry (`incident timeline add TEXT --kind \(kind.rawValue) --at TIME`)")
        }
        if incident.summary?.isEmpty ?? true { found.append("no summary: `incident set --summary TEXT`") }
        if incident.impact?.isEmpty ?? true { found.append("no impact: `incident set --impact TEXT`") }
        if incident.status == .closed {
            for action in incident.actions where action.horizon == .immediate && !action.isDone {
                found.append("closed with immediate action \(action.number) open: \(action.text)")
            }
            for criterion in incident.criteria where criterion.phase == .immediate && !criterion.isMet {
                found.append("closed with immediate criterion \(criterion.number) unmet: \(criterion.text)")
            }
        }
        return found
    }
}
