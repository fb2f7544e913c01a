/// The dimensions over time as an SVG picture: one row per dimension across
/// the conversation's duration, one mark per event where the dimension came
/// up (from ``Summary/timeline``), the replay markers as dashed lines, and a
/// time axis. Inline SVG, no external resources. For the HTML export's player
/// the picture carries its scale (`data-left`, `data-right`, `data-duration`:
/// x = left + (right − left) × elapsed ÷ duration) and a hidden playhead.
enum TimelineSVG {
    static let width = 960.0
    static let left = 150.0, right = 930.0
    static let top = 44.0, rowHeight = 40.0

    /// `events` gives each mark its text (as a tooltip) and the markers; `summary` the moments.
    static func render(_ summary: Summary, events: [Event], language l: DisplayLanguage) -> String {
        let retracted = Retractions.sequences(in: events)
        let bySequence = Dictionary(events.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let duration = max(summary.duration, 1)
        let x = { (seconds: Double) in left + (right - left) * min(max(seconds / duration, 0), 1) }
        let rows = Double(Dimension.allCases.count)
        let axisY = top + rows * rowHeight
        let height = axisY + 44
        let title = l.pick("Dimensies in de tijd", "Dimensions over time")
        var svg = [
            "<svg class=\"timeline\" id=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
                + "aria-labelledby=\"timeline-title\" font-family=\"system-ui, sans-serif\" font-size=\"13\" "
                + "data-left=\"\(n(left))\" data-right=\"\(n(right))\" data-duration=\"\(HTMLText.escape(String(duration)))\">",
            "<title id=\"timeline-title\">\(HTMLText.escape(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>",
        ]
        for (i, dimension) in Dimension.allCases.enumerated() {
            let y = top + Double(i) * rowHeight
            let count = summary.coverage[dimension]?.events ?? 0
            svg.append(
                "<rect x=\"\(n(left))\" y=\"\(n(y + 2))\" width=\"\(n(right - left))\" height=\"\(n(rowHeight - 4))\" "
                    + "fill=\"\(i % 2 == 0 ? "#f3f3f3" : "#e9e9e9")\"/>")
            svg.append(
                "<text x=\"\(n(left - 10))\" y=\"\(n(y + rowHeight / 2 + 4))\" text-anchor=\"end\" fill=\"#111\">"
                    + "\(HTMLText.escape(dimension.rawValue)) (\(count))</text>")
        }
        // The replay markers: a dashed line with its label above the rows, staggered so labels do not overlap as often.
        let marks = events.filter { if case .mark = $0.body { !retracted.contains($0.sequence) } else { false } }
        for (i, event) in marks.enumerated() {
            guard case let .mark(label) = event.body else { continue }
            let mx = x(event.elapsed)
            svg.append(
                "<line x1=\"\(n(mx))\" y1=\"\(n(top - 6))\" x2=\"\(n(mx))\" y2=\"\(n(axisY))\" stroke=\"#111\" "
                    + "stroke-width=\"1\" stroke-dasharray=\"4 3\"/>")
            let anchor = mx > right - 120 ? "end" : "start"
            svg.append(
                "<text x=\"\(n(mx + (anchor == "end" ? -3 : 3)))\" y=\"\(i % 2 == 0 ? 16 : 32)\" text-anchor=\"\(anchor)\" "
                    + "font-size=\"11\" fill=\"#111\">⚑ \(HTMLText.escape(label))</text>")
        }
        for moment in summary.timeline {
            let mx = x(moment.elapsed)
            let tip =
                bySequence[moment.sequence].map {
                    "#\($0.sequence) \(ReportText.clock($0.elapsed)) \(ReportText.kind($0.kind, l)): \(ReportText.content($0, l))"
                } ?? "#\(moment.sequence)"
            for dimension in moment.dimensions {
                guard let row = Dimension.allCases.firstIndex(of: dimension) else { continue }
                let y = top + Double(row) * rowHeight + 8
                svg.append(
                    "<rect class=\"mark\" x=\"\(n(mx - 2.5))\" y=\"\(n(y))\" width=\"5\" height=\"\(n(rowHeight - 16))\" rx=\"1.5\" "
                        + "fill=\"\(DimensionStyle.colour(dimension))\"><title>\(HTMLText.escape(tip))</title></rect>")
            }
        }
        svg.append(
            "<line x1=\"\(n(left))\" y1=\"\(n(axisY))\" x2=\"\(n(right))\" y2=\"\(n(axisY))\" stroke=\"#111\" stroke-width=\"1.2\"/>")
        let step = tickStep(duration)
        var tick = 0.0
        while tick <= duration + 0.001 {
            let tx = x(tick)
            svg.append("<line x1=\"\(n(tx))\" y1=\"\(n(axisY))\" x2=\"\(n(tx))\" y2=\"\(n(axisY + 6))\" stroke=\"#111\"/>")
            svg.append(
                "<text x=\"\(n(tx))\" y=\"\(n(axisY + 20))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#111\">"
                    + "\(ReportText.clock(tick))</text>")
            tick += step
        }
        svg.append(
            "<text x=\"\(n(left - 24))\" y=\"\(n(axisY + 20))\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">"
                + "\(HTMLText.escape(l.pick("tijd (m:ss)", "time (m:ss)")))</text>")
        if summary.timeline.isEmpty {
            svg.append(
                "<text x=\"\(n((left + right) / 2))\" y=\"\(n(top + rows * rowHeight / 2))\" text-anchor=\"middle\" fill=\"#333\">"
                    + HTMLText.escape(l.pick("Nog niets over een dimensie vastgelegd.", "Nothing recorded about a dimension yet."))
                    + "</text>")
        }
        svg.append(
            "<line id=\"playhead\" class=\"playhead\" x1=\"\(n(left))\" y1=\"\(n(top - 6))\" x2=\"\(n(left))\" y2=\"\(n(axisY))\" "
                + "stroke=\"#b35900\" stroke-width=\"3\" visibility=\"hidden\"/>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// A round step between ticks that gives at most ten of them.
    static func tickStep(_ duration: Double) -> Double {
        let steps: [Double] = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]
        return steps.first { duration / $0 <= 10 } ?? (duration / 10).rounded(.up)
    }

    private static func n(_ value: Double) -> String { HTMLText.number(value) }
}
