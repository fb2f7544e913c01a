/// The conversation for the family itself (`gesprek export --for gezin`): in
/// plain words, without codes or tags, and without the advisor's own notes
/// unless asked. First the situation as the family sees it (the handreiking's
/// vertrekpunt), then their own words on what they can, who is around them and
/// what they want, the strengths named, who supports them and how, the scores
/// they gave as the questionnaire's sentences, and the agreements (lines tagged
/// `#afspraak`). The team's reflections (`gesprek annotate`) are the team's
/// own, about the family: never part of this view, not even with `--notes`.
public enum FamilyView {
    /// Markdown, or one self-contained HTML page.
    public enum Format: String, Sendable, CaseIterable {
        case md, html
    }

    /// A section: a heading and its sentences.
    struct Chapter: Equatable {
        var title: String
        var lines: [String]
    }

    public static func render(_ transcript: Transcript, format: Format, language l: DisplayLanguage, includingNotes: Bool = false) -> String
    {
        let sections = self.sections(transcript, language: l, includingNotes: includingNotes)
        let title = l.pick("Ons gesprek", "Our conversation")
        let date = ReportText.date(transcript.header.started, l)
        switch format {
        case .md:
            var out = "# \(title)\n\n" + MarkdownText.escape(date) + "\n"
            for section in sections {
                out += "\n## " + section.title + "\n\n"
                out += section.lines.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n") + "\n"
            }
            return out
        case .html:
            let e = HTMLText.escape
            var out = "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
            out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            out += "<title>\(title)</title>\n<style>body{font:1.1em/1.5 sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
            out += "h2{margin-top:1.5em}</style>\n</head>\n<body>\n<h1>\(title)</h1>\n<p>" + e(date) + "</p>\n"
            for section in sections {
                out += "<h2>" + e(section.title) + "</h2>\n<ul>\n" + section.lines.map { "<li>" + e($0) + "</li>\n" }.joined() + "</ul>\n"
            }
            return out + "</body>\n</html>\n"
        }
    }

    static func sections(_ transcript: Transcript, language l: DisplayLanguage, includingNotes: Bool) -> [Chapter] {
        let retracted = Retractions.sequences(in: transcript.events)
        let events = transcript.events.filter { !retracted.contains($0.sequence) && $0.kind != .undo }
        let summary = Summary(transcript)
        /// The family's own words: what was said, with who said it.
        func words(_ event: Event) -> String? {
            switch event.body {
            case let .say(speaker, text): return "\(speaker): “\(VisibleText.escaped(text))”"
            case let .note(text) where includingNotes: return l.pick("Aantekening: ", "Note: ") + VisibleText.escaped(text)
            default: return nil
            }
        }
        func said(about dimension: Dimension) -> [String] {
            events.filter { $0.dimensions.contains(dimension) && !$0.tags.contains(agreementTag) }.compactMap(words)
        }
        var sections: [Chapter] = []
        func add(_ title: String, _ lines: [String], empty: String? = nil) {
            if !lines.isEmpty {
                sections.append(Chapter(title: title, lines: lines))
            } else if let empty {
                sections.append(Chapter(title: title, lines: [empty]))
            }
        }
        add(
            l.pick("Hoe jullie de situatie zien", "How you see the situation"), said(about: .vertrekpunt),
            empty: l.pick("Hier hebben we het nog niet over gehad.", "We have not talked about this yet."))
        add(l.pick("Wat jullie weten en kunnen", "What you know and can do"), said(about: .competentioneel))
        add(l.pick("Wie jullie kennen", "Who you know"), said(about: .sociaal))
        add(l.pick("Wat jullie willen en durven", "What you want and dare"), said(about: .motivationeel))
        let strengths = events.filter { $0.tags.contains(TagSet.strength) }.compactMap { event -> String? in
            switch event.body {
            case let .say(_, text): VisibleText.escaped(text)
            case let .note(text) where includingNotes: VisibleText.escaped(text)
            default: nil
            }
        }
        add(l.pick("Jullie krachten", "Your strengths"), strengths)
        let supporters = summary.network.members.filter { $0.attributes.influence == .positive }.map { member -> String in
            var sentence = ReportText.person(member.name, role: member.attributes.role)
            if let support = member.attributes.support, !support.isEmpty {
                sentence += l.pick(" helpt ", " helps ") + support.map { kind(of: $0, l) }.joined(separator: l.pick(" en ", " and "))
            } else {
                sentence += l.pick(" staat achter jullie", " stands by you")
            }
            if let contact = member.attributes.contact { sentence += " (" + l.pick("contact: ", "contact: ") + contact.rawValue + ")" }
            if member.attributes.stays == true { sentence += l.pick(", ook na de hulp", ", also after the help") }
            return VisibleText.escaped(sentence) + "."
        }
        add(l.pick("Wie jullie steunen", "Who supports you"), supporters)
        let scores = summary.scores.compactMap { score -> String? in
            guard let item = Questionnaire.item(score.target), let label = Scale.label(for: score.value, language: l) else { return nil }
            return "\(item.text) — \(label)"
        }
        add(l.pick("Wat jullie aangaven", "What you told us"), scores)
        let agreements = events.filter { $0.tags.contains(agreementTag) }.compactMap { event -> String? in
            switch event.body {
            case let .say(_, text), let .note(text), let .ask(text): VisibleText.escaped(text)
            default: nil
            }
        }
        add(
            l.pick("Afspraken", "Agreements"), agreements,
            empty: l.pick("Er zijn nog geen afspraken opgeschreven.", "No agreements were written down yet."))
        return sections
    }

    /// The free tag that marks an agreement with the family.
    public static let agreementTag = "afspraak"

    /// `praktisch` → `met praktische dingen`.
    static func kind(of support: SupportKind, _ l: DisplayLanguage) -> String {
        switch support {
        case .emotioneel: l.pick("met een luisterend oor", "by listening")
        case .praktisch: l.pick("met praktische dingen", "with practical things")
        case .informatie: l.pick("met informatie en advies", "with information and advice")
        case .gezelschap: l.pick("door er gewoon te zijn", "by keeping you company")
        }
    }
}
