#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// How a ``Session`` starts: who and what it is about, the language of its
/// messages, and its clock.
public struct SessionConfiguration: Sendable {
    /// Case, advisor and participants as known at the start (from flags, or from the host).
    public var details: SessionDetails
    /// The language of messages, hints, help and the summary.
    public var language: DisplayLanguage
    /// Identifies the session; written in the transcript's header.
    public var sessionID: UUID
    /// Where time comes from. Tests and replays may pass a fixed clock.
    public var clock: @Sendable () -> Date
    /// The tool and version written in the header.
    public var tool: String
    /// Whether ``Session/events`` keeps every event recorded (the default). Without, a session's memory
    /// does not grow with its lines (`gesprek run` of a script file): ``Session/events`` and
    /// ``Session/activeEvents`` hold only the latest event, while undo, ``Session/coverageCounts``,
    /// ``Session/network`` and ``Session/summary()`` (which then reads the transcript back) work as ever.
    public var keepsEvents = true
    /// Whether `summary` gives the short overview that fits on one screen
    /// (``SummaryText/compact(_:language:)``), as in the live session; `summary volledig`
    /// (`summary full`) still gives the whole one. Off by default: a script's `summary` is whole.
    public var compactSummary = false
    /// Signs the transcript's lines; a new key kept nowhere when nil.
    public var signer: TranscriptSigner?
    /// Which lines are signed: every line (the default, for live input), or only checkpoints
    /// (``TranscriptSigning/scriptRun``, for a script file that holds its lines itself).
    public var signing: TranscriptSigning = .everyLine

    public init(
        details: SessionDetails = SessionDetails(), language: DisplayLanguage = .nl,
        sessionID: UUID = UUID(), tool: String = "gesprek \(GesprekKit.version)",
        clock: @escaping @Sendable () -> Date = { Date() }, signer: TranscriptSigner? = nil
    ) {
        self.signer = signer
        self.details = details
        self.language = language
        self.sessionID = sessionID
        self.tool = tool
        self.clock = clock
    }
}
