/// A transcript read whole: header, events, and any warning.
public struct Transcript: Sendable, Equatable {
    public var header: TranscriptHeader
    public var events: [Event]
    public var warnings: [TranscriptWarning]

    /// The details and network the events add up to.
    public var state: SessionState { SessionState.replaying(events, from: header.details) }
}
