/// What a conversation covered, per dimension, and what it missed: the
/// summary a supervisor reads in a case discussion. Works the same on a live
/// session and on a transcript read back; retracted events do not count.
public struct Summary: Sendable, Equatable {
    /// A question, note or quote, or anything tagged as a strength or vulnerability.
    public struct Entry: Sendable, Equatable {
        public var sequence: Int
        public var elapsed: Double
        public var kind: Event.Kind
        public var dimensions: [Dimension]
        /// The speaker of a quote.
        public var speaker: String?
        /// What was asked, noted or said (for other kinds: their short text, in Dutch).
        public var text: String
        /// The event's body, for wording other kinds in another language.
        public var body: Event.Body? = nil

        /// What was asked, noted or said; for other kinds their text in `language`:
        /// `Raphaël (vader), trekt omlaag`.
        public func text(in language: DisplayLanguage) -> String {
            switch body {
            case nil, .ask?, .note?, .say?: text
            case let body?: EventText.content(body, language: language)
            }
        }
    }

    /// The counts and moments for one dimension.
    public struct Coverage: Sendable, Equatable {
        public var questions = 0
        public var notes = 0
        public var quotes = 0
        public var scores = 0
        /// Every event about the dimension, of any kind (network changes included).
        public var events = 0
        /// Seconds since the start when it first and last came up.
        public var first: Double?
        public var last: Double?

        public var isTouched: Bool { events > 0 }

        public init(
            questions: Int = 0, notes: Int = 0, quotes: Int = 0, scores: Int = 0, events: Int = 0,
            first: Double? = nil, last: Double? = nil
        ) {
            self.questions = questions
            self.notes = notes
            self.quotes = quotes
            self.scores = scores
            self.events = events
            self.first = first
            self.last = last
        }
    }

    /// A score that still counts: the latest for its target.
    public struct Score: Sendable, Equatable {
        public var target: String
        public var dimension: Dimension
        public var value: Int
        public var label: String
        public var text: String?
        public var sequence: Int
        public var elapsed: Double
    }

    /// Where an event stands on the timeline, for charts of coverage over time.
    public struct Moment: Sendable, Equatable {
        public var sequence: Int
        public var elapsed: Double
        public var dimensions: [Dimension]
    }

    public var details: SessionDetails
    /// When the session started (the transcript header's ISO time), when known.
    public var started: String?
    /// Per dimension, every dimension present.
    public var coverage: [Dimension: Coverage]
    /// Questions, notes and quotes, in order.
    public var entries: [Entry]
    /// Events about no dimension.
    public var untagged: Int
    /// The latest score per target, in the order first scored.
    public var scores: [Score]
    /// The questionnaires: `gezin` always (it is the family's), the others when scored.
    public var questionnaires: [QuestionnaireReport]
    public var network: Network
    /// Everything tagged `#kracht`, and `#kwetsbaarheid`.
    public var strengths: [Entry]
    public var vulnerabilities: [Entry]
    /// Each event about a dimension, in order.
    public var timeline: [Moment]
    /// Events that still count (retracted ones and `undo` lines left out).
    public var recorded: Int
    /// Events retracted by `undo`.
    public var retracted: Int
    /// Seconds from the start to the last event.
    public var duration: Double
    /// The team's reflections (`gesprek annotate`), by moment, then in the order added.
    public var reflections: [Reflection] = []
    /// Seconds since the start of each moment a reflection is about, when the transcript has that line.
    public var reflectionTimes: [Int: Double] = [:]

    /// The dimensions nothing was recorded about.
    public var untouchedDimensions: [Dimension] { Dimension.allCases.filter { !(coverage[$0]?.isTouched ?? false) } }

    /// What was missed per dimension: untouched, or without a question (see ``Gap/missed(events:questions:)``).
    /// A caseload row (``SummaryRow/missed``) says the same.
    public var missed: [Gap] {
        Gap.missed(
            events: coverage.mapValues(\.events), questions: coverage.mapValues(\.questions))
    }

    /// The questionnaire sections without a score.
    public var unscoredSections: [Gap] {
        var gaps: [Gap] = []
        for report in questionnaires {
            for section in report.sections where section.scored == 0 {
                gaps.append(
                    .unscoredSection(
                        questionnaire: report.questionnaire.id, section: section.section.title,
                        dimension: section.section.dimension))
            }
        }
        return gaps
    }

