/// A transcript as a Markdown report for a case discussion: the header
/// (case, participants, advisor, date, duration), the course of the
/// conversation event by event (retracted ones struck through), the
/// client's own words grouped by speaker, and the summary.
public enum TranscriptMarkdown {
    /// The whole report. Anonymize the transcript first (``Anonymizer``) when it leaves the advisor's desk,
    /// and pass `anonymized: true` to say so under the title.
    public static func render(_ transcript: Transcript, language: DisplayLanguage, anonymized: Bool = false) -> String {
        let report = ConversationReport(transcript, language: language)
        let l = language
        var out = ["# " + MarkdownText.escape(report.title), ""]
        if anonymized {
            out += [
                "**" + l.pick("Geanonimiseerd: namen zijn vervangen door rollen.", "Anonymized: names are replaced by roles.") + "**", "",
            ]
        }
        out += report.facts.map { "- **\($0.label):** " + MarkdownText.escape($0.value) }
        out += ["", "## " + l.pick("Verloop van het gesprek", "Course of the conversation"), ""] + course(report)
        out += ["", "## " + l.pick("Eigen woorden", "In their own words"), ""] + quotes(report)
        out += ["", SummaryMarkdown.render(report.summary, language: l, level: 2)]
        return out.joined(separator: "\n")
    }

    static func course(_ report: ConversationReport) -> [String] {
        let l = report.language
        guard !report.events.isEmpty else { return [l.pick("Niets vastgelegd.", "Nothing recorded.")] }
        let head = [
            "#", l.pick("tijd", "elapsed"), l.pick("klok", "clock"), l.pick("soort", "kind"),
            l.pick("dimensies", "dimensions"), l.pick("inhoud", "content"),
        ]
        var lines = [MarkdownText.row(head), MarkdownText.rule(head.count, right: [0, 1])]
        let reflections = ReflectionText.byMoment(report.reflections)
        for event in report.events {
            defer { lines += (reflections[event.sequence] ?? []).map { reflectionRow($0, l) } }
            let retracted = report.retracted.contains(event.sequence)
            var content = MarkdownText.escape(ReportText.content(event, l))
            let tags = event.tags.map { "`#\($0.replacingEvery("`", with: "'"))`" }.joined(separator: " ")
            if !tags.isEmpty { content += " " + tags }
            if retracted { content = "~~\(content)~~ *(" + l.pick("ingetrokken", "retracted") + ")*" }
            lines.append(
                MarkdownText.row([
                    "\(event.sequence)", ReportText.clock(event.elapsed), ReportText.wallClock(event.time),
                    ReportText.kind(event.kind, l), ReportText.dimensions(event.dimensions), content,
                ]))
        }
        lines += ReflectionText.unplaced(report.reflections, sequences: report.events.map(\.sequence)).map { reflectionRow($0, l) }
        return lines
    }

    /// A reflection of the team as a row under the line it is about: `| | | | ↳ *team · hypothese* | m | text |`.
    static func reflectionRow(_ reflection: Reflection, _ l: DisplayLanguage) -> String {
        var content = "*" + MarkdownText.escape(VisibleText.escaped(reflection.text)) + "*"
        let tags = reflection.tags.map { "`#\(VisibleText.escaped($0).replacingEvery("`", with: "'"))`" }.joined(separator: " ")
        if !tags.isEmpty { content += " " + tags }
        return MarkdownText.row([
            "", "", "", "↳ **team · " + ReflectionText.kind(reflection.kind, language: l) + "**",
            ReportText.dimensions(reflection.dimensions), content,
        ])
    }

    static func quotes(_ report: ConversationReport) -> [String] {
        let l = report.language
        let groups = report.quotes
        guard !groups.isEmpty else { return [l.pick("Geen citaten vastgelegd.", "No quotes recorded.")] }
        var lines: [String] = []
        for group in groups {
            lines += ["### " + MarkdownText.escape(ReportText.person(group.speaker, role: report.role(of: group.speaker))), ""]
            for event in group.quotes {
                let when = ([ReportText.clock(event.elapsed)] + event.dimensions.map(\.rawValue)).joined(separator: " · ")
                var quote = "„" + MarkdownText.escape(ConversationReport.quoteText(event)) + "”"
                if report.retracted.contains(event.sequence) { quote = "~~\(quote)~~ *(" + l.pick("ingetrokken", "retracted") + ")*" }
                lines.append("- \(quote) *(\(when))*")
            }
            lines.append("")
        }
        return Array(lines.dropLast())
    }
}
