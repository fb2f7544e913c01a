#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A transcript as an asciicast v2 recording, so that `asciinema play`
/// replays the session as it was typed: the prompt with the case and the
/// clock, each line appearing character by character in the moments before
/// it was recorded, the confirmation with the running count per dimension,
/// and at the end the summary that Ctrl-D shows. Times come from the events'
/// `elapsed`; every `mark` is also an asciicast marker.
public enum TranscriptCast {
    /// How long typing a line takes at most, and per character.
    static let maximumTyping = 2.5, perCharacter = 0.045
    static let height = 30

    public static func render(_ transcript: Transcript, language l: DisplayLanguage) -> String {
        let events = transcript.events
        let retractedAll = Retractions.sequences(in: events)
        let bySequence = Dictionary(events.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = events.map(typed)
        let summary = Summary(transcript)
        let promptWidth = (summary.details.caseReference ?? "gesprek").count + 10
        let width = min(200, max(80, (lines.map(\.count).max() ?? 0) + promptWidth + 2))
        let caseTitle = summary.details.caseReference.map { " — \($0)" } ?? ""
        var cast = AsciicastWriter(
            width: width, height: height, timestamp: unixTime(transcript.header.started),
            title: "gesprek" + caseTitle)

        var state = SessionState(details: transcript.header.details)
        var counts: [Dimension: Int] = [:]
        var shownAt = 0.0
        let reflections = ReflectionText.byMoment(transcript.reflections)
        cast.output(
            dim(
                l.pick(
                    "Typ help voor de commando's, Tab vult aan, Ctrl-D sluit af.",
                    "Type help for the commands, Tab completes, Ctrl-D ends the session.")) + "\n", at: 0)
        cast.output(prompt(state.details.caseReference, 0), at: 0)
        for (index, event) in events.enumerated() {
            let time = max(event.elapsed, shownAt)
            let characters = Array(lines[index])
            let typing = min(maximumTyping, perCharacter * Double(characters.count), max(0, (time - shownAt) * 0.6))
            for (i, character) in characters.enumerated() {
                let at = time - typing + typing * Double(i) / Double(max(characters.count, 1))
                cast.output(String(character), at: at)
            }
            // What the event does to the running counts and the prompt's case, as the live session saw it.
            if case let .undo(sequence) = event.body {
                if let taken = bySequence[sequence], taken.kind.countsTowardCoverage {
                    for d in taken.dimensions { counts[d, default: 0] -= 1 }
                }
                if bySequence[sequence]?.kind == .session {
                    state = SessionState.replaying(events[...index], from: transcript.header.details)
                }
            } else {
                if event.kind.countsTowardCoverage { for d in event.dimensions { counts[d, default: 0] += 1 } }
                state.apply(event)
            }
            // The team's reflections on this line, as a replay shows them: after its confirmation.
            let notes = (reflections[event.sequence] ?? []).map { reflection($0, l) + "\n" }.joined()
            cast.output("\n" + confirmation(event, counts, l) + "\n" + notes + prompt(state.details.caseReference, time), at: time)
            if case let .mark(label) = event.body, !retractedAll.contains(event.sequence) { cast.marker(label, at: time) }
            shownAt = time
        }
        let end = shownAt + 1
        let count = events.count
        let unplaced = ReflectionText.unplaced(transcript.reflections, sequences: events.map(\.sequence))
        cast.output(
            "\n" + unplaced.map { reflection($0, l) + "\n" }.joined() + SummaryText.render(summary, language: l) + "\n"
                + l.pick(
                    "Transcript gesloten (\(count) \(count == 1 ? "regel" : "regels")).",
                    "Transcript closed (\(count) \(count == 1 ? "line" : "lines")).") + "\n", at: end)
        return cast.text
    }

    /// The line as typed; a host's event without one is rebuilt from its command and text.
    static func typed(_ event: Event) -> String {
        if !event.line.isEmpty { return event.line }
        if case let .host(command, text, _) = event.body { return "\(command) \(text)" }
        return ""
    }

    /// `OKT-2026-0412 3:12 › ` in the live session's colours.
    static func prompt(_ caseReference: String?, _ elapsed: Double) -> String {
        "\u{1B}[36m\(caseReference ?? "gesprek")\u{1B}[0m \u{1B}[2m\(EventText.clock(elapsed))\u{1B}[0m › "
    }

    /// `  ✓ vraag · vertrekpunt      v1 c0 s0 m0`, as the live session confirms a line.
    static func confirmation(_ event: Event, _ counts: [Dimension: Int], _ l: DisplayLanguage) -> String {
        var kind = EventText.kind(event.kind, language: l)
        if case let .score(target, value, _) = event.body { kind += " \(target) \(value) = \(Scale.label(for: value) ?? "")" }
        let dims = event.dimensions.map(\.rawValue).joined(separator: ", ")
        let what = kind + (dims.isEmpty ? "" : " · \(dims)")
        let running = Dimension.allCases.map { "\($0.rawValue.prefix(1))\(counts[$0] ?? 0)" }.joined(separator: " ")
        return "  \u{1B}[32m✓\u{1B}[0m " + what + String(repeating: " ", count: max(1, 36 - what.count)) + dim(running)
    }

    /// `  ↳ team · hypothese · motivationeel: …` in yellow, as `gesprek replay` shows a reflection.
    static func reflection(_ reflection: Reflection, _ l: DisplayLanguage) -> String {
        "\u{1B}[33m" + ReflectionText.replayLine(reflection, language: l) + "\u{1B}[0m"
    }

    static func dim(_ text: String) -> String { "\u{1B}[2m\(text)\u{1B}[0m" }

    /// Seconds since 1970 of the header's start, if it is a valid ISO 8601 time.
    static func unixTime(_ started: String) -> Int? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(started) { return Int(date.timeIntervalSince1970) }
        return (try? Date.ISO8601FormatStyle().parse(started)).map { Int($0.timeIntervalSince1970) }
    }
}
