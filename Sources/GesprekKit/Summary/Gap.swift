/// Something a conversation missed.
public enum Gap: Sendable, Equatable {
    /// Nothing at all was recorded about the dimension.
    case untouched(Dimension)
    /// Notes or quotes, but no question was asked about it.
    case noQuestions(Dimension)
    /// No item of this questionnaire section was scored.
    case unscoredSection(questionnaire: String, section: String, dimension: Dimension)

    /// Plainly: `motivationeel: geen vragen gesteld`.
    public func text(in l: DisplayLanguage) -> String {
        switch self {
        case let .untouched(d): "\(d.rawValue): " + l.pick("niet aan bod geweest", "not touched")
        case let .noQuestions(d): "\(d.rawValue): " + l.pick("geen vragen gesteld", "no questions asked")
        case let .unscoredSection(q, section, _): "\(q) · \(section): " + l.pick("geen items gescoord", "no items scored")
        }
    }
}
