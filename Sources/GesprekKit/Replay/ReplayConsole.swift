/// A key as replay understands it; the terminal layer maps raw keys to these.
public enum ReplayKey: Sendable, Equatable {
    /// Enter, `j` or →: the next event now (and on from a pause).
    case forward
    /// Space: the next event in step mode; pause or resume while playing.
    case space
    /// `n`: jump to the next marker.
    case nextMarker
    /// `p`: jump back to the previous marker.
    case previousMarker
    /// `q`, Ctrl-D, or the end of the input.
    case quit
    /// Any other key; ignored, except to go on after `--pause-at`.
    case other
}

/// A monotonic clock in seconds. The command line reads the system's; tests
/// inject one that moves only when their console waits.
public protocol ReplayClock: AnyObject {
    /// Seconds on this clock; only differences matter.
    func now() -> Double
}

/// Where a replay shows what it plays and reads keys, on the same clock as
/// the ``ReplayClock`` it is played with.
public protocol ReplayConsole: AnyObject {
    /// Whether keys can be read. Without keys nothing waits for one: step
    /// mode plays without delays and `--pause-at` does not stop.
    var readsKeys: Bool { get }
    /// Shows one line, or a note.
    func show(_ output: ReplayOutput)
    /// Waits until `deadline` (nil: without a limit) or a key, whichever
    /// comes first. Returns the key, or nil once the deadline has passed;
    /// without keys it only waits. With no limit it must return a key
    /// (``ReplayKey/quit`` when the input ends).
    func waitForKey(until deadline: Double?) -> ReplayKey?
}
