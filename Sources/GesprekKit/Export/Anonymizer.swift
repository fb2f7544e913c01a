/// Replaces every name in a transcript by a role, consistently, for reports
/// that leave the advisor's desk (a case discussion, training material).
///
/// Participants, network members and speakers get their role (`moeder`,
/// `grootmoeder`; `buurvrouw 1` and `buurvrouw 2` when two share a role;
/// `persoon 1` when none is known), the advisor `adviseur` and the case
/// reference `dossier`. Names are replaced in every field, and in free text
/// (questions, notes, quotes, labels, the lines as typed, the team's
/// reflections) as whole words,
/// without regard to case, longest first: `Familie van Marco` before `Marco`,
/// and `Marco's` too. Given names inside longer names (`Ramon` of
/// `Coach Ramon`) are replaced as well, unless they are common words such
/// as `Oma` or `Coach`. A role word typed right before a name is not said
/// twice: `buurvrouw Joke` becomes `buurvrouw` (`buurvrouw 2` when two share
/// the role), not `buurvrouw buurvrouw`. Names come from the lines that still count: a
/// retracted line declares no one. Then, failing closed, every other word
/// that looks like a name or a place (capitalised in the middle of a
/// sentence, or in a name field of a retracted line: `Ilias`, `Zoetermeer`)
/// becomes `naam 1`, `naam 2`, …; role words (`oma`, `juf`, `buurman`) stay
/// words. Words in `keeping` stay as they are; ``replaced`` and ``kept`` say
/// what happened, for the user to check. The session id stays.
///
/// ```swift
/// let transcript = try TranscriptReader.read(contentsOf: url)
/// let anonymous = Anonymizer(transcript).transcript(transcript)
/// ```
public struct Anonymizer: Sendable {
    private let exact: [String: String]
    private let matcher: NameMatcher
    /// Each name found and the label that replaces it, longest names first.
    public let replacements: [(name: String, label: String)]
    /// Each name found and the label that replaces it, in the order found: the
    /// declared names first, then the words the detector took for names.
    public let replaced: [(name: String, label: String)]
    /// The words that would have been replaced but were kept (see `keeping`), in the order found.
    public let kept: [String]

    /// An anonymizer for the names in `transcript`; labels in `language` (`persoon` or `person`).
    /// - Parameter keeping: words to leave as they are (any case), such as a place that identifies nobody.
    /// The team's reflections (``Transcript/reflections``) are searched for names too.
    public init(_ transcript: Transcript, language: DisplayLanguage = .nl, keeping: [String] = []) {
        self.init(
            details: transcript.header.details, events: transcript.events, reflections: transcript.reflections, language: language,
            keeping: keeping)
    }

    /// An anonymizer for the names in the details known at the start, in `events`, and (found by the
    /// detector) in the team's `reflections`.
    public init(
        details: SessionDetails, events: [Event], reflections: [Reflection] = [], language: DisplayLanguage = .nl,
        keeping: [String] = []
    ) {
        let keep = Set(keeping.map { $0.trimmingWhitespace().lowercased() })
        let pseudonyms = Pseudonyms(details: details, events: events, reflections: reflections, language: language, keeping: keep)
        exact = pseudonyms.exact
        matcher = NameMatcher(pseudonyms.replacements)
        replaced = pseudonyms.replacements
        replacements = pseudonyms.replacements.sorted { $0.name.count > $1.name.count }
        kept = pseudonyms.kept
    }

    /// Free text with every name replaced.
    public func text(_ text: String) -> String {
        matcher.replace(in: text)
    }

    /// The label for a field that holds a name (a speaker, a network member).
    public func name(_ name: String) -> String {
        exact[name.trimmingWhitespace().lowercased()] ?? text(name)
    }

    /// The event with its names replaced in every field; sequence, times, kind and dimensions unchanged.
    public func event(_ event: Event) -> Event {
        var copy = event
        copy.body = body(event.body)
        copy.line = text(event.line)
        copy.tags = event.tags.map(text)
        return copy
    }

    /// The details with the case, the advisor and every participant replaced.
    public func details(_ details: SessionDetails) -> SessionDetails {
        SessionDetails(
            caseReference: details.caseReference.map(name), advisor: details.advisor.map(name),
            participants: details.participants.map(participant))
    }

    /// The header with its details replaced; the session id, start and tool stay.
    public func header(_ header: TranscriptHeader) -> TranscriptHeader {
        var copy = header
        copy.details = details(header.details)
        return copy
    }

    /// The reflection with its names replaced (text, marker, tags); moment, kind and dimensions unchanged.
    public func reflection(_ reflection: Reflection) -> Reflection {
        var copy = reflection
        copy.text = text(reflection.text)
        copy.marker = reflection.marker.map(text)
        copy.tags = reflection.tags.map(text)
        return copy
    }

    /// The whole transcript anonymized, the team's reflections too.
    public func transcript(_ transcript: Transcript) -> Transcript {
        Transcript(
            header: header(transcript.header), events: transcript.events.map(event), warnings: transcript.warnings,
            reflections: transcript.reflections.map(reflection))
    }

    private func participant(_ p: Participant) -> Participant {
        Participant(name: name(p.name), role: p.role.map(text))
    }

    private func attributes(_ a: NetworkAttributes) -> NetworkAttributes {
        var copy = a
        copy.role = a.role.map(text)
        return copy
    }

    private func body(_ body: Event.Body) -> Event.Body {
        switch body {
        case let .ask(t): .ask(text: text(t))
        case let .note(t): .note(text: text(t))
        case let .say(speaker, t): .say(speaker: name(speaker), text: text(t))
        case let .score(target, value, t): .score(target: target, value: value, text: t.map(text))
        case let .networkAdd(n, a): .networkAdd(name: name(n), attributes: attributes(a))
        case let .networkSet(n, a): .networkSet(name: name(n), changes: attributes(a))
        case let .networkRemove(n): .networkRemove(name: name(n))
        case let .mark(label): .mark(label: text(label))
        case .undo: body
        case let .session(c, a): .session(caseReference: c.map(name), advisor: a.map(name))
        case let .participant(p): .participant(participant(p))
        case let .host(command, t, fields): .host(command: command, text: text(t), fields: fields.mapValues(text))
        }
    }
}
