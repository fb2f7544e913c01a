/// The part of a conversation a replay plays, both ends included: from a
/// time or a marker, until a time or a marker.
public struct ReplayWindow: Sendable, Equatable {
    /// One end: a time, or a marker's event (exactly that event, even when others share its time).
    public enum Bound: Sendable, Equatable {
        /// Seconds since the start.
        case elapsed(Double)
        /// A marker's `mark` event.
        case marker(ReplayMarker)

        var elapsed: Double {
            switch self {
            case let .elapsed(seconds): seconds
            case let .marker(marker): marker.elapsed
            }
        }
    }

    /// Where playback begins; nil: at the first event.
    public var start: Bound?
    /// Where it ends, this end included; nil: at the last event.
    public var end: Bound?

    /// The whole conversation.
    public init(start: Bound? = nil, end: Bound? = nil) {
        self.start = start
        self.end = end
    }

    /// Resolves `--from` and `--until` against a transcript's markers.
    /// - Throws: ``ReplayError/unknownMarker(_:known:)`` or ``ReplayError/emptyWindow(from:until:)``.
    public init(from: ReplayPosition?, until: ReplayPosition?, markers: [ReplayMarker]) throws {
        start = try from.map { try Self.bound($0, markers) }
        end = try until.map { try Self.bound($0, markers) }
        if let start, let end, isEmpty(start, end) {
            throw ReplayError.emptyWindow(from: start.elapsed, until: end.elapsed)
        }
    }

    /// The seconds since the start where playback begins: the pace counts from here.
    public var startElapsed: Double { start?.elapsed ?? 0 }

    /// Whether the event comes before the start.
    public func isBeforeStart(_ event: Event) -> Bool {
        switch start {
        case nil: false
        case let .elapsed(seconds): event.elapsed < seconds
        case let .marker(marker): event.sequence < marker.sequence
        }
    }

    /// Whether the event comes after the end; every later one does too.
    public func isAfterEnd(_ event: Event) -> Bool {
        switch end {
        case nil: false
        case let .elapsed(seconds): event.elapsed > seconds
        case let .marker(marker): event.sequence > marker.sequence
        }
    }

    /// Whether a marker lies inside the window.
    public func contains(_ marker: ReplayMarker) -> Bool {
        let event = Event(
            sequence: marker.sequence, elapsed: marker.elapsed, time: "", dimensions: [], tags: [],
            body: .mark(label: marker.label), line: "", lineNumber: 0)
        return !isBeforeStart(event) && !isAfterEnd(event)
    }

    private static func bound(_ position: ReplayPosition, _ markers: [ReplayMarker]) throws -> Bound {
        switch position {
        case let .time(seconds):
            return .elapsed(seconds)
        case let .marker(label):
            guard let marker = markers.first(labelled: label) else { throw ReplayError.unknownMarker(label, known: markers) }
            return .marker(marker)
        }
    }

    private func isEmpty(_ start: Bound, _ end: Bound) -> Bool {
        if case let .marker(a) = start, case let .marker(b) = end { return a.sequence > b.sequence }
        return start.elapsed > end.elapsed
    }
}
