/// One recorded line of a session, as it is kept in the transcript.
public struct Event: Sendable, Equatable {
    /// 1, 2, 3, … in the order recorded; the header is not counted.
    public var sequence: Int
    /// Seconds since the session started.
    public var elapsed: Double
    /// Wall-clock time with the local offset, ISO 8601: `2026-11-23T10:41:07.512+01:00`.
    public var time: String
    /// The dimensions the line is about.
    public var dimensions: [Dimension]
    /// Its other tags: `kracht`, `kwetsbaarheid`, free tags.
    public var tags: [String]
    /// What was recorded.
    public var body: Body
    /// The line as typed.
    public var line: String
    /// The line's number in its script or session.
    public var lineNumber: Int

    public init(
        sequence: Int, elapsed: Double, time: String, dimensions: [Dimension], tags: [String],
        body: Body, line: String, lineNumber: Int
    ) {
        self.sequence = sequence
        self.elapsed = elapsed
        self.time = time
        self.dimensions = dimensions
        self.tags = tags
        self.body = body
        self.line = line
        self.lineNumber = lineNumber
    }

    /// What kind of line it was, as named in the transcript's `kind` field.
    public var kind: Kind { body.kind }

    /// The kinds of event, with the names the transcript uses.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case ask, note, say, score
        case networkAdd = "network.add"
        case networkSet = "network.set"
        case networkRemove = "network.remove"
        case mark, undo, session, participant
        /// A command registered by the host application.
        case host

        /// Whether a line of this kind counts toward a dimension's coverage:
        /// what was asked, seen, said, scored, done with the network or by the
        /// host; not the markers, undo lines and session details.
        public var countsTowardCoverage: Bool {
            switch self {
            case .ask, .note, .say, .score, .networkAdd, .networkSet, .networkRemove, .host: true
            case .mark, .undo, .session, .participant: false
            }
        }
    }

    /// The fields that belong to each kind.
    public enum Body: Sendable, Equatable {
        /// A question the advisor asked.
        case ask(text: String)
        /// An observation.
        case note(text: String)
        /// Someone's own words, quoted as said.
        case say(speaker: String, text: String)
        /// A score on the 0–4 scale; `target` is an item id or a dimension id.
        case score(target: String, value: Int, text: String?)
        case networkAdd(name: String, attributes: NetworkAttributes)
        case networkSet(name: String, changes: NetworkAttributes)
        case networkRemove(name: String)
        /// A marker for replay.
        case mark(label: String)
        /// Retracts the event with sequence number `retracts`.
        case undo(retracts: Int)
        case session(caseReference: String?, advisor: String?)
        case participant(Participant)
        /// A line of a command the host registered; `fields` are the host's own.
        case host(command: String, text: String, fields: [String: String])

        public var kind: Kind {
            switch self {
            case .ask: .ask
            case .note: .note
            case .say: .say
            case .score: .score
            case .networkAdd: .networkAdd
            case .networkSet: .networkSet
            case .networkRemove: .networkRemove
            case .mark: .mark
            case .undo: .undo
            case .session: .session
            case .participant: .participant
            case .host: .host
            }
        }
    }
}
