import Foundation

/// An inline SVG strip of the timeline's milestones, for the HTML postmortem.
///
/// Each milestone's label sits on its own row, the latest on top, and starts just right of its line: a line then
/// only runs down past the labels of later milestones, which all start further right, so no line crosses a label.
enum MilestoneStrip {
    static func svg(_ timeline: [TimelineEntry], zone: TimeZone?) -> String {
        let marks = timeline.filter { $0.kind != .note }
        guard let first = marks.first?.at, let last = marks.last?.at else { return "" }
        let axisWidth = 760.0, left = 20.0, right = 20.0
        let span = max(last.timeIntervalSince(first), 1)
        let labels = marks.map { "\(TimeFormat.local($0.at, in: zone))  \($0.kind.rawValue)" }
        let xs = marks.map { left + (axisWidth - left - right) * $0.at.timeIntervalSince(first) / span }
        // Room on the right for the longest label after its line (11 px text: under 7 px a character).
        let width = max(axisWidth, zip(xs, labels).map { $0 + 6 + Double($1.count) * 7 }.max() ?? 0)
        var parts = [
            "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width.rounded(.up))) \(48 + marks.count * 16)\" role=\"img\" aria-label=\"Milestones\">",
            "<line x1=\"\(left)\" y1=\"20\" x2=\"\(axisWidth - right)\" y2=\"20\" stroke=\"#888\" stroke-width=\"2\"/>",
        ]
        for (index, mark) in marks.enumerated() {
            let x = xs[index]
            let y = 44 + (marks.count - 1 - index) * 16
            let label = escape(labels[index])
            parts.append("<line x1=\"\(format(x))\" y1=\"25\" x2=\"\(format(x))\" y2=\"\(y - 4)\" stroke=\"#ccc\"/>")
            parts.append("<circle cx=\"\(format(x))\" cy=\"20\" r=\"5\" fill=\"\(color(mark.kind))\"><title>\(label)</title></circle>")
            parts.append("<text x=\"\(format(x + 6))\" y=\"\(y)\" font-size=\"11\">\(label)</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func color(_ kind: TimelineKind) -> String {
        switch kind {
        case .impactStarted, .detected: "#c0392b"
        case .acknowledged, .declared, .rootCauseIdentified: "#d68910"
        case .fixDeployed, .mitigated: "#2874a6"
        case .resolved: "#1e8449"
        case .closed: "#6c3483"
        case .statusChanged, .note: "#7f8c8d"
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
