/// The summary's sections as HTML: coverage per dimension with scores,
/// what was missed, the questionnaires, the network (a table and the
/// groups) and strengths beside vulnerabilities.
enum SummaryHTML {
    static func render(_ summary: Summary, language l: DisplayLanguage) -> String {
        var out = [
            "<h3>" + e(l.pick("Dekking per dimensie", "Coverage per dimension")) + "</h3>", coverage(summary, l),
            "<h3>" + e(l.pick("Gemist", "Missed")) + "</h3>", gaps(summary, l),
        ]
        let unscored = summary.unscoredSections
        if !unscored.isEmpty {
            out += [
                "<h3>" + e(l.pick("Niet gescoord", "Not scored")) + "</h3>",
                "<ul class=\"gaps\">\n" + unscored.map { "<li class=\"gap\">" + e($0.text(in: l)) + "</li>" }.joined(separator: "\n")
                    + "\n</ul>",
            ]
        }
        for report in summary.questionnaires { out.append(questionnaire(report, l)) }
        out += [
            "<h3>" + e(l.pick("Netwerk", "Network")) + "</h3>", network(summary, l),
            "<h3>" + e(l.pick("Krachten en kwetsbaarheden", "Strengths and vulnerabilities")) + "</h3>", strengths(summary, l),
        ]
        if !summary.reflections.isEmpty {
            out += ["<h3>" + e(ReflectionText.title(language: l)) + "</h3>", reflections(summary, l)]
        }
        return out.joined(separator: "\n")
    }

    /// The team's reflections as a table, by moment; the moment links to its line in the course of the conversation.
    static func reflections(_ summary: Summary, _ l: DisplayLanguage) -> String {
        let rows = summary.reflections.map { reflection in
            var at = "<a href=\"#line-\(reflection.moment)\">#\(reflection.moment)</a>"
            if let marker = reflection.marker { at += " „" + e(VisibleText.escaped(marker)) + "”" }
            let dims = reflection.dimensions.map { "<span class=\"dim dim-\($0.rawValue)\">\($0.rawValue)</span>" }.joined(separator: " ")
            let tags = reflection.tags.map { "<span class=\"tag\">#\(e(VisibleText.escaped($0)))</span>" }.joined(separator: " ")
            return "<tr class=\"reflection reflection-\(reflection.kind.rawValue)\"><td class=\"n\">\(at)</td>"
                + "<td class=\"t\">\(summary.reflectionTimes[reflection.moment].map(ReportText.clock) ?? "–")</td>"
                + "<td>\(e(ReflectionText.kind(reflection.kind, language: l)))</td><td>\(dims)</td>"
                + "<td>\(e(VisibleText.escaped(reflection.text)))\(tags.isEmpty ? "" : " " + tags)</td></tr>"
        }
        return table(
            head: [
                l.pick("bij", "at"), l.pick("tijd", "elapsed"), l.pick("soort", "kind"), l.pick("dimensies", "dimensions"),
                l.pick("reflectie", "reflection"),
            ],
            numeric: [0], rows: rows, keep: false, className: "reflections")
    }

    static func coverage(_ summary: Summary, _ l: DisplayLanguage) -> String {
        let head = [
            l.pick("dimensie", "dimension"), l.pick("vragen", "questions"), l.pick("notities", "notes"),
            l.pick("citaten", "quotes"), "scores", l.pick("netwerk", "network"), l.pick("eerst", "first"),
            l.pick("laatst", "last"), l.pick("scores met label", "scores with label"),
        ]
        var rows: [String] = []
        for dimension in Dimension.allCases {
            let c = summary.coverage[dimension] ?? Summary.Coverage()
            let other = c.events - c.questions - c.notes - c.quotes - c.scores
            let numbers = [c.questions, c.notes, c.quotes, c.scores, other].map { "<td class=\"n\">\($0)</td>" }.joined()
            let scores = summary.scores.filter { $0.dimension == dimension }.map {
                "\($0.target) \($0.value) (\(Scale.label(for: $0.value, language: l) ?? $0.label))"
            }
            let last =
                c.isTouched
                ? e(scores.joined(separator: ", "))
                : "<span class=\"gap\">" + e(l.pick("niet aan bod geweest", "not touched")) + "</span>"
            rows.append(
                "<tr><th scope=\"row\"><span class=\"dim dim-\(dimension.rawValue)\">\(dimension.rawValue)</span></th>\(numbers)"
                    + "<td class=\"n\">\(c.first.map(ReportText.clock) ?? "–")</td><td class=\"n\">\(c.last.map(ReportText.clock) ?? "–")</td>"
                    + "<td>\(last)</td></tr>")
        }
        var html = table(head: head, numeric: [1, 2, 3, 4, 5, 6, 7], rows: rows, keep: true)
        if summary.untagged > 0 {
            html +=
                "\n<p class=\"note\">"
                + e(
                    l.pick("Zonder dimensie: ", "Without a dimension: ")
                        + ReportText.count(summary.untagged, l.pick("regel", "line"), l.pick("regels", "lines"))) + "</p>"
        }
        return html
    }

    static func gaps(_ summary: Summary, _ l: DisplayLanguage) -> String {
        let gaps = summary.missed
        guard !gaps.isEmpty else {
            return "<p>" + e(l.pick("Niets; elke dimensie kwam aan bod, met vragen.", "Nothing; every dimension came up, with questions."))
                + "</p>"
        }
        return "<ul class=\"gaps\">\n" + gaps.map { "<li class=\"gap\">" + e($0.text(in: l)) + "</li>" }.joined(separator: "\n") + "\n</ul>"
    }

