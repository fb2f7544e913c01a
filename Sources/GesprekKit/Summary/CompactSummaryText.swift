/// The summary short enough to glance at while a family is talking: at most
/// 15 lines (``SummaryText/compactLineLimit``). Per dimension what came up and
/// what is missing, what is not scored, the network in one line, the scores
/// so far; `summary volledig` gives the whole one (``SummaryText/render(_:language:)``).
extension SummaryText {
    /// The most lines ``compact(_:language:)`` gives.
    public static let compactLineLimit = 15
    /// The widest a line of it gets, in characters; longer lists end in `…`.
    static let compactWidth = 100

    public static func compact(_ summary: Summary, language l: DisplayLanguage) -> String {
        var out: [String] = []
        out.append(
            l.pick("Overzicht", "Summary") + (summary.details.caseReference.map { " — \($0)" } ?? "") + "  ("
                + EventText.clock(summary.duration) + ", " + l.pick("\(summary.recorded) regels", "\(summary.recorded) lines")
                + (summary.retracted > 0 ? l.pick(", \(summary.retracted) ingetrokken", ", \(summary.retracted) retracted") : "")
                + ")")
        let width = Dimension.allCases.map(\.rawValue.count).max()!
        let gaps = summary.gaps
        for dimension in Dimension.allCases {
            let c = summary.coverage[dimension] ?? Summary.Coverage()
            var parts: [String] = []
            if c.isTouched {
                let other = c.events - c.questions - c.notes - c.quotes - c.scores
                let counted: [(Int, String, String)] = [
                    (c.questions, l.pick("vraag", "question"), l.pick("vragen", "questions")),
                    (c.notes, l.pick("notitie", "note"), l.pick("notities", "notes")),
                    (c.quotes, l.pick("citaat", "quote"), l.pick("citaten", "quotes")),
                    (c.scores, "score", "scores"),
                    (other, l.pick("netwerkregel", "network line"), l.pick("netwerkregels", "network lines")),
                ]
                parts = counted.filter { $0.0 > 0 }.map { count($0.0, $0.1, $0.2) }
            }
            var line = "  \(dimension.rawValue.padding(toLength: width))  " + (parts.isEmpty ? "—" : parts.joined(separator: ", "))
            let missing = gaps.compactMap { gap -> String? in
                switch gap {
                case .untouched(dimension): l.pick("nog niet aan bod", "not touched yet")
                case .noQuestions(dimension): l.pick("geen vragen", "no questions")
                default: nil
                }
            }
            if !missing.isEmpty { line += "  · " + l.pick("gemist: ", "missed: ") + missing.joined(separator: ", ") }
            out.append(line)
        }
        // Unscored sections, per questionnaire in one line: `gezin: vertrekpunt, competentioneel`.
        var unscored: [(String, [String])] = []
        for gap in gaps {
            guard case let .unscoredSection(questionnaire, _, dimension) = gap else { continue }
            if let index = unscored.firstIndex(where: { $0.0 == questionnaire }) {
                unscored[index].1.append(dimension.rawValue)
            } else {
                unscored.append((questionnaire, [dimension.rawValue]))
            }
        }
        if !unscored.isEmpty {
            out.append(
                fitted(
                    l.pick("Niet gescoord: ", "Not scored: ")
                        + unscored.map { "\($0.0) (\($0.1.joined(separator: ", ")))" }.joined(separator: "; ")))
        }
        let members = summary.network.members.map { member in
            member.name + (member.attributes.role.map { " (\($0))" } ?? "") + (member.attributes.influence.map { " \($0.rawValue)" } ?? "")
        }
        out.append(
            fitted(
                members.isEmpty
                    ? l.pick("Netwerk: nog niemand", "Network: nobody yet")
                    : l.pick("Netwerk", "Network") + " (\(members.count)): " + members.joined(separator: ", ")))
        out.append(
            fitted(
                summary.scores.isEmpty
                    ? l.pick("Scores: nog geen", "Scores: none yet")
                    : "Scores: "
                        + summary.scores.map { "\($0.target) \($0.value) (\(Scale.label(for: $0.value, language: l) ?? $0.label))" }.joined(
                            separator: ", ")))
        out.append(
            l.pick("Krachten", "Strengths") + " \(summary.strengths.count), " + l.pick("kwetsbaarheden", "vulnerabilities")
                + " \(summary.vulnerabilities.count)")
        out.append(l.pick("summary volledig toont alles", "summary full shows everything"))
        return out.joined(separator: "\n")
    }

    /// The line cut to ``compactWidth`` characters, ending in `…` when cut.
    private static func fitted(_ line: String) -> String {
        line.count <= compactWidth ? line : String(line.prefix(compactWidth - 1)) + "…"
    }
}
