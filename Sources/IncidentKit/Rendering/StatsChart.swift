import Foundation

/// One SVG picture of a history: incidents per week stacked by severity (bars), and the median time to resolve per
/// week (a line on its own scale), with axes and a legend.
public enum StatsChart {
    static let colours = ["#b60205", "#d93f0b", "#e4a400", "#0e8a16", "#8c959f"]

    public static func svg(_ facts: HistoryFacts, title: String) -> String {
        svgBody(facts, title: title)
    }

    private static func svgBody(_ facts: HistoryFacts, title: String) -> String {
        let weekSeconds = 7 * 86_400.0
        guard let first = facts.declared.map(\.at).min(), let last = facts.declared.map(\.at).max() else {
            return frame(title: title, body: #"<text x="40" y="120" class="none">No incidents in this period.</text>"#)
        }
        // Weeks start on Monday (ISO 8601), 00:00 UTC; 1970-01-01 was a Thursday, four days after a Monday's place.
        let monday = 4 * 86_400.0
        let start = floor((first.timeIntervalSince1970 - monday) / weekSeconds) * weekSeconds + monday
        let allWeeks = max(1, Int((last.timeIntervalSince1970 - start) / weekSeconds) + 1)
        // At most 60 bars: a long history is drawn per 2, 4 … weeks, so each bar stays wide enough to read.
        let per = max(1, Int((Double(allWeeks) / 60).rounded(.up)))
        let weeks = (allWeeks + per - 1) / per
        var counts = Array(repeating: Array(repeating: 0, count: 5), count: weeks)
        var resolve = Array(repeating: [TimeInterval](), count: weeks)
        for item in facts.declared {
            let week = min(weeks - 1, Int((item.at.timeIntervalSince1970 - start) / weekSeconds) / per)
            counts[week][item.severity.rawValue] += 1
            if let after = item.resolvedAfter { resolve[week].append(after) }
        }
        let (left, top, width, height) = (60.0, 60.0, 820.0, 300.0)
        let (tickStep, maxCount) = scale(counts.map { $0.reduce(0, +) }.max() ?? 1)
        // A few bars are no wider than a thumb: one week is a bar, not a block across the chart.
        let step = width / Double(weeks), bar = max(1, min(step * 0.8, 48))
        var parts: [String] = []
        // Axes, with the count scale on the left.
        parts.append(#"<line x1="\#(left)" y1="\#(top + height)" x2="\#(left + width)" y2="\#(top + height)" class="axis"/>"#)
        parts.append(#"<line x1="\#(left)" y1="\#(top)" x2="\#(left)" y2="\#(top + height)" class="axis"/>"#)
        for tick in stride(from: 0, through: maxCount, by: tickStep) {
            let y = top + height - Double(tick) / Double(maxCount) * height
            parts.append(#"<text x="\#(left - 8)" y="\#(y + 4)" text-anchor="end">\#(tick)</text>"#)
        }
        for (week, severities) in counts.enumerated() {
            var y = top + height
            for (severity, count) in severities.enumerated() where count > 0 {
                let h = Double(count) / Double(maxCount) * height
                y -= h
                parts.append(#"<rect x="\#(left + Double(week) * step + (step - bar) / 2)" y="\#(y)" width="\#(bar)" height="\#(h)" fill="\#(colours[severity])"><title>\#(day(start + Double(week * per) * weekSeconds)): \#(count) × P\#(severity)</title></rect>"#)
            }
        }
        // Median time to resolve per week, on its own scale (right axis, hours).
        let medians = resolve.map { ResponseStats.quantile($0, 0.5) }
        let maxHours = max(1, (medians.compactMap { $0 }.max() ?? 3600) / 3600)
        let points = medians.enumerated().compactMap { week, value in
            value.map { "\(left + (Double(week) + 0.5) * step),\(top + height - $0 / 3600 / maxHours * height)" }
        }
        if !points.isEmpty {
            parts.append(#"<polyline points="\#(points.joined(separator: " "))" class="trend"/>"#)
            // A dot on each period's median: a lone one (a line needs two) is still seen.
            for point in points {
                let xy = point.split(separator: ",")
                parts.append(#"<circle cx="\#(xy[0])" cy="\#(xy[1])" r="4" class="median"/>"#)
            }
            parts.append(#"<text x="\#(left + width + 8)" y="\#(top + 4)">\#(formatHours(maxHours))</text>"#)
            parts.append(#"<text x="\#(left + width + 8)" y="\#(top + height + 4)">0 h</text>"#)
        }
        let labels = ["\(day(start))", "\(day(start + Double(allWeeks) * weekSeconds))"]
        parts.append(#"<text x="\#(left)" y="\#(top + height + 20)">\#(labels[0])</text>"#)
        parts.append(#"<text x="\#(left + width)" y="\#(top + height + 20)" text-anchor="end">\#(labels[1]) (\#(allWeeks) week\#(allWeeks == 1 ? "" : "s")\#(per > 1 ? ", a bar per \(per) weeks" : ""))</text>"#)
        var legendX = left
        for (severity, colour) in colours.enumerated() {
            parts.append(#"<rect x="\#(legendX)" y="\#(top + height + 38)" width="12" height="12" fill="\#(colour)"/><text x="\#(legendX + 18)" y="\#(top + height + 49)">P\#(severity)</text>"#)
            legendX += 60
        }
        parts.append(#"<line x1="\#(legendX + 10)" y1="\#(top + height + 44)" x2="\#(legendX + 40)" y2="\#(top + height + 44)" class="trend"/><text x="\#(legendX + 48)" y="\#(top + height + 49)">median time to resolve (right scale)</text>"#)
        return frame(title: title, body: parts.joined(separator: "\n"))
    }

    private static func frame(title: String, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 460" width="960" height="460" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <style>.axis { stroke: #57606a; } .trend { fill: none; stroke: #0969da; stroke-width: 2.5; } .none { fill: #57606a; font-style: italic; } .median { fill: #0969da; stroke: #ffffff; stroke-width: 1.5; }</style>
        <rect width="960" height="460" fill="#ffffff"/>
        <text x="60" y="32" font-size="18" font-weight="bold">\(escape(title))</text>
        <text x="60" y="50" fill="#57606a">Incidents declared per period, by severity; the blue line is the median time to resolve of each period's incidents.</text>
        \(body)
        </svg>

        """
    }

    /// Round ticks for counts up to `largest`: a step of 1, 2 or 5 times a power of ten giving at most six ticks, and
    /// the top of the axis (a multiple of the step at or above `largest`).
    static func scale(_ largest: Int) -> (step: Int, top: Int) {
        let largest = max(1, largest)
        var power = 1
        while true {
            for multiple in [1, 2, 5] {
                let step = multiple * power
                let top = (largest + step - 1) / step * step
                if top / step <= 5 { return (step, top) }
            }
            power *= 10
        }
    }

    private static func day(_ seconds: Double) -> String { String(TimeFormat.utc(Date(timeIntervalSince1970: seconds)).prefix(10)) }
    private static func formatHours(_ hours: Double) -> String { hours >= 48 ? "\(Int(hours / 24)) d" : "\(Int(hours.rounded(.up))) h" }
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
