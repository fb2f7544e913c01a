/// The feedback as the trainee reads it at the end of a run.
public enum ScenarioFeedbackText {
    public static func render(_ feedback: ScenarioFeedback, language l: DisplayLanguage) -> String {
        var lines: [String] = []
        lines.append(l.pick("Terugkoppeling: \(feedback.title)", "Feedback: \(feedback.title)"))
        if !feedback.finished {
            lines.append(l.pick("  (het gesprek is voor het einde gestopt)", "  (the conversation stopped before its end)"))
        }
        lines.append("")
        let total = feedback.results.count
        lines.append(
            l.pick("Verwachtingen: \(feedback.metCount) van \(total) gehaald", "Expectations: \(feedback.metCount) of \(total) met"))
        for result in feedback.results {
            let mark = result.met ? "✓" : "✗"
            var line = "  \(mark) \(result.expectation)"
            if let moment = result.moment {
                let when = "\(l.pick("beurt", "turn")) \(moment.turn), \(EventText.clock(moment.elapsed))"
                line +=
                    result.met
                    ? " — " + l.pick("gehaald in \(when)", "met at \(when)")
                    : " — " + l.pick("gemist in \(when)", "missed at \(when)")
            } else if !result.met {
                line += " — " + l.pick("gemist", "missed")
            }
            lines.append(line)
        }
        lines.append("")
        lines.append(l.pick("Dekking per dimensie (regels van de cursist):", "Coverage per dimension (the trainee's lines):"))
        for dimension in Dimension.allCases {
            let count = feedback.coverage[dimension] ?? 0
            let name = dimension.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            var line = "  \(name) \(count)"
            if feedback.targets.contains(dimension) {
                line +=
                    count > 0 ? "   " + l.pick("doel ✓", "target ✓") : "   " + l.pick("doel ✗ niet aan bod gekomen", "target ✗ not covered")
            }
            lines.append(line)
        }
        let guidance = feedback.results.filter { !$0.met }.flatMap(\.guidance)
        if !guidance.isEmpty {
            lines.append("")
            lines.append(l.pick("Uit de handreiking:", "From the handreiking:"))
            for text in guidance { lines.append("  • \(text)") }
        }
        return lines.joined(separator: "\n")
    }
}
