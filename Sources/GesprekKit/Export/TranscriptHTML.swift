/// A transcript as one self-contained HTML file for a case discussion: the
/// header, two pictures drawn as inline SVG (the dimensions over time and
/// the network as an ecogram), the course of the conversation, the client's
/// own words and the summary. Inline CSS with print rules; no fonts, images or
/// links to anything outside the file. All text is escaped.
///
/// A player replays the conversation in the page (``ReplayPlayerScript``): one
/// inline script, allowed by its SHA-256 hash in the Content-Security-Policy.
/// Its controls are `hidden` until the script runs, so without JavaScript the
/// page is the whole report, and printing hides the player.
public enum TranscriptHTML {
    /// The whole document. Anonymize the transcript first (``Anonymizer``) and pass
    /// `anonymized: true` to say so in the header.
    public static func render(_ transcript: Transcript, language: DisplayLanguage, anonymized: Bool = false) -> String {
        let report = ConversationReport(transcript, language: language)
        let l = language
        var out = [
            "<!DOCTYPE html>", "<html lang=\"\(l.rawValue)\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(ReplayPlayerScript.contentSecurityPolicy)\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(e(report.title))</title>", "<style>", HTMLStyle.css, ReplayPlayerScript.css, "</style>", "</head>", "<body>",
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
        if !report.events.isEmpty { out.append(player(report)) }
        out += [
            "<section class=\"course\" id=\"course\">", "<h2>\(e(l.pick("Verloop van het gesprek", "Course of the conversation")))</h2>",
            markers(report), course(report), "</section>",
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
                        + " · " + transcript.header.tool) + "</footer>"
        ]
        if !report.events.isEmpty { out += ["<script>" + ReplayPlayerScript.script + "</script>"] }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func course(_ report: ConversationReport) -> String {
        let l = report.language
        guard !report.events.isEmpty else { return "<p>" + e(l.pick("Niets vastgelegd.", "Nothing recorded.")) + "</p>" }
        let reflections = ReflectionText.byMoment(report.reflections)
        let unplaced = ReflectionText.unplaced(report.reflections, sequences: report.events.map(\.sequence))
        let rows =
            report.events.map { event in
                eventRow(event, report) + (reflections[event.sequence] ?? []).map { "\n" + reflectionRow($0, placed: true, l) }.joined()
            } + unplaced.map { reflectionRow($0, placed: false, l) }
        return SummaryHTML.table(
            head: [
                "#", l.pick("tijd", "elapsed"), l.pick("klok", "clock"), l.pick("soort", "kind"),
                l.pick("dimensies", "dimensions"), l.pick("inhoud", "content"),
            ],
            numeric: [0], rows: rows, keep: false, className: "events")
    }

    /// A reflection of the team as a row under the line it is about. It has no `data-seq`, so the player
    /// does not take it for a line of the conversation; `data-about` says which line it belongs to.
    static func reflectionRow(_ reflection: Reflection, placed: Bool, _ l: DisplayLanguage) -> String {
        let dims = reflection.dimensions.map { "<span class=\"dim dim-\($0.rawValue)\">\($0.rawValue)</span>" }.joined(separator: " ")
        let tags = reflection.tags.map { "<span class=\"tag\">#\(e(VisibleText.escaped($0)))</span>" }.joined(separator: " ")
        let about = placed ? " data-about=\"\(reflection.moment)\"" : ""
        let kind = "team · " + ReflectionText.kind(reflection.kind, language: l)
        return "<tr class=\"reflection reflection-\(reflection.kind.rawValue)\"\(about)>"
            + "<td class=\"n\"></td><td class=\"t\"></td><td class=\"t\"></td>"
            + "<td><span aria-hidden=\"true\">↳ </span>\(e(kind))</td><td>\(dims)</td>"
            + "<td>\(e(VisibleText.escaped(reflection.text)))\(tags.isEmpty ? "" : " " + tags)</td></tr>"
    }

    /// One line of the conversation as a row; the player reads its `data-*` attributes.
    static func eventRow(_ event: Event, _ report: ConversationReport) -> String {
        let l = report.language
        let retracted = report.retracted.contains(event.sequence)
        let dims = event.dimensions.map { "<span class=\"dim dim-\($0.rawValue)\">\($0.rawValue)</span>" }.joined(separator: " ")
        let tags = event.tags.map { "<span class=\"tag\">#\(e($0))</span>" }.joined(separator: " ")
        var content = e(ReportText.content(event, l))
        if retracted { content = "<del>\(content)</del><span class=\"badge\">" + e(l.pick("ingetrokken", "retracted")) + "</span>" }
        if !tags.isEmpty { content += " " + tags }
        return "<tr id=\"line-\(event.sequence)\"\(retracted ? " class=\"retracted\"" : "")\(lineData(event, report))>"
            + "<td class=\"n\">\(event.sequence)</td>"
            + "<td class=\"t\">\(ReportText.clock(event.elapsed))</td><td class=\"t\">\(e(ReportText.wallClock(event.time)))</td>"
            + "<td>\(e(ReportText.kind(event.kind, l)))</td><td>\(dims)</td><td>\(content)</td></tr>"
    }

