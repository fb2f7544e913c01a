/// The summary and the network as plain text for a terminal or a log.
public enum SummaryText {
    public static func render(_ summary: Summary, language l: DisplayLanguage) -> String {
        var out: [String] = []
        var title = l.pick("Overzicht", "Summary") + (summary.details.caseReference.map { " — \($0)" } ?? "")
        title +=
            "  (" + l.pick("duur", "duration") + " \(EventText.clock(summary.duration)), "
            + l.pick("\(summary.recorded) regels", "\(summary.recorded) lines")
            + (summary.retracted > 0 ? l.pick(", \(summary.retracted) ingetrokken", ", \(summary.retracted) retracted") : "") + ")"
        out.append(title)
        if let context = context(summary, l) { out.append(context) }
        out.append(contentsOf: coverage(summary, l))
        out.append(l.pick("Gemist:", "Missed:"))
        let missed = summary.missed
        out.append(
            contentsOf: missed.isEmpty
                ? ["  " + l.pick("niets; elke dimensie kwam aan bod, met vragen", "nothing; every dimension came up, with questions")]
                : missed.map { "  - " + $0.text(in: l) })
        let unscored = summary.unscoredSections
        if !unscored.isEmpty {
            out.append(l.pick("Niet gescoord:", "Not scored:"))
            out.append(contentsOf: unscored.map { "  - " + $0.text(in: l) })
        }
        for report in summary.questionnaires { out.append(contentsOf: questionnaire(report, l)) }
        out.append(network(summary.network, language: l))
        out.append(contentsOf: NetworkOverview(summary.network).lines(language: l).map { "  \($0.label): \($0.names)" })
        out.append(contentsOf: entries(l.pick("Krachten", "Strengths"), summary.strengths, l))
        out.append(contentsOf: entries(l.pick("Kwetsbaarheden", "Vulnerabilities"), summary.vulnerabilities, l))
        out.append(contentsOf: timeline(summary, l))
        out.append(contentsOf: reflections(summary, l))
        return out.joined(separator: "\n")
    }

    /// `Reflecties van het team (2):` and one line each, by moment: `  - bij #12 (3:12) hypothese · motivationeel: …`.
    /// Nothing when the team has added none.
    static func reflections(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        guard !summary.reflections.isEmpty else { return [] }
        var lines = [ReflectionText.title(language: l) + " (\(summary.reflections.count)):"]
        for reflection in summary.reflections {
            let moment = ReflectionText.moment(reflection, elapsed: summary.reflectionTimes[reflection.moment], language: l)
            lines.append("  - " + moment + " " + ReflectionText.line(reflection, language: l))
        }
        return lines
    }

    /// `23-11-2026 09:00 · adviseur Sanne Bakker · Ellen (moeder)`: when, by whom, with whom; nil when nothing is known.
    static func context(_ summary: Summary, _ l: DisplayLanguage) -> String? {
        var parts: [String] = []
        if let started = summary.started { parts.append(EventText.date(started, language: l)) }
        if let advisor = summary.details.advisor { parts.append(l.pick("adviseur ", "advisor ") + advisor) }
        let people = summary.details.participants.map { $0.name + ($0.role.map { " (\($0))" } ?? "") }
        if !people.isEmpty { parts.append(people.joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    private static func coverage(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let width = Dimension.allCases.map(\.rawValue.count).max()!
        var lines: [String] = []
        for dimension in Dimension.allCases {
            let c = summary.coverage[dimension] ?? Summary.Coverage()
            let name = dimension.rawValue.padding(toLength: width)
            guard c.isTouched, let first = c.first, let last = c.last else {
                lines.append("  \(name)  " + l.pick("— niet aan bod geweest", "— not touched"))
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
            lines.append("  \(name)  " + parts.joined(separator: ", ") + "   \(EventText.clock(first))–\(EventText.clock(last))")
            let scores = summary.scores.filter { $0.dimension == dimension }
            if !scores.isEmpty {
                lines.append(
                    "  " + String(repeating: " ", count: width) + "  scores: "
                        + scores.map { "\($0.target) \($0.value) (\(Scale.label(for: $0.value, language: l) ?? $0.label))" }.joined(
                            separator: ", "))
            }
        }
        if summary.untagged > 0 {
            lines.append("  " + l.pick("zonder dimensie", "no dimension").padding(toLength: width) + "  \(summary.untagged)")
        }
        return lines
    }

    private static func questionnaire(_ report: QuestionnaireReport, _ l: DisplayLanguage) -> [String] {
        let q = report.questionnaire
        var lines = [
            l.pick(
                "Vragenlijst \(q.id) — \(q.title) (\(report.scored) van \(q.items.count) items gescoord)",
                "Questionnaire \(q.id) — \(q.title) (\(report.scored) of \(q.items.count) items scored)")
        ]
        for section in report.sections {
            let values = zip(section.section.items, section.values).map { item, value in
                "\(item.id.split(separator: ".").last!) \(value.map(String.init) ?? "–")"
            }.joined(separator: "  ")
            let mean = section.mean.map { l.pick("gemiddeld ", "mean ") + decimal($0, l) } ?? ""
            lines.append("  \(section.section.dimension.rawValue.padding(toLength: 16)) \(values)   \(mean)")
        }
        let totals = report.totalsPerCategory.enumerated().map { "\($0.offset): \($0.element)" }.joined(separator: "  ")
        lines.append("  " + q.footer(in: l) + ": " + totals)
        return lines
    }

    private static func entries(_ title: String, _ entries: [Summary.Entry], _ l: DisplayLanguage) -> [String] {
        ["\(title) (\(entries.count)):"] + entries.map { "  - " + ($0.speaker.map { "\($0): " } ?? "") + $0.text(in: l) }
    }

    /// One row per dimension, one block per stretch of the conversation: █ where it came up.
    private static func timeline(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        guard !summary.timeline.isEmpty else { return [] }
        let buckets = summary.timelineBuckets(count: 24)
        let step = EventText.clock(summary.duration / 24)
        var lines = [l.pick("Tijdlijn (één blok ≈ \(step)):", "Timeline (one block ≈ \(step)):")]
        for dimension in Dimension.allCases {
            lines.append("  \(dimension.rawValue.padding(toLength: 16)) " + buckets[dimension]!.map { $0 > 0 ? "█" : "·" }.joined())
        }
        return lines
    }

    /// The network, one person a line: `Oma (grootmoeder) + — praktisch; blijft na de hulp`.
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

    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }

    /// One decimal, with a comma in Dutch: `3,3`.
    static func decimal(_ value: Double, _ l: DisplayLanguage) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(l == .nl ? "," : ".")\(tenths % 10)"
    }
}

extension Summary {
    /// How many events touched each dimension in each of `count` equal stretches of the conversation.
    public func timelineBuckets(count: Int) -> [Dimension: [Int]] {
        var buckets = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, [Int](repeating: 0, count: count)) })
        for moment in timeline {
            let index = duration > 0 ? min(count - 1, Int(moment.elapsed / duration * Double(count))) : 0
            for dimension in moment.dimensions { buckets[dimension]![index] += 1 }
        }
        return buckets
    }
}

extension String {
    /// Pads with spaces on the right to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
