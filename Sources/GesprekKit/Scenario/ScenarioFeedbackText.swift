/// The feedback as the trainee reads it at the end of a run: each
/// expectation in plain words (not the scenario's syntax), met or missed and
/// when, with the trainer's guidance right under what was missed.
///
/// The scenario's own text (its title, labels, guidance) is shown with
/// ``VisibleText`` escapes: a scenario file is not trusted to steer a terminal.
public enum ScenarioFeedbackText {
    public static func render(_ feedback: ScenarioFeedback, language l: DisplayLanguage) -> String {
        var lines: [String] = []
        lines.append(l.pick("Terugkoppeling: ", "Feedback: ") + VisibleText.escaped(feedback.title))
        if !feedback.finished {
            lines.append(l.pick("  (het gesprek is voor het einde gestopt)", "  (the conversation stopped before its end)"))
        }
        lines.append("")
        let total = feedback.results.count
        lines.append(
            l.pick("Verwachtingen: \(feedback.metCount) van \(total) gehaald", "Expectations: \(feedback.metCount) of \(total) met"))
        for result in feedback.results {
            let mark = result.met ? "✓" : "✗"
            var line = "  \(mark) \(describe(result.kind, language: l))"
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
            if !result.met {
                for text in result.guidance { lines.append("      " + VisibleText.escaped(text)) }
            }
        }
        lines.append("")
        lines.append(l.pick("Dekking per dimensie (regels van de cursist):", "Coverage per dimension (the trainee's lines):"))
        for dimension in Dimension.allCases {
            let count = feedback.coverage[dimension] ?? 0
            let name = dimension.rawValue.paddedOrCut(toLength: 16)
            var line = "  \(name) \(count)"
            if feedback.targets.contains(dimension) {
                line +=
                    count > 0 ? "   " + l.pick("doel ✓", "target ✓") : "   " + l.pick("doel ✗ niet aan bod gekomen", "target ✗ not covered")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// An expectation in plain words: "Eerst de situatie volgens het gezin, daarna pas de competenties"
    /// for `#vertrekpunt before #competentioneel`.
    public static func describe(_ kind: ScenarioExpectation.Requirement, language l: DisplayLanguage) -> String {
        switch kind {
        case let .covers(dimension):
            return capitalised(l.pick("\(topic(dimension, l)) komt aan bod", "\(topic(dimension, l)) comes up"))
        case let .before(first, then):
            return l.pick(
                "Eerst \(topic(first, l)), daarna pas \(topic(then, l))", "First \(topic(first, l)), only then \(topic(then, l))")
        case let .within(dimension, turns):
            return capitalised(
                l.pick(
                    "\(topic(dimension, l)) komt aan bod in de eerste \(turns == 1 ? "beurt" : "\(turns) beurten")",
                    "\(topic(dimension, l)) comes up in the first \(turns == 1 ? "turn" : "\(turns) turns")"))
        case let .network(name?):
            let shown = VisibleText.escaped(name)
            return l.pick("\(shown) komt in het netwerk", "\(shown) is added to the network")
        case .network(nil):
            return l.pick("Iemand uit het netwerk komt in beeld", "Someone from the network is added")
        case let .score(.item(item)):
            return l.pick("Een score op \(item.id): \(item.text)", "A score on \(item.id): \(item.text)")
        case let .score(.dimension(dimension)):
            return l.pick("Een score op \(topic(dimension, l))", "A score on \(topic(dimension, l))")
        case let .reach(label):
            let shown = VisibleText.escaped(label)
            return l.pick("Het gesprek komt toe aan ‘\(shown)’", "The conversation gets to ‘\(shown)’")
        case let .avoid(label):
            let shown = VisibleText.escaped(label)
            return l.pick("Het gesprek belandt niet in ‘\(shown)’", "The conversation does not end up in ‘\(shown)’")
        }
    }

    /// What a dimension is about, as part of a sentence.
    static func topic(_ dimension: Dimension, _ l: DisplayLanguage) -> String {
        switch dimension {
        case .vertrekpunt: l.pick("de situatie volgens het gezin", "the situation as the family sees it")
        case .competentioneel: l.pick("de competenties", "the competences")
        case .sociaal: l.pick("het netwerk", "the network")
        case .motivationeel: l.pick("de motivatie", "the motivation")
        }
    }

    private static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
