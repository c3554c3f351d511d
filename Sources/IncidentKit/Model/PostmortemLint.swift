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

/// Response times across incidents: median and p90 per severity, with the count each rests on.
public struct ResponseStats: Sendable {
    public enum Measure: String, CaseIterable, Sendable {
        case detect, acknowledge, mitigate, resolve

        /// What it runs between, as shown.
        public var span: String {
            switch self {
            case .detect: "impact started → detected"
            case .acknowledge: "detected → acknowledged"
            case .mitigate: "impact started → mitigated"
            case .resolve: "impact started → resolved"
            }
        }
    }

    public struct Figure: Sendable {
        public var median: TimeInterval
        public var p90: TimeInterval
        public var count: Int
    }

    /// Milestones of one incident: the first of each kind, as Unix times (a history holds 100,000 of these:
    /// plain numbers, no dictionary each).
    public struct Milestones: Sendable {
        public var severity: Severity
        public var declared: Double
        public var impactStarted: Double?, detected: Double?, acknowledged: Double?, mitigated: Double?, resolved: Double?

        public init(severity: Severity, declared: Double, impactStarted: Double?, detected: Double?, acknowledged: Double?,
                    mitigated: Double?, resolved: Double?) {
            (self.severity, self.declared) = (severity, declared)
            (self.impactStarted, self.detected, self.acknowledged, self.mitigated, self.resolved) = (impactStarted, detected, acknowledged, mitigated, resolved)
        }

        /// The first entry of a milestone kind, if any.
        public subscript(kind: TimelineKind) -> Date? {
            let value: Double? = switch kind {
            case .impactStarted: impactStarted
            case .detected: detected
            case .acknowledged: acknowledged
            case .mitigated: mitigated
            case .resolved: resolved
            default: nil
            }
            return value.map(Date.init(timeIntervalSince1970:))
        }

        /// Impact starts at its entry, else when it was detected, else when the incident was declared.
        var start: Double { impactStarted ?? min(detected ?? declared, declared) }

        func duration(_ measure: Measure) -> TimeInterval? {
            let span: (Double?, Double?) = switch measure {
            case .detect: (impactStarted, detected)
            case .acknowledge: (detected, acknowledged)
            case .mitigate: (start, mitigated)
            case .resolve: (start, resolved)
            }
            guard let from = span.0, let to = span.1, to >= from else { return nil }
            return to - from
        }
    }

    /// Figures per severity and measure; a measure no incident of that severity has is absent.
    public var figures: [Severity: [Measure: Figure]] = [:]

    public init(_ incidents: [Milestones]) {
        // Arrays by severity and measure: a history of 100,000 incidents, hashed into dictionaries, took longer than reading it.
        var durations = Array(repeating: Array(repeating: [TimeInterval](), count: Measure.allCases.count), count: Severity.allCases.count)
        for incident in incidents {
            for (index, measure) in Measure.allCases.enumerated() {
                if let value = incident.duration(measure) { durations[incident.severity.rawValue][index].append(value) }
            }
        }
        for severity in Severity.allCases {
            for (index, measure) in Measure.allCases.enumerated() {
                let values = durations[severity.rawValue][index].sorted()
                guard !values.isEmpty else { continue }
                figures[severity, default: [:]][measure] = Figure(median: Self.quantile(values, 0.5), p90: Self.quantile(values, 0.9),
                                                                   count: values.count)
            }
        }
    }

    /// The `q` quantile of sorted values (nearest rank).
    static func quantile(_ sorted: [TimeInterval], _ q: Double) -> TimeInterval {
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
