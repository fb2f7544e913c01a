#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// What the first pass over a transcript collects so that the second pass can
/// stream: which events were retracted, the markers, and the session details.
/// It grows with the number of `undo`, `mark`, `session` and `participant`
/// lines only, never with the conversation itself.
public struct ReplayIndex: Sendable, Equatable {
    /// The `seq` of every event an `undo` took back.
    public private(set) var retracted: Set<Int> = []
    /// The markers that still count, in the order recorded.
    public private(set) var markers: [ReplayMarker] = []
    /// How many events the transcript holds (`undo` lines included).
    public private(set) var eventCount = 0
    /// The `elapsed` of the last event; 0 without events.
    public private(set) var duration: Double = 0
    /// `session` and `participant` events not retracted (so far), to merge into the header's details.
    private var detailEvents: [Event] = []

    /// An empty index, to ``add(_:)`` events to.
    public init() {}

    /// Takes the next event of the first pass.
    public mutating func add(_ event: Event) {
        eventCount += 1
        duration = max(duration, event.elapsed)
        switch event.body {
        case let .mark(label):
            markers.append(ReplayMarker(label: label, sequence: event.sequence, elapsed: event.elapsed))
        case let .undo(sequence):
            retracted.insert(sequence)
            // A retraction always follows what it retracts, so dropping it here is final.
            markers.removeAll { $0.sequence == sequence }
            detailEvents.removeAll { $0.sequence == sequence }
        case .session, .participant:
            detailEvents.append(event)
        default:
            break
        }
    }

    /// Whether an `undo` took this event back.
    public func isRetracted(_ event: Event) -> Bool {
        retracted.contains(event.sequence)
    }

    /// The header's details with the `session` and `participant` lines applied.
    public func details(from header: SessionDetails) -> SessionDetails {
        var state = SessionState(details: header)
        for event in detailEvents { state.apply(event) }
        return state.details
    }

    /// The first pass over a file: its header, its index and any warning (a cut-off last line).
    /// - Throws: ``TranscriptReadError`` when the file cannot be read or is no transcript.
    public static func scan(
        contentsOf url: URL, keyring: TranscriptKeyring? = nil
    )
        throws -> (header: TranscriptHeader, index: ReplayIndex, warnings: [TranscriptWarning])
    {
        var index = ReplayIndex()
        let (header, warnings) = try TranscriptReader.stream(contentsOf: url, keyring: keyring) { index.add($0) }
        return (header, index, warnings)
    }
}
