/// What a replay shows, in order; ``ReplayText`` words it.
public enum ReplayOutput: Sendable, Equatable {
    /// One event; `retracted` when an `undo` took it back.
    case event(Event, retracted: Bool)
    /// An `undo` line, with what it took back when that was played before it.
    case undo(Event, retracting: RetractedEvent?)
    /// A reflection of the team (`gesprek annotate`), right after the line it is about.
    case reflection(Reflection)
    /// A note about the playback itself.
    case note(ReplayNote)
}

/// The kind and time of a retracted event, kept (for retracted events only)
/// so that an `undo` can say what it took back.
public struct RetractedEvent: Sendable, Equatable {
    /// The kind of the retracted event.
    public var kind: Event.Kind
    /// Its seconds since the start.
    public var elapsed: Double

    /// The kind and time of a retracted event.
    public init(kind: Event.Kind, elapsed: Double) {
        self.kind = kind
        self.elapsed = elapsed
    }
}

/// Notes about the playback; the ones marked transient last only until the next output.
public enum ReplayNote: Sendable, Equatable {
    /// Space paused the playback (transient).
    case paused
    /// `n` skipped this many events to reach the next marker.
    case skipped(Int)
    /// `p` went back to this marker.
    case back(to: String)
    /// `n` found no later marker (transient).
    case noNextMarker
    /// `p` found no earlier marker (transient).
    case noPreviousMarker
    /// `--pause-at`: stopped at this marker, waiting for a key (transient).
    case pausedAtMarker(String)

    /// Whether the note only stands until the next output (on a terminal).
    public var isTransient: Bool {
        switch self {
        case .paused, .noNextMarker, .noPreviousMarker, .pausedAtMarker: true
        case .skipped, .back: false
        }
    }
}

/// How a replay ended.
public struct ReplayEnding: Sendable, Equatable {
    /// Why the playback stopped.
    public enum Reason: Sendable, Equatable {
        /// The transcript ended.
        case end
        /// The window's end (`--until`) was passed.
        case until
        /// `q` (or the end of the keyboard input).
        case quit
    }

    /// Why it stopped.
    public var reason: Reason
    /// How many lines were shown (a line shown again after `p` counts again).
    public var shown: Int
    /// The `elapsed` of the last line shown; nil when none was.
    public var lastElapsed: Double?

    /// An ending from its parts.
    public init(reason: Reason, shown: Int, lastElapsed: Double?) {
        self.reason = reason
        self.shown = shown
        self.lastElapsed = lastElapsed
    }
}
