/// Rows added up, a transcript at a time: the total line of a caseload, and
/// how often each dimension was missed (a trainee's progress, a team's habits).
public struct CaseloadTotal: Sendable, Equatable {
    public var transcripts = 0
    public var events = 0
    public var retracted = 0
    public var duration = 0.0
    public var perDimension = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })
    public var questions = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })
    public var scores = 0
    public var networkMembers = 0
    public var strengths = 0
    public var vulnerabilities = 0
    /// In how many transcripts each dimension was not touched.
    public var untouched = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })
    /// In how many transcripts each dimension was missed: not touched, or without a question (``SummaryRow/missed``).
    public var missed = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })
    /// In how many transcripts each dimension came up without a question.
    public var noQuestions = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, 0) })

    public init() {}

    public mutating func add(_ row: SummaryRow) {
        transcripts += 1
        events += row.events
        retracted += row.retracted
        duration += row.duration
        for dimension in Dimension.allCases {
            perDimension[dimension, default: 0] += row.perDimension[dimension] ?? 0
            questions[dimension, default: 0] += row.questions[dimension] ?? 0
        }
        scores += row.scores
        networkMembers += row.networkMembers
        strengths += row.strengths
        vulnerabilities += row.vulnerabilities
        for dimension in row.untouched { untouched[dimension, default: 0] += 1 }
        for gap in row.missed {
            missed[gap.dimension, default: 0] += 1
            if case .noQuestions = gap { noQuestions[gap.dimension, default: 0] += 1 }
        }
    }
}
