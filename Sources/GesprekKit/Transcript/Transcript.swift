/// A transcript read whole: header, events, and any warning.
public struct Transcript: Sendable, Equatable {
    public var header: TranscriptHeader
    public var events: [Event]
    public var warnings: [TranscriptWarning]
    /// The team's reflections on the conversation (`gesprek annotate`), kept in a
    /// file of their own beside the transcript; empty unless a reader adds them.
    /// Summaries, exports and the anonymizer show and treat them with the events.
    public var reflections: [Reflection] = []

    /// The details and network the events add up to.
    public var state: SessionState { SessionState.replaying(events, from: header.details) }
}
