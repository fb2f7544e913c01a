/// A transcript as one self-contained HTML file for a case discussion: the
/// header, two pictures drawn as inline SVG (the dimensions over time and
/// the network as an ecogram), the course of the conversation, the client's
/// own words and the summary. Inline CSS with print rules; no scripts, fonts,
/// images or links to anything outside the file. All text is escaped.
public enum TranscriptHTML {
    /// The whole document. Anonymize the transcript first (``Anonymizer``) and pass
    /// `anonymized: true` to say so in the header.
    public static func render(_ transcript: Transcript, language: DisplayLanguage, anonymized: Bool = false) -> String {
        let report = ConversationReport(transcript, language: language)
        let l = language
        var out = [
            "<!DOCTYPE html>", "<html lang=\"\(l.rawValue)\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(e(report.title))</title>", "<style>", HTMLStyle.css, "</style>", "</head>", "<body>",
        ]
        out += ["<header>", "<h1>\(e(report.title))</h1>"]
        if anonymized {
            out.append(
                "<p class=\"anonymized\">"
                    + e(
                        l.pick(
                            "Geanonimiseerd: namen zijn vervangen door rollen.",
                            "Anonymized: names are replaced by roles.")) + "</p>")
        }
        out.append("<dl class=\"facts\">")
        out += report.facts.map { "<dt>\(e($0.label))</dt><dd>\(e($0.value))</dd>" }
        out += ["</dl>", "</header>"]
        out += [
            "<section class=\"pictures\">", "<h2>\(e(l.pick("In beeld", "At a glance")))</h2>",
            "<figure class=\"timeline\">", TimelineSVG.render(report.summary, events: report.events, language: l),
            "<figcaption>"
                + e(
                    l.pick(
                        "Wanneer elke dimensie aan bod kwam: één streep per regel, ⚑ een markering.",
                        "When each dimension came up: one stroke per line, ⚑ a marker.")) + "</figcaption>", "</figure>",
            "<figure class=\"ecogram\">", EcogramSVG.render(report.summary, language: l),
            "<figcaption>" + e(l.pick("Het netwerk aan het eind van het gesprek.", "The network at the end of the conversation."))
                + "</figcaption>", "</figure>", "</section>",
        ]
        out += [
            "<section class=\"course\">", "<h2>\(e(l.pick("Verloop van het gesprek", "Course of the conversation")))</h2>",
            course(report), "</section>",
        ]
        out += ["<section class=\"quotes\">", "<h2>\(e(l.pick("Eigen woorden", "In their own words")))</h2>", quotes(report), "</section>"]
        out += [
            "<section class=\"summary\">", "<h2>\(e(l.pick("Overzicht", "Summary")))</h2>",
            SummaryHTML.render(report.summary, language: l), "</section>",
        ]
        out += [
            "<footer>"
                + e(
                    l.pick(
                        "Vertrouwelijk: dit verslag gaat over een jeugdige en diens gezin. Bewaar en deel het volgens de regels van je organisatie.",
                        "Confidential: this report is about a young person and their family. Keep and share it by your organisation's rules."
                    )
                        + " · " + transcript.header.tool) + "</footer>",
            "</body>", "</html>",
        ]
        return out.joined(separator: "\n") + "\n"
    }

    static func course(_ report: ConversationReport) -> String {
        let l = report.language
        guard !report.events.isEmpty else { return "<p>" + e(l.pick("Niets vastgelegd.", "Nothing recorded.")) + "</p>" }
        let rows = report.events.map { event in
            let retracted = report.retracted.contains(event.sequence)
            let dims = event.dimensions.map { "<span class=\"dim dim-\($0.rawValue)\">\($0.rawValue)</span>" }.joined(separator: " ")
            let tags = event.tags.map { "<span class=\"tag\">#\(e($0))</span>" }.joined(separator: " ")
            var content = e(ReportText.content(event, l))
            if retracted { content = "<del>\(content)</del><span class=\"badge\">" + e(l.pick("ingetrokken", "retracted")) + "</span>" }
            if !tags.isEmpty { content += " " + tags }
            return "<tr\(retracted ? " class=\"retracted\"" : "")><td class=\"n\">\(event.sequence)</td>"
                + "<td class=\"t\">\(ReportText.clock(event.elapsed))</td><td class=\"t\">\(e(ReportText.wallClock(event.time)))</td>"
                + "<td>\(e(ReportText.kind(event.kind, l)))</td><td>\(dims)</td><td>\(content)</td></tr>"
        }
        return SummaryHTML.table(
            head: [
                "#", l.pick("tijd", "elapsed"), l.pick("klok", "clock"), l.pick("soort", "kind"),
                l.pick("dimensies", "dimensions"), l.pick("inhoud", "content"),
            ],
            numeric: [0], rows: rows, keep: false, className: "events")
    }

    static func quotes(_ report: ConversationReport) -> String {
        let l = report.language
        let groups = report.quotes
        guard !groups.isEmpty else { return "<p>" + e(l.pick("Geen citaten vastgelegd.", "No quotes recorded.")) + "</p>" }
        var out: [String] = []
        for group in groups {
            out.append("<h3>" + e(ReportText.person(group.speaker, role: report.role(of: group.speaker))) + "</h3>")
            out.append("<ul class=\"quotes\">")
            for event in group.quotes {
                var quote = "<q>" + e(ConversationReport.quoteText(event)) + "</q>"
                if report.retracted.contains(event.sequence) {
                    quote = "<del>\(quote)</del><span class=\"badge\">" + e(l.pick("ingetrokken", "retracted")) + "</span>"
                }
                let when = ([ReportText.clock(event.elapsed)] + event.dimensions.map(\.rawValue)).joined(separator: " · ")
                out.append("<li>\(quote) <span class=\"meta\">\(e(when))</span></li>")
            }
            out.append("</ul>")
        }
        return out.joined(separator: "\n")
    }

    private static func e(_ text: String) -> String { HTMLText.escape(text) }
}
