/// A transcript made ready for a report: the summary, the details merged
/// from header and events, which events were retracted, and the quotes by
/// speaker. The Markdown and HTML reports both read from it.
struct ConversationReport {
    let header: TranscriptHeader
    let events: [Event]
    let summary: Summary
    let retracted: Set<Int>
    let language: DisplayLanguage
    /// The team's reflections, by moment.
    var reflections: [Reflection] { summary.reflections }

    init(_ transcript: Transcript, language: DisplayLanguage) {
        header = transcript.header
        events = transcript.events
        summary = Summary(transcript)
        retracted = Retractions.sequences(in: transcript.events)
        self.language = language
    }

    var details: SessionDetails { summary.details }

    /// `Gespreksverslag — OKT-2026-0412`
    var title: String {
        language.pick("Gespreksverslag", "Conversation report") + (details.caseReference.map { " — \($0)" } ?? "")
    }

    /// The header of the report, label and value: case, participants, advisor, date, duration, lines, session.
    var facts: [(label: String, value: String)] {
        let l = language
        let participants = details.participants.map { ReportText.person($0.name, role: $0.role) }.joined(separator: ", ")
        var lines = "\(summary.recorded)"
        if summary.retracted > 0 { lines += l.pick(" (en \(summary.retracted) ingetrokken)", " (and \(summary.retracted) retracted)") }
        return [
            (l.pick("Dossier", "Case"), details.caseReference ?? "—"),
            (l.pick("Deelnemers", "Participants"), participants.isEmpty ? "—" : participants),
            (l.pick("Adviseur", "Advisor"), details.advisor ?? "—"),
            (l.pick("Datum", "Date"), ReportText.date(header.started, l)),
            (l.pick("Duur", "Duration"), ReportText.clock(summary.duration)),
            (l.pick("Regels", "Lines"), lines),
            (l.pick("Sessie", "Session"), header.sessionID),
        ]
    }

    /// The role of a speaker: as a participant, else as a network member.
    func role(of speaker: String) -> String? {
        let key = speaker.lowercased()
        return details.participants.first { $0.name.lowercased() == key }?.role
            ?? summary.network.member(named: speaker)?.attributes.role
    }

    /// Every quote, grouped by speaker in the order they first spoke; retracted ones included (and marked by the renderer).
    var quotes: [(speaker: String, quotes: [Event])] {
        var groups: [(speaker: String, quotes: [Event])] = []
        for event in events {
            guard case let .say(speaker, _) = event.body else { continue }
            if let i = groups.firstIndex(where: { $0.speaker.lowercased() == speaker.lowercased() }) {
                groups[i].quotes.append(event)
            } else {
                groups.append((speaker, [event]))
            }
        }
        return groups
    }

    /// The text of a quote.
    static func quoteText(_ event: Event) -> String {
        if case let .say(_, text) = event.body { return text }
        return ""
    }
}