    /// Every gap, named plainly: what was missed, then the questionnaire sections without a score.
    public var gaps: [Gap] { missed + unscoredSections }

    /// Summarises `events` (retractions honoured) on top of the details known at the start.
    public init(events: some Sequence<Event>, details: SessionDetails) {
        let events = Array(events)
        let retractedSequences = Retractions.sequences(in: events)
        var state = SessionState(details: details)
        // Coverage by the dimension's place in `Dimension.allCases` while counting: no hashing per event.
        let dimensions = Dimension.allCases
        func slot(_ dimension: Dimension) -> Int {
            switch dimension {
            case .vertrekpunt: 0
            case .competentioneel: 1
            case .sociaal: 2
            case .motivationeel: 3
            }
        }
        var counted = [Coverage](repeating: Coverage(), count: dimensions.count)
        var entries: [Entry] = [], strengths: [Entry] = [], vulnerabilities: [Entry] = []
        var scores: [Score] = []
        var timeline: [Moment] = []
        var untagged = 0, recorded = 0
        var duration = 0.0
        for event in events where !retractedSequences.contains(event.sequence) && event.kind != .undo {
            state.apply(event)
            recorded += 1
            duration = max(duration, event.elapsed)
            let kind = event.kind
            let isEntry = kind == .ask || kind == .note || kind == .say
            let isStrength = event.tags.contains(TagSet.strength)
            let isVulnerability = event.tags.contains(TagSet.vulnerability)
            // The entry's text is only worked out for an event that is kept as an entry.
            if isEntry || isStrength || isVulnerability {
                let entry = Entry(
                    sequence: event.sequence, elapsed: event.elapsed, kind: kind, dimensions: event.dimensions,
                    speaker: { if case let .say(speaker, _) = event.body { speaker } else { nil } }(),
                    text: Self.text(of: event), body: isEntry ? nil : event.body)
                if isEntry { entries.append(entry) }
                if isStrength { strengths.append(entry) }
                if isVulnerability { vulnerabilities.append(entry) }
            }
            if case let .score(target, value, text) = event.body {
                let dimension =
                    Questionnaire.item(target)?.dimension ?? Dimension(rawValue: target) ?? event.dimensions.first ?? .vertrekpunt
                let score = Score(
                    target: target, dimension: dimension, value: value, label: Scale.label(for: value) ?? "",
                    text: text, sequence: event.sequence, elapsed: event.elapsed)
                if let i = scores.firstIndex(where: { $0.target == target }) { scores[i] = score } else { scores.append(score) }
            }
            guard kind.countsTowardCoverage else { continue }
            if event.dimensions.isEmpty {
                untagged += 1
            } else {
                timeline.append(Moment(sequence: event.sequence, elapsed: event.elapsed, dimensions: event.dimensions))
            }
            for dimension in event.dimensions {
                let i = slot(dimension)
                counted[i].events += 1
                counted[i].first = counted[i].first ?? event.elapsed
                counted[i].last = event.elapsed
                switch kind {
                case .ask: counted[i].questions += 1
                case .note: counted[i].notes += 1
                case .say: counted[i].quotes += 1
                case .score: counted[i].scores += 1
                default: break
                }
            }
        }
        self.details = state.details
        self.coverage = Dictionary(uniqueKeysWithValues: dimensions.map { ($0, counted[slot($0)]) })
        self.entries = entries
        self.untagged = untagged
        self.scores = scores
        self.questionnaires = QuestionnaireReport.reports(for: scores)
        self.network = state.network
        self.strengths = strengths
        self.vulnerabilities = vulnerabilities
        self.timeline = timeline
        self.recorded = recorded
        self.retracted = retractedSequences.count
        self.duration = duration
    }

    /// Summarises a transcript read back.
    public init(_ transcript: Transcript) {
        self.init(events: transcript.events, details: transcript.header.details)
        started = transcript.header.started
        reflections = ReflectionText.ordered(transcript.reflections)
        if !reflections.isEmpty {
            let moments = Set(reflections.map(\.moment))
            for event in transcript.events where moments.contains(event.sequence) { reflectionTimes[event.sequence] = event.elapsed }
        }
    }

    private static func text(of event: Event) -> String {
        switch event.body {
        case let .ask(text), let .note(text), let .say(_, text): text
        default: EventText.content(event, language: .nl)
        }
    }
}
