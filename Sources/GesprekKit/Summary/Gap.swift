/// Something a conversation missed.
///
/// "Gemist" (missed) means one thing everywhere, in a transcript's own
/// summary and in its row of a caseload: per dimension, either nothing was
/// recorded about it (``untouched(_:)``) or no question was asked about it
/// (``noQuestions(_:)``); ``missed(events:questions:)`` is that definition.
/// A questionnaire section without a score (``unscoredSection(questionnaire:section:dimension:)``)
/// is a gap of its own kind, shown apart as "niet gescoord".
public enum Gap: Sendable, Equatable {
    /// Nothing at all was recorded about the dimension.
    case untouched(Dimension)
    /// Notes or quotes, but no question was asked about it.
    case noQuestions(Dimension)
    /// No item of this questionnaire section was scored.
    case unscoredSection(questionnaire: String, section: String, dimension: Dimension)

    /// What a conversation missed per dimension, from the events about each
    /// dimension and the questions about each, in the order of `Dimension.allCases`.
    public static func missed(events: [Dimension: Int], questions: [Dimension: Int]) -> [Gap] {
        Dimension.allCases.compactMap { dimension in
            if (events[dimension] ?? 0) == 0 { return .untouched(dimension) }
            if (questions[dimension] ?? 0) == 0 { return .noQuestions(dimension) }
            return nil
        }
    }

    /// The dimension the gap is about.
    public var dimension: Dimension {
        switch self {
        case let .untouched(d), let .noQuestions(d), let .unscoredSection(_, _, d): d
        }
    }

    /// Whether this gap is one of what was missed (``missed(events:questions:)``),
    /// rather than an unscored questionnaire section.
    public var isMissed: Bool {
        if case .unscoredSection = self { false } else { true }
    }

    /// Plainly: `motivationeel: geen vragen gesteld`.
    public func text(in l: DisplayLanguage) -> String {
        switch self {
        case let .untouched(d): "\(d.rawValue): " + l.pick("niet aan bod geweest", "not touched")
        case let .noQuestions(d): "\(d.rawValue): " + l.pick("geen vragen gesteld", "no questions asked")
        case let .unscoredSection(q, section, _): "\(q) · \(section): " + l.pick("geen items gescoord", "no items scored")
        }
    }

    /// Shorter, for a column of a caseload: `sociaal`, `motivationeel (geen vragen)`.
    public func shortText(in l: DisplayLanguage) -> String {
        switch self {
        case let .untouched(d): d.rawValue
        case let .noQuestions(d): "\(d.rawValue) " + l.pick("(geen vragen)", "(no questions)")
        case let .unscoredSection(q, section, _): "\(q) · \(section)"
        }
    }
}