    static func questionnaire(_ report: QuestionnaireReport, _ l: DisplayLanguage) -> String {
        let q = report.questionnaire
        var out = [
            "<h3>" + e(l.pick("Vragenlijst", "Questionnaire") + " \(q.id) — \(q.title)") + "</h3>",
            "<p class=\"note\">"
                + e(
                    q.respondent + " "
                        + l.pick(
                            "\(report.scored) van \(q.items.count) items gescoord.", "\(report.scored) of \(q.items.count) items scored."))
                + "</p>",
        ]
        var rows: [String] = []
        for section in report.sections {
            let mean = section.mean.map { ReportText.decimal($0, l) } ?? "–"
            rows.append(
                "<tr><th colspan=\"3\" scope=\"rowgroup\">" + e(section.section.title) + "</th>"
                    + "<th class=\"n\">" + e(l.pick("gemiddeld ", "mean ") + mean) + "</th><th></th></tr>")
            for (item, value) in zip(section.section.items, section.values) {
                rows.append(
                    "<tr><td>\(e(item.id))</td><td><span class=\"dim dim-\(item.dimension.rawValue)\">\(DimensionStyle.letter(item.dimension))</span></td>"
                        + "<td>\(e(item.text))</td><td class=\"n\">\(value.map(String.init) ?? "–")</td>"
                        + "<td>\(e(value.flatMap { Scale.label(for: $0, language: l) } ?? ""))</td></tr>")
            }
        }
        out.append(table(head: ["item", "", l.pick("vraag", "question"), "score", "label"], numeric: [3], rows: rows, keep: false))
        let totalsHead = [q.footer] + Scale.range.map { "\($0) \(Scale.label(for: $0, language: l)!)" }
        let totals =
            "<tr><th scope=\"row\">" + e(l.pick("aantal items", "items")) + "</th>"
            + report.totalsPerCategory.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>"
        out.append(table(head: totalsHead, numeric: Set(1...Scale.range.count), rows: [totals], keep: true, className: "totals"))
        return out.joined(separator: "\n")
    }

    static func network(_ summary: Summary, _ l: DisplayLanguage) -> String {
        let members = summary.network.members
        guard !members.isEmpty else { return "<p>" + e(l.pick("Nog niemand in het netwerk.", "Nobody in the network yet.")) + "</p>" }
        let yesNo = { (value: Bool?) in value.map { $0 ? l.pick("ja", "yes") : l.pick("nee", "no") } ?? "" }
        let rows = members.map { member in
            let a = member.attributes
            return
                "<tr><td>\(e(member.name))</td><td>\(e(a.role ?? ""))</td><td>\(e(a.influence.map { ReportText.influence($0, l) } ?? ""))</td>"
                + "<td>\(e(a.support?.map(\.rawValue).joined(separator: ", ") ?? ""))</td><td>\(e(a.contact?.rawValue ?? ""))</td>"
                + "<td>\(e(yesNo(a.stays)))</td><td>\(e(yesNo(a.distance)))</td></tr>"
        }
        let head = [
            l.pick("naam", "name"), l.pick("rol", "role"), l.pick("invloed", "influence"), l.pick("steun", "support"),
            "contact", l.pick("blijft na de hulp", "stays after the help"), l.pick("op afstand", "at a distance"),
        ]
        let groups = NetworkOverview(summary.network).lines(language: l)
            .map { "<dt>\(e($0.label))</dt><dd>\(e($0.names))</dd>" }.joined(separator: "\n")
        return table(head: head, numeric: [], rows: rows, keep: false) + "\n<dl class=\"facts groups\">\n\(groups)\n</dl>"
    }

    static func strengths(_ summary: Summary, _ l: DisplayLanguage) -> String {
        func column(_ title: String, _ entries: [Summary.Entry], _ className: String) -> String {
            let items = entries.map { entry in
                "<li>" + (entry.speaker.map { "<strong>\(e($0)):</strong> " } ?? "") + e(entry.text(in: l))
                    + " <span class=\"meta\">"
                    + e(([ReportText.clock(entry.elapsed)] + entry.dimensions.map(\.rawValue)).joined(separator: " · "))
                    + "</span></li>"
            }
            let body =
                items.isEmpty
                ? "<p class=\"note\">" + e(l.pick("geen", "none")) + "</p>" : "<ul>\n" + items.joined(separator: "\n") + "\n</ul>"
            return "<div class=\"\(className)\"><h4>\(e(title)) (\(entries.count))</h4>\n\(body)\n</div>"
        }
        return "<div class=\"columns\">\n" + column(l.pick("Krachten", "Strengths"), summary.strengths, "strengths") + "\n"
            + column(l.pick("Kwetsbaarheden", "Vulnerabilities"), summary.vulnerabilities, "vulnerabilities") + "\n</div>"
    }

    /// A table with a head of plain texts and rows already in HTML.
    static func table(head: [String], numeric: Set<Int>, rows: [String], keep: Bool, className: String? = nil) -> String {
        let classes = ([keep ? "keep" : nil, className].compactMap { $0 }).joined(separator: " ")
        let cells = head.enumerated().map { "<th scope=\"col\"\(numeric.contains($0.offset) ? " class=\"n\"" : "")>\(e($0.element))</th>" }
        return "<table\(classes.isEmpty ? "" : " class=\"\(classes)\"")>\n<thead><tr>\(cells.joined())</tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
    }

    private static func e(_ text: String) -> String { HTMLText.escape(text) }
}
