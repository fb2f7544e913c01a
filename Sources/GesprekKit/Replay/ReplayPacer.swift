/// The recorded pace: how long to wait before each event, from the events'
/// `elapsed`, faster with `speed`, and never longer than `idleLimit`.
/// Pure arithmetic; whoever plays does the waiting.
public struct ReplayPacer: Sendable, Equatable {
    /// 2 plays twice as fast; `.infinity` does not wait at all.
    public var speed: Double
    /// The longest wait in seconds (after `speed`); nil keeps every silence.
    public var idleLimit: Double?
    /// The `elapsed` the next wait counts from: the last event played, or where playback began.
    public private(set) var reference: Double

    /// A pacer that counts its first wait from `elapsed` (the start of the part played).
    public init(speed: Double = 1, idleLimit: Double? = nil, startingAt elapsed: Double = 0) {
        self.speed = speed
        self.idleLimit = idleLimit
        self.reference = elapsed
    }

    /// The seconds to wait before `event`; it becomes the reference for the next one.
    public mutating func delay(before event: Event) -> Double {
        let gap = max(0, event.elapsed - reference)
        reference = max(reference, event.elapsed)
        guard speed.isFinite else { return 0 }
        let wait = gap / speed
        return idleLimit.map { min(wait, $0) } ?? wait
    }

    /// Counts on from here, after a jump or a pause at a marker.
    public mutating func restart(at elapsed: Double) {
        reference = elapsed
    }
}
