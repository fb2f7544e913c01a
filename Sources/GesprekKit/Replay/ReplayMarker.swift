/// A `mark` event that was not retracted: a place a replay can start, stop,
/// pause or jump to.
public struct ReplayMarker: Sendable, Equatable {
    /// The label as typed after `mark`.
    public var label: String
    /// The `seq` of the `mark` event.
    public var sequence: Int
    /// Its seconds since the start.
    public var elapsed: Double

    /// A marker from its event's fields.
    public init(label: String, sequence: Int, elapsed: Double) {
        self.label = label
        self.sequence = sequence
        self.elapsed = elapsed
    }
}

extension Array where Element == ReplayMarker {
    /// The first marker with this label: exactly, else ignoring case.
    public func first(labelled label: String) -> ReplayMarker? {
        first { $0.label == label } ?? first { $0.label.lowercased() == label.lowercased() }
    }
}
