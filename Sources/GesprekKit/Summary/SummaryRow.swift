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

    /// What was missed per dimension, as in the transcript's own summary (``Summary/missed``).
    public var missed: [Gap] { Gap.missed(events: perDimension, questions: questions) }

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
