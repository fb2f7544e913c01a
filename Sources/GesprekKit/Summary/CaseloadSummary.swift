/// The figures of one transcript in a caseload: one row of `gesprek summary a.jsonl b.jsonl …`.
public struct SummaryRow: Sendable, Equatable {
    /// The transcript's file name.
    public var name: String
    public var caseReference: String?
    /// Events that still count.
    public var events = 0
    public var retracted = 0
    /// Seconds from the start to the last event.
    public var duration = 0.0
    /// Events about each dimension.
    public var perDimension: [Dimension: Int] = [:]
    /// Questions about each dimension.
    public var questions: [Dimension: Int] = [:]
    /// Scores that still count (the latest per target).
    public var scores = 0
    /// People in the network at the end.
    public var networkMembers = 0
    public var strengths = 0
    public var vulnerabilities = 0
    /// The dimensions not touched at all.
    public var untouched: [Dimension] = []

    public init(name: String, summary: Summary) {
        self.name = name
        caseReference = summary.details.caseReference
        events = summary.recorded
        retracted = summary.retracted
        duration = summary.duration
        for dimension in Dimension.allCases {
            perDimension[dimension] = summary.coverage[dimension]?.events ?? 0
            questions[dimension] = summary.coverage[dimension]?.questions ?? 0
        }
        scores = summary.scores.count
        networkMembers = summary.network.members.count
        strengths = summary.strengths.count
        vulnerabilities = summary.vulnerabilities.count
        untouched = summary.untouchedDimensions
    }

    init(name: String) {
        self.name = name
    }
}

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
    }
}
