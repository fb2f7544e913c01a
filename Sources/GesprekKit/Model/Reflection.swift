/// One of the team's reflections on a conversation, added afterwards by a
/// supervisor with `gesprek annotate` and kept in a file of its own beside
/// the transcript (the transcript itself is never touched).
///
/// A reflection belongs to a moment of the conversation: an event's sequence
/// number, reached directly (`@12`) or through a marker (`@"rond afspraken"`).
public struct Reflection: Sendable, Equatable {
    /// 1, 2, 3, … in the order the team added them.
    public var sequence: Int
    /// The event the reflection is about: its sequence number in the transcript.
    public var moment: Int
    /// The marker's label when the moment was given as a marker.
    public var marker: String?
    /// What sort of reflection it is.
    public var kind: Kind
    /// The dimensions it is about, tagged like the conversation's own lines.
    public var dimensions: [Dimension]
    /// Its other tags (`kracht`, `kwetsbaarheid`, free tags).
    public var tags: [String]
    /// The reflection, as written.
    public var text: String
    /// Wall-clock time it was added, ISO 8601 with the local offset.
    public var time: String

    public init(
        sequence: Int, moment: Int, marker: String? = nil, kind: Kind, dimensions: [Dimension],
        tags: [String], text: String, time: String
    ) {
        self.sequence = sequence
        self.moment = moment
        self.marker = marker
        self.kind = kind
        self.dimensions = dimensions
        self.tags = tags
        self.text = text
        self.time = time
    }

    /// The kinds of reflection the handreiking's team evaluation uses; the raw
    /// value is the name in the reflections file.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// What the team saw in the conversation.
        case observation
        /// What the team thinks may be going on.
        case hypothesis
        /// What the team agreed to do.
        case agreement
        /// What to ask or look at next time.
        case question

        /// The word a supervisor types (and reads) in Dutch.
        public var dutchWord: String {
            switch self {
            case .observation: "observatie"
            case .hypothesis: "hypothese"
            case .agreement: "afspraak"
            case .question: "vraag"
            }
        }

        /// The word in English (`--lang en`).
        public var englishWord: String {
            switch self {
            case .observation: "observation"
            case .hypothesis: "hypothesis"
            case .agreement: "agreement"
            case .question: "question"
            }
        }

        /// The kind a typed word names, in either language.
        public init?(word: String) {
            let lowered = word.lowercased()
            guard
                let kind = Kind.allCases.first(where: {
                    $0.dutchWord == lowered || $0.englishWord == lowered
                })
            else { return nil }
            self = kind
        }
    }
}
