/// Where a session's transcript goes, one JSON line at a time.
///
/// ``TranscriptFile`` writes to disk and syncs each line; ``MemoryTranscript``
/// keeps the lines for a host that stores them itself. A host may write its own.
public protocol TranscriptSink: AnyObject {
    /// Appends one line (without its newline). When this returns, the line
    /// must be as safe as the sink can make it; throw when it is not.
    ///
    /// A line that throws counts as not written: the ``Session`` keeps it and
    /// gives the same line again, before any later one, until it succeeds. So
    /// leave nothing of a failed line behind (``TranscriptFile`` cuts it off),
    /// and throw a ``TranscriptFileError`` to have its reason shown; other
    /// errors are shown by their type name only, never their text.
    func append(line: String) throws
    /// No more lines will come.
    func close() throws
    /// Makes every line appended so far durable, for a sink that does not do
    /// that line by line (a ``TranscriptFile`` with ``TranscriptFile/Durability-swift.enum/atSync``).
    func sync() throws
}

extension TranscriptSink {
    /// Nothing to do: each line is as safe as it gets when ``append(line:)`` returns.
    public func sync() throws {}
}

/// A transcript kept in memory: the host decides where it goes.
public final class MemoryTranscript: TranscriptSink {
    /// The header line, then one line per event.
    public private(set) var lines: [String] = []

    public init() {}

    public func append(line: String) throws { lines.append(line) }
    public func close() throws {}

    /// The transcript as JSON Lines text.
    public var text: String { lines.map { $0 + "\n" }.joined() }
}

/// Keeps nothing: for checking a script without recording it.
final class DiscardingTranscript: TranscriptSink {
    func append(line: String) throws {}
    func close() throws {}
}
