/// What a conversation covered, per dimension, and what it missed. Works the
/// same on a live session and on a transcript read back.
public struct Summary: Sendable, Equatable {
    /// The counts for one dimension.
    public struct Coverage: Sendable, Equatable {
        public var questions = 0
        public var notes = 0
        public var quotes = 0
        public var scores = 0
        /// Every event about the dimension, of any kind (network changes included).
        public var events = 0

        public var isTouched: Bool { events > 0 }
    }

    /// A score that still counts (the latest for its target).
    public struct Score: Sendable, Equatable {
        public var target: String
        public var value: Int
        public var label: String
        public var sequence: Int
    }

    public var details: SessionDetails
    /// Per dimension, in the handreiking's order.
    public var coverage: [Dimension: Coverage]
    /// Events without any dimension tag.
    public var untagged: Int
    /// The latest score per target, in the order first scored.
    public var scores: [Score]
    public var network: Network
    public var strengths: Int
    public var vulnerabilities: Int
    /// Events that still count (retracted ones and `undo` lines left out).
    public var recorded: Int
    /// Events retracted by `undo`.
    public var retracted: Int

    /// The dimensions nothing was recorded about.
    public var gaps: [Dimension] { Dimension.allCases.filter { !(coverage[$0]?.isTouched ?? false) } }

    /// Summarises `events` (retractions are honoured) on top of the details known at the start.
    public init(events: [Event], details: SessionDetails) {
        let retractedSequences = Retractions.sequences(in: events)
        var state = SessionState(details: details)
        var coverage = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, Coverage()) })
        var untagged = 0, strengths = 0, vulnerabilities = 0, recorded = 0
        var scores: [Score] = []
        for event in events where !retractedSequences.contains(event.sequence) && event.kind != .undo {
            state.apply(event)
            recorded += 1
            if event.tags.contains(TagSet.strength) { strengths += 1 }
            if event.tags.contains(TagSet.vulnerability) { vulnerabilities += 1 }
            if case let .score(target, value, _) = event.body {
                let score = Score(target: target, value: value, label: Scale.label(for: value) ?? "", sequence: event.sequence)
                if let i = scores.firstIndex(where: { $0.target == target }) { scores[i] = score } else { scores.append(score) }
            }
            let countsTowardCoverage: Bool = switch event.kind {
            case .ask, .note, .say, .score, .networkAdd, .networkSet, .networkRemove, .host: true
            case .mark, .undo, .session, .participant: false
            }
            guard countsTowardCoverage else { continue }
            if event.dimensions.isEmpty { untagged += 1 }
            for dimension in event.dimensions {
                coverage[dimension]!.events += 1
                switch event.kind {
                case .ask: coverage[dimension]!.questions += 1
                case .note: coverage[dimension]!.notes += 1
                case .say: coverage[dimension]!.quotes += 1
                case .score: coverage[dimension]!.scores += 1
                default: break
                }
            }
        }
        self.details = state.details
        self.coverage = coverage
        self.untagged = untagged
        self.scores = scores
        self.network = state.network
        self.strengths = strengths
        self.vulnerabilities = vulnerabilities
        self.recorded = recorded
        self.retracted = retractedSequences.count
    }
}
