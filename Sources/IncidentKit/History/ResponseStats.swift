import Foundation

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

    /// Milestones of one incident: the first of each kind, as Unix times (a history holds one per incident, so
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
        var accumulator = Accumulator()
        for incident in incidents { accumulator.add(incident) }
        self = accumulator.finish()
    }

    /// Durations gathered one incident at a time as a history is read, so a long history is never held as rows:
    /// holding them first costs page faults and system time in proportion to the history.
    public struct Accumulator: Sendable {
        /// One flat array per severity and measure: hashing every incident of a long history into dictionaries takes
        /// longer than reading them.
        private var durations = Array(repeating: [TimeInterval](), count: Severity.allCases.count * Measure.allCases.count)

        public init() {}

        public mutating func add(_ incident: Milestones) {
            let base = incident.severity.rawValue * Measure.allCases.count
            // Each measure named as a constant (in Measure.allCases order), so the optimiser folds `duration`'s switch away.
            if let value = incident.duration(.detect) { durations[base].append(value) }
            if let value = incident.duration(.acknowledge) { durations[base + 1].append(value) }
            if let value = incident.duration(.mitigate) { durations[base + 2].append(value) }
            if let value = incident.duration(.resolve) { durations[base + 3].append(value) }
        }

        /// The figures (it reorders the durations it picks them from).
        public mutating func finish() -> ResponseStats {
            var stats = ResponseStats()
            for severity in Severity.allCases {
                for (index, measure) in Measure.allCases.enumerated() {
                    let slot = severity.rawValue * Measure.allCases.count + index
                    guard !durations[slot].isEmpty else { continue }
                    let (median, p90) = ResponseStats.quantiles(&durations[slot], 0.5, 0.9)
                    stats.figures[severity, default: [:]][measure] = Figure(median: median, p90: p90, count: durations[slot].count)
                }
            }
            return stats
        }
    }

    private init() {}

    /// The `q` quantile of `values` (nearest rank); nil when there are none.
    static func quantile(_ values: [TimeInterval], _ q: Double) -> TimeInterval? {
        guard !values.isEmpty else { return nil }
        var values = values
        return quantiles(&values, q, q).0
    }

    /// The `lower` and `upper` quantiles (nearest rank, `lower` ≤ `upper`) of non-empty `values`, which it reorders.
    /// Selection, not sorting: linear time, where sorting every incident's four durations grows faster than the history.
    static func quantiles(_ values: inout [TimeInterval], _ lower: Double, _ upper: Double) -> (TimeInterval, TimeInterval) {
        let count = values.count
        let rank = { (q: Double) in max(0, min(count - 1, Int((q * Double(count)).rounded(.up)) - 1)) }
        let (low, high) = (rank(lower), rank(upper))
        return values.withUnsafeMutableBufferPointer { buffer in
            let upperValue = select(buffer, rank: high, below: buffer.count)
            // Selecting `high` left the `high + 1` smallest values in front: the lower rank is among them.
            return (select(buffer, rank: low, below: high + 1), upperValue)
        }
    }

    /// Reorders `buffer[0..<end]` so that position `rank` holds the value a sort would put there, with nothing larger
    /// before it and nothing smaller after it, and returns that value (Hoare's selection, median-of-three pivots).
    static func select(_ buffer: UnsafeMutableBufferPointer<TimeInterval>, rank: Int, below end: Int) -> TimeInterval {
        var (low, high) = (0, end - 1)
        while low < high {
            let (a, b, c) = (buffer[low], buffer[low + (high - low) / 2], buffer[high])
            let pivot = max(min(a, b), min(max(a, b), c))
            var (i, j) = (low, high)
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while buffer[j] > pivot { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    (i, j) = (i + 1, j - 1)
                }
            }
            // Now low…j ≤ pivot, i…high ≥ pivot, and anything strictly between j and i equals it.
            if rank <= j { high = j } else if rank >= i { low = i } else { break }
        }
        return buffer[rank]
    }
}
