/// The words of a replay: the header, one line per event, notes and the
/// closing line, in Dutch or English, without any terminal codes.
package enum ReplayText {
    /// Width of the kind column: `notitie · competentioneel` fits.
    static let kindWidth = 25

    /// `Dossier OKT-2026-0412 · adviseur Sanne Bakker · Milan (jongere) · gestart 23-11-2026 09:00 · duur 34:40`
    public static func header(
        _ header: TranscriptHeader, details: SessionDetails, duration: Double,
        language l: DisplayLanguage
    ) -> String {
        var parts: [String] = []
        if let reference = details.caseReference { parts.append(l.pick("Dossier ", "Case ") + reference) }
        if let advisor = details.advisor { parts.append(l.pick("adviseur ", "advisor ") + advisor) }
        if !details.participants.isEmpty {
            parts.append(details.participants.map { $0.name + ($0.role.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        }
        parts.append(l.pick("gestart ", "started ") + startTime(header.started, language: l))
        parts.append(l.pick("duur ", "length ") + EventText.clock(duration))
        let text = parts.joined(separator: " · ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// `Van 13:20 (einde-verkenning) tot 31:20`, or nil for the whole conversation.
    public static func window(_ window: ReplayWindow, language l: DisplayLanguage) -> String? {
        let describe = { (bound: ReplayWindow.Bound) -> String in
            switch bound {
            case let .elapsed(seconds): EventText.clock(seconds)
            case let .marker(marker): "\(EventText.clock(marker.elapsed)) (\(marker.label))"
            }
        }
        switch (window.start, window.end) {
        case (nil, nil): return nil
        case let (start?, nil): return l.pick("Vanaf ", "From ") + describe(start)
        case let (nil, end?): return l.pick("Tot en met ", "Up to ") + describe(end)
        case let (start?, end?): return l.pick("Van ", "From ") + describe(start) + l.pick(" tot en met ", " up to ") + describe(end)
        }
    }

    /// `  3:12  vraag · vertrekpunt        Hoe gaat het met je?`, with ` (ingetrokken)` when retracted.
    public static func event(_ event: Event, retracted: Bool, language l: DisplayLanguage) -> String {
        let dimensions = event.dimensions.map(\.rawValue).joined(separator: ", ")
        let kind = EventText.kind(event.kind, language: l) + (dimensions.isEmpty ? "" : " · " + dimensions)
        let mark = retracted ? l.pick(" (ingetrokken)", " (retracted)") : ""
        return prefix(event) + kind.padding(toLength: kindWidth) + " " + EventText.content(event, language: l) + mark
    }

    /// `  16:00  ↶ notitie van 15:20 ingetrokken`
    public static func undo(_ event: Event, retracting: RetractedEvent?, language l: DisplayLanguage) -> String {
        let what: String
        if let retracting {
            let kind = EventText.kind(retracting.kind, language: l)
            what = l.pick(
                "\(kind) van \(EventText.clock(retracting.elapsed)) ingetrokken",
                "\(kind) from \(EventText.clock(retracting.elapsed)) retracted")
        } else if case let .undo(sequence) = event.body {
            what = l.pick("regel #\(sequence) ingetrokken", "line #\(sequence) retracted")
        } else {
            what = ""
        }
        return prefix(event) + "↶ " + what
    }

    /// `        ↳ team · hypothese · motivationeel: Moeder durft nog niet`, under the kind column of the line it is about.
    public static func reflection(_ reflection: Reflection, language l: DisplayLanguage) -> String {
        "      " + ReflectionText.replayLine(reflection, language: l)
    }

    /// A note about the playback.
    public static func note(_ note: ReplayNote, language l: DisplayLanguage) -> String {
        switch note {
        case .paused: l.pick("  ⏸ gepauzeerd · spatie gaat verder", "  ⏸ paused · space resumes")
        case let .skipped(count):
            l.pick(
                "  ⏭ \(count) \(count == 1 ? "regel" : "regels") overgeslagen",
                "  ⏭ skipped \(count) \(count == 1 ? "line" : "lines")")
        case let .back(label): l.pick("  ⏮ terug naar markering \(label)", "  ⏮ back to marker \(label)")
        case .noNextMarker: l.pick("  geen volgende markering", "  no next marker")
        case .noPreviousMarker: l.pick("  geen eerdere markering", "  no earlier marker")
        case let .pausedAtMarker(label):
            l.pick(
                "  ⏸ gestopt bij markering \(label) · een toets gaat verder, q stopt",
                "  ⏸ stopped at marker \(label) · any key goes on, q quits")
        }
    }

    /// Which keys do what, for the line under the header.
    public static func keys(step: Bool, language l: DisplayLanguage) -> String {
        step
            ? l.pick(
                "Enter, spatie, j of → volgende regel · n/p volgende/vorige markering · q stopt",
                "Enter, Space, j or → next line · n/p next/previous marker · q quits")
            : l.pick(
                "Spatie pauzeert · Enter volgende regel nu · n/p volgende/vorige markering · q stopt",
                "Space pauses · Enter next line now · n/p next/previous marker · q quits")
    }

    /// `Einde van het gesprek (34:40) · 50 regels getoond`
    public static func closing(_ ending: ReplayEnding, language l: DisplayLanguage) -> String {
        let count = l.pick(
            "\(ending.shown) \(ending.shown == 1 ? "regel" : "regels") getoond",
            "\(ending.shown) \(ending.shown == 1 ? "line" : "lines") shown")
        let at = ending.lastElapsed.map(EventText.clock)
        switch ending.reason {
        case .end:
            return l.pick("Einde van het gesprek", "End of the conversation") + (at.map { " (\($0))" } ?? "") + " · " + count
        case .until:
            return l.pick("Einde van de selectie", "End of the selection") + (at.map { " (\($0))" } ?? "") + " · " + count
        case .quit:
            return (at.map { l.pick("Gestopt bij \($0)", "Stopped at \($0)") } ?? l.pick("Gestopt", "Stopped")) + " · " + count
        }
    }

    /// ` 3:12  `: the clock, right-aligned.
    private static func prefix(_ event: Event) -> String {
        " " + EventText.clock(event.elapsed).leftPadded(5) + "  "
    }

    /// `23-11-2026 09:00` (Dutch) or `2026-11-23 09:00` from the header's ISO time; as given when it is not one.
    static func startTime(_ iso: String, language l: DisplayLanguage) -> String {
        EventText.date(iso, language: l)
    }
}
