import Foundation

/// Is the postmortem complete? Rules from what reviewers ask for (DOMAIN.md): a root cause, a chain of whys that ends
/// in it, owned and dated follow-ups for the worst incidents, the milestones the response metrics need, a summary
/// and an impact, and no immediate work left open on a closed incident.
public enum PostmortemLint {
    /// What the postmortem of `incident` lacks, in the order a reviewer reads it.
    public static func findings(for incident: Incident) -> [LintFinding] {
        var found: [LintFinding] = []
        if incident.rootCause?.isEmpty ?? true { found.append(.noRootCause) }
        if incident.whys.count < 3 {
            found.append(.tooFewWhys(incident.whys.count))
        } else if incident.whys.last?.isRootCause != true {
            found.append(.lastWhyNotRootCause)
        }
        if incident.severity <= .p1 {
            for action in incident.actions where action.horizon != .immediate && (action.owner == nil || action.due == nil) {
                found.append(.followUpUnowned(action: action.number, horizon: action.horizon, noOwner: action.owner == nil, noDue: action.due == nil))
            }
        }
        let kinds = Set(incident.timeline.map(\.kind))
        for kind in [TimelineKind.detected, .mitigated, .resolved] where !kinds.contains(kind) { found.append(.missingMilestone(kind)) }
        if incident.summary?.isEmpty ?? true { found.append(.noSummary) }
        if incident.impact?.isEmpty ?? true { found.append(.noImpact) }
        if incident.status == .closed {
            for action in incident.actions where action.horizon == .immediate && !action.isDone {
                found.append(.openImmediateAction(action.number, action.text))
            }
            for criterion in incident.criteria where criterion.phase == .immediate && !criterion.isMet {
                found.append(.unmetImmediateCriterion(criterion.number, criterion.text))
            }
        }
        return found
    }
}

/// One thing a postmortem lacks.
public enum LintFinding: Equatable, Sendable {
    case noRootCause
    /// Fewer than three whys (how many there are).
    case tooFewWhys(Int)
    case lastWhyNotRootCause
    /// A P0/P1 follow-up without an owner, a due time, or both.
    case followUpUnowned(action: Int, horizon: Horizon, noOwner: Bool, noDue: Bool)
    /// A milestone the response times need that the timeline lacks.
    case missingMilestone(TimelineKind)
    case noSummary
    case noImpact
    /// Immediate work left open on a closed incident: the item's number and text.
    case openImmediateAction(Int, String)
    case unmetImmediateCriterion(Int, String)
}

extension LintFinding: CustomStringConvertible {
    /// The finding in a reviewer's words ("no root cause").
    public var description: String {
        switch self {
        case .noRootCause: "no root cause"
        case .tooFewWhys(let count): "\(count) whys: ask why at least three times"
        case .lastWhyNotRootCause: "the last why is not marked as the root cause"
        case .followUpUnowned(let action, let horizon, let noOwner, let noDue):
            "\(horizon.rawValue) action \(action) has no \([noOwner ? "owner" : nil, noDue ? "due time" : nil].compactMap { $0 }.joined(separator: " and "))"
        case .missingMilestone(let kind): "the timeline has no \(kind.rawValue) entry"
        case .noSummary: "no summary"
        case .noImpact: "no impact"
        case .openImmediateAction(let number, let text): "closed with immediate action \(number) open: \(text)"
        case .unmetImmediateCriterion(let number, let text): "closed with immediate criterion \(number) unmet: \(text)"
        }
    }
}