    /// What the player reads from a row: its number, time and kind, and for the family's answers the speaker.
    static func lineData(_ event: Event, _ report: ConversationReport) -> String {
        var data = " data-seq=\"\(event.sequence)\" data-elapsed=\"\(e(String(event.elapsed)))\" data-kind=\"\(e(event.kind.rawValue))\""
        if case let .say(speaker, _) = event.body, isAnswer(speaker, report) {
            data += " data-answer data-speaker=\"\(e(speaker))\""
        }
        return data
    }

    /// A `say` of anyone but the advisor: what the family (or someone from its network) said.
    static func isAnswer(_ speaker: String, _ report: ConversationReport) -> Bool {
        guard let advisor = report.details.advisor else { return true }
        return speaker.lowercased() != advisor.lowercased()
    }

    /// The player's controls, hidden until its script runs; the words it needs are in `data-*` attributes.
    static func player(_ report: ConversationReport) -> String {
        let l = report.language
        let speeds = [1, 2, 4, 10].map { "<option value=\"\($0)\"\($0 == 1 ? " selected" : "")>\($0)×</option>" }.joined()
        let idles = ["1", "3", "5", "10", ""].map { value in
            let name = value.isEmpty ? l.pick("geen", "none") : "\(value) s"
            return "<option value=\"\(value)\"\(value == "5" ? " selected" : "")>\(e(name))</option>"
        }.joined()
        let words = [
            ("play", l.pick("Afspelen", "Play")), ("pause", l.pick("Pauzeren", "Pause")),
            ("start", l.pick("Nog niets getoond: kies Afspelen of Volgende.", "Nothing shown yet: choose Play or Next.")),
            (
                "waiting",
                l.pick(
                    "Nu antwoordt {speaker}. Denk eerst mee: wat zou er gezegd worden? Afspelen of Volgende toont het antwoord.",
                    "{speaker} answers now. Think along first: what might be said? Play or Next shows the answer.")
            ),
        ].map { " data-\($0.0)=\"\(e($0.1))\"" }.joined()
        return [
            "<section class=\"player\" id=\"player\" hidden aria-labelledby=\"player-title\"\(words)>",
            "<h2 id=\"player-title\">\(e(l.pick("Terugspelen", "Replay")))</h2>",
            "<div class=\"controls\" role=\"group\" aria-label=\"\(e(l.pick("Bediening", "Controls")))\">",
            "<button type=\"button\" id=\"player-prev\"><span aria-hidden=\"true\">‹ </span>\(e(l.pick("Vorige", "Previous")))</button>",
            "<button type=\"button\" id=\"player-play\"><span id=\"player-play-icon\" aria-hidden=\"true\">▶</span> "
                + "<span id=\"player-play-label\">\(e(l.pick("Afspelen", "Play")))</span></button>",
            "<button type=\"button\" id=\"player-next\">\(e(l.pick("Volgende", "Next")))<span aria-hidden=\"true\"> ›</span></button>",
            "<label>\(e(l.pick("Snelheid", "Speed"))) <select id=\"player-speed\">\(speeds)</select></label>",
            "<label>\(e(l.pick("Langste pauze", "Longest pause"))) <select id=\"player-idle\">\(idles)</select></label>",
            "<label><input type=\"checkbox\" id=\"player-pause-answers\"> "
                + "\(e(l.pick("Pauzeer voor elk antwoord", "Pause before each answer")))</label>",
            "<button type=\"button\" id=\"player-present\" aria-pressed=\"false\">\(e(l.pick("Presentatie", "Presentation")))</button>",
            "<span id=\"player-position\" aria-live=\"off\"></span>",
            "</div>",
            "<div class=\"stage\" aria-live=\"polite\">",
            "<p id=\"stage-meta\"></p>", "<p id=\"stage-line\"></p>", "<p id=\"stage-reflections\" hidden></p>",
            "<p id=\"stage-hint\" hidden></p>",
            "</div>",
            "<p class=\"keys\">"
                + e(
                    l.pick(
                        "Toetsen: spatie afspelen of pauzeren, ← vorige, → volgende, m volgende markering, Esc uit presentatie. "
                            + "Klik op de tijdlijn om daarheen te springen.",
                        "Keys: space play or pause, ← previous, → next, m next marker, Esc leaves presentation. "
                            + "Click the timeline to jump there.")) + "</p>",
            "</section>",
        ].joined(separator: "\n")
    }

    /// The markers as links to their lines: in-page anchors without the script, jumps of the player with it.
    static func markers(_ report: ConversationReport) -> String {
        let l = report.language
        let marks = report.events.compactMap { event -> String? in
            guard case let .mark(label) = event.body, !report.retracted.contains(event.sequence) else { return nil }
            return "<li><a href=\"#line-\(event.sequence)\" data-seq=\"\(event.sequence)\">⚑ \(e(label))</a> "
                + "<span class=\"meta\">\(ReportText.clock(event.elapsed))</span></li>"
        }
        guard !marks.isEmpty else { return "" }
        return "<nav class=\"markers\" aria-label=\"\(e(l.pick("Markeringen", "Markers")))\">\n<ul>\n"
            + marks.joined(separator: "\n") + "\n</ul>\n</nav>"
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
