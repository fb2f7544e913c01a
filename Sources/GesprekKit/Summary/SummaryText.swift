/// The summary and the network as plain text for a terminal or a log.
public enum SummaryText {
    public static func render(_ summary: Summary, language l: DisplayLanguage) -> String {
        var lines: [String] = []
        lines.append(l.pick("Overzicht", "Summary") + (summary.details.caseReference.map { " — \($0)" } ?? ""))
        let width = Dimension.allCases.map(\.rawValue.count).max()!
        for dimension in Dimension.allCases {
            let c = summary.coverage[dimension] ?? Summary.Coverage()
            let name = dimension.rawValue.padding(toLength: width)
            if !c.isTouched {
                lines.append("  \(name)  " + l.pick("— nog niet aan bod geweest", "— not touched yet"))
                continue
            }
            var parts = [
                count(c.questions, l.pick("vraag", "question"), l.pick("vragen", "questions")),
                count(c.notes, l.pick("notitie", "note"), l.pick("notities", "notes")),
                count(c.quotes, l.pick("citaat", "quote"), l.pick("citaten", "quotes")),
                count(c.scores, "score", "scores"),
            ]
            let other = c.events - c.questions - c.notes - c.quotes - c.scores
            if other > 0 { parts.append(count(other, l.pick("netwerkregel", "network line"), l.pick("netwerkregels", "network lines"))) }
            lines.append("  \(name)  " + parts.joined(separator: ", "))
        }
        if summary.untagged > 0 {
            lines.append("  " + l.pick("zonder dimensie", "no dimension").padding(toLength: width) + "  \(summary.untagged)")
        }
        let gaps = summary.gaps
        lines.append(l.pick("Nog niet aan bod: ", "Not touched yet: ")
            + (gaps.isEmpty ? l.pick("geen; alle dimensies zijn besproken", "none; every dimension came up")
                : gaps.map(\.rawValue).joined(separator: ", ")))
        if !summary.scores.isEmpty {
            lines.append(l.pick("Scores: ", "Scores: ")
                + summary.scores.map { "\($0.target) \($0.value) (\($0.label))" }.joined(separator: ", "))
        }
        lines.append(l.pick("Krachten: \(summary.strengths), kwetsbaarheden: \(summary.vulnerabilities)",
                            "Strengths: \(summary.strengths), vulnerabilities: \(summary.vulnerabilities)"))
        lines.append(network(summary.network, language: l))
        return lines.joined(separator: "\n")
    }

    /// The network, one person a line: `Oma (grootmoeder) + praktisch, emotioneel; blijft`.
    public static func network(_ network: Network, language l: DisplayLanguage) -> String {
        guard !network.members.isEmpty else { return l.pick("Netwerk: nog niemand", "Network: nobody yet") }
        var lines = [l.pick("Netwerk:", "Network:")]
        for member in network.members {
            let a = member.attributes
            var line = "  \(member.name)"
            if let role = a.role { line += " (\(role))" }
            if let influence = a.influence { line += " \(influence.rawValue)" }
            var notes: [String] = []
            if let support = a.support, !support.isEmpty { notes.append(support.map(\.rawValue).joined(separator: ", ")) }
            if let contact = a.contact { notes.append(contact.rawValue) }
            if a.stays == true { notes.append(l.pick("blijft na de hulp", "stays after the help")) }
            if a.distance == true { notes.append(l.pick("op afstand houden", "keep at a distance")) }
            if !notes.isEmpty { line += " — " + notes.joined(separator: "; ") }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }
}

extension String {
    /// Pads with spaces on the right to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
