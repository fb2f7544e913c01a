/// Which events an `undo` took back.
public enum Retractions {
    /// The sequence numbers retracted by the `undo` events among `events`.
    public static func sequences(in events: some Sequence<Event>) -> Set<Int> {
        var retracted: Set<Int> = []
        for event in events {
            if case let .undo(sequence) = event.body { retracted.insert(sequence) }
        }
        return retracted
    }
}
