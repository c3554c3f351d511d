import Foundation

/// An inline SVG strip of the timeline's milestones, for the HTML postmortem.
enum MilestoneStrip {
    static func svg(_ timeline: [TimelineEntry], zone: TimeZone?) -> String {
        let marks = timeline.filter { $0.kind != .note }
        guard let first = marks.first?.at, let last = marks.last?.at else { return "" }
        let width = 760.0, left = 20.0, right = 20.0
        let span = max(last.timeIntervalSince(first), 1)
        var parts = [
            "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(60 + marks.count * 16)\" role=\"img\" aria-label=\"Milestones\">",
            "<line x1=\"\(left)\" y1=\"20\" x2=\"\(width - right)\" y2=\"20\" stroke=\"#888\" stroke-width=\"2\"/>",
        ]
        for (index, mark) in marks.enumerated() {
            let x = left + (width - left - right) * mark.at.timeIntervalSince(first) / span
            let y = 48 + index * 16
            let label = escape("\(TimeFormat.local(mark.at, in: zone))  \(mark.kind.rawValue)")
            parts.append("<circle cx=\"\(format(x))\" cy=\"20\" r=\"5\" fill=\"\(color(mark.kind))\"><title>\(label)</title></circle>")
            parts.append("<line x1=\"\(format(x))\" y1=\"25\" x2=\"\(format(x))\" y2=\"\(y - 10)\" stroke=\"#ccc\"/>")
            let anchor = x > width / 2 ? "end" : "start"
            parts.append("<text x=\"\(format(x))\" y=\"\(y)\" font-size=\"11\" text-anchor=\"\(anchor)\">\(label)</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func color(_ kind: TimelineKind) -> String {
        switch kind {
        case .impactStarted, .detected: "#c0392b"
        case .acknowledged, .declared, .rootCauseIdentified: "#d68910"
        case .fixDeployed, .mitigated: "#2874a6"
        case .resolved, .closed: "#1e8449"
        case .statusChanged, .note: "#7f8c8d"
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
