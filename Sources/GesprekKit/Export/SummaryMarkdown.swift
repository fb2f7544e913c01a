/// The summary as Markdown for a case discussion: coverage per dimension
/// with scores, what was missed, each questionnaire as a table with the
/// totals per answer category and the mean per section, the network grouped,
/// strengths beside vulnerabilities, and the timeline.
public enum SummaryMarkdown {
    /// The summary as Markdown. `level` is the heading level of its title
    /// (1 on its own; 2 inside a longer report); sections go one level deeper.
    public static func render(_ summary: Summary, language: DisplayLanguage, level: Int = 1) -> String {
        let l = language
        let h1 = String(repeating: "#", count: max(1, min(level, 5))), h2 = h1 + "#"
        var out: [String] = []
        out.append(
            "\(h1) " + l.pick("Overzicht", "Summary") + (summary.details.caseReference.map { " — " + MarkdownText.escape($0) } ?? ""))
        out.append("")
        var facts = [
            l.pick("Duur ", "Duration ") + ReportText.clock(summary.duration),
            ReportText.count(summary.recorded, l.pick("regel", "line"), l.pick("regels", "lines")),
        ]
        if summary.retracted > 0 { facts.append(l.pick("\(summary.retracted) ingetrokken", "\(summary.retracted) retracted")) }
        if let context = SummaryText.context(summary, l) { facts.insert(MarkdownText.escape(context), at: 0) }
        out.append(facts.joined(separator: " · "))
        out += ["", "\(h2) " + l.pick("Dekking per dimensie", "Coverage per dimension"), ""] + coverage(summary, l)
        out += ["", "\(h2) " + l.pick("Gemist", "Missed"), ""] + gaps(summary, l)
        if !summary.unscoredSections.isEmpty {
            out +=
                ["", "\(h2) " + l.pick("Niet gescoord", "Not scored"), ""]
                + summary.unscoredSections.map { "- " + MarkdownText.escape($0.text(in: l)) }
        }
        for report in summary.questionnaires { out += [""] + questionnaire(report, l, heading: h2) }
        out += ["", "\(h2) " + l.pick("Netwerk", "Network"), ""] + network(summary, l)
        out +=
            ["", "\(h2) " + l.pick("Krachten en kwetsbaarheden", "Strengths and vulnerabilities"), ""]
            + strengths(summary, l)
        if !summary.timeline.isEmpty { out += ["", "\(h2) " + l.pick("Tijdlijn", "Timeline"), ""] + timeline(summary, l) }
        if !summary.reflections.isEmpty {
            out += ["", "\(h2) " + ReflectionText.title(language: l), ""] + reflections(summary, l)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The team's reflections as a table, by moment: where, kind, dimensions, the reflection and its tags.
    static func reflections(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let head = [
            l.pick("bij", "at"), l.pick("tijd", "elapsed"), l.pick("soort", "kind"), l.pick("dimensies", "dimensions"),
            l.pick("reflectie", "reflection"),
        ]
        var lines = [MarkdownText.row(head), MarkdownText.rule(head.count, right: [0, 1])]
        for reflection in summary.reflections {
            var at = "#\(reflection.moment)"
            if let marker = reflection.marker { at += " „" + MarkdownText.escape(VisibleText.escaped(marker)) + "”" }
            var text = MarkdownText.escape(VisibleText.escaped(reflection.text))
            let tags = reflection.tags.map { "`#\(VisibleText.escaped($0).replacingEvery("`", with: "'"))`" }.joined(
                separator: " ")
            if !tags.isEmpty { text += " " + tags }
            lines.append(
                MarkdownText.row([
                    at, summary.reflectionTimes[reflection.moment].map(ReportText.clock) ?? "–",
                    ReflectionText.kind(reflection.kind, language: l), ReportText.dimensions(reflection.dimensions), text,
                ]))
        }
        return lines
    }

    static func coverage(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let head = [
            l.pick("dimensie", "dimension"), l.pick("vragen", "questions"), l.pick("notities", "notes"),
            l.pick("citaten", "quotes"), "scores", l.pick("netwerk", "network"), l.pick("eerst", "first"),
            l.pick("laatst", "last"), l.pick("scores met label", "scores with label"),
        ]
        var lines = [MarkdownText.row(head), MarkdownText.rule(head.count, right: [1, 2, 3, 4, 5, 6, 7])]
        for dimension in Dimension.allCases {
            let c = summary.coverage[dimension] ?? Summary.Coverage()
            let scores = summary.scores.filter { $0.dimension == dimension }
                .map { MarkdownText.escape("\($0.target) \($0.value) (\(Scale.label(for: $0.value, language: l) ?? $0.label))") }.joined(
                    separator: ", ")
            let other = c.events - c.questions - c.notes - c.quotes - c.scores
            let counts = [c.questions, c.notes, c.quotes, c.scores, other].map(String.init)
            let last = c.isTouched ? scores : "**" + l.pick("niet aan bod geweest", "not touched") + "**"
            lines.append(
                MarkdownText.row(
                    ["**\(dimension.rawValue)**"] + counts
                        + [c.first.map(ReportText.clock) ?? "–", c.last.map(ReportText.clock) ?? "–", last]))
        }
        if summary.untagged > 0 {
            lines += [
                "",
                l.pick("Zonder dimensie: ", "Without a dimension: ")
                    + ReportText.count(summary.untagged, l.pick("regel", "line"), l.pick("regels", "lines")) + ".",
            ]
        }
        return lines
    }

    static func gaps(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let gaps = summary.missed
        guard !gaps.isEmpty else {
            return [l.pick("Niets; elke dimensie kwam aan bod, met vragen.", "Nothing; every dimension came up, with questions.")]
        }
        return gaps.map { "- " + MarkdownText.escape($0.text(in: l)) }
    }

    static func questionnaire(_ report: QuestionnaireReport, _ l: DisplayLanguage, heading: String) -> [String] {
        let q = report.questionnaire
        var lines = [
            "\(heading) " + l.pick("Vragenlijst", "Questionnaire") + " \(q.id) — " + MarkdownText.escape(q.title), "",
            "*" + MarkdownText.escape(q.respondent) + " "
                + l.pick("\(report.scored) van \(q.items.count) items gescoord.", "\(report.scored) of \(q.items.count) items scored.")
                + "*",
            "",
        ]
        let head = [l.pick("sectie", "section"), "item", l.pick("vraag", "question"), "score", "label"]
        lines += [MarkdownText.row(head), MarkdownText.rule(head.count, right: [3])]
        for section in report.sections {
            for (item, value) in zip(section.section.items, section.values) {
                lines.append(
                    MarkdownText.row([
                        section.section.dimension.rawValue, item.id, MarkdownText.escape(item.text),
                        value.map(String.init) ?? "–", value.flatMap { Scale.label(for: $0, language: l) } ?? "",
                    ]))
            }
        }
        let meanHead = [l.pick("sectie", "section"), l.pick("gescoord", "scored"), l.pick("gemiddeld", "mean")]
        lines += ["", MarkdownText.row(meanHead), MarkdownText.rule(meanHead.count, right: [1, 2])]
        for section in report.sections {
            lines.append(
                MarkdownText.row([
                    MarkdownText.escape(section.section.title), "\(section.scored)/\(section.values.count)",
                    section.mean.map { ReportText.decimal($0, l) } ?? "–",
                ]))
        }
        let totalsHead = [MarkdownText.escape(q.footer)] + Scale.range.map { "\($0) \(Scale.label(for: $0, language: l)!)" }
        lines += [
            "", MarkdownText.row(totalsHead), MarkdownText.rule(totalsHead.count, right: Set(1...Scale.range.count)),
            MarkdownText.row([l.pick("aantal items", "items")] + report.totalsPerCategory.map(String.init)),
        ]
        return lines
    }

    static func network(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let members = summary.network.members
        guard !members.isEmpty else { return [l.pick("Nog niemand in het netwerk.", "Nobody in the network yet.")] }
        let head = [
            l.pick("naam", "name"), l.pick("rol", "role"), l.pick("invloed", "influence"), l.pick("steun", "support"),
            "contact", l.pick("blijft na de hulp", "stays after the help"), l.pick("op afstand", "at a distance"),
        ]
        var lines = [MarkdownText.row(head), MarkdownText.rule(head.count)]
        for member in members {
            let a = member.attributes
            lines.append(
                MarkdownText.row([
                    MarkdownText.escape(member.name), MarkdownText.escape(a.role ?? ""),
                    a.influence.map { ReportText.influence($0, l) } ?? "",
                    a.support.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "",
                    a.contact?.rawValue ?? "", yesNo(a.stays, l), yesNo(a.distance, l),
                ]))
        }
        lines.append("")
        lines += NetworkOverview(summary.network).lines(language: l).map { "- **\($0.label):** " + MarkdownText.escape($0.names) }
        return lines
    }

    static func strengths(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let (strengths, vulnerabilities) = (summary.strengths, summary.vulnerabilities)
        guard !strengths.isEmpty || !vulnerabilities.isEmpty else {
            return [l.pick("Geen regels met #kracht of #kwetsbaarheid.", "No lines tagged #kracht or #kwetsbaarheid.")]
        }
        var lines = [
            MarkdownText.row([
                l.pick("Krachten", "Strengths") + " (\(strengths.count))",
                l.pick("Kwetsbaarheden", "Vulnerabilities") + " (\(vulnerabilities.count))",
            ]),
            MarkdownText.rule(2),
        ]
        for i in 0..<max(strengths.count, vulnerabilities.count) {
            lines.append(
                MarkdownText.row([
                    strengths.indices.contains(i) ? entry(strengths[i], l) : "",
                    vulnerabilities.indices.contains(i) ? entry(vulnerabilities[i], l) : "",
                ]))
        }
        return lines
    }

    /// `Ellen: Ik heb … *(28:00 · competentioneel)*`
    static func entry(_ entry: Summary.Entry, _ l: DisplayLanguage) -> String {
        let who = entry.speaker.map { "**" + MarkdownText.escape($0) + ":** " } ?? ""
        let when = ([ReportText.clock(entry.elapsed)] + entry.dimensions.map(\.rawValue)).joined(separator: " · ")
        return who + MarkdownText.escape(entry.text(in: l)) + " *(\(when))*"
    }

    static func timeline(_ summary: Summary, _ l: DisplayLanguage) -> [String] {
        let count = 24
        let buckets = summary.timelineBuckets(count: count)
        var lines = [
            l.pick("Eén blok ≈ ", "One block ≈ ") + ReportText.clock(summary.duration / Double(count))
                + l.pick("; █ waar de dimensie aan bod kwam.", "; █ where the dimension came up."), "", "```",
        ]
        for dimension in Dimension.allCases {
            lines.append(ReportText.pad(dimension.rawValue, 16) + " " + buckets[dimension]!.map { $0 > 0 ? "█" : "·" }.joined())
        }
        return lines + ["```"]
    }

    private static func yesNo(_ value: Bool?, _ l: DisplayLanguage) -> String {
        value.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") } ?? ""
    }
}
