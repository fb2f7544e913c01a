#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A point in a conversation, as given to `replay --from` and `--until`:
/// a time since the start (`5:00`, `1:02:03`, `90`) or a marker's label.
public enum ReplayPosition: Sendable, Equatable {
    /// Seconds since the start of the session.
    case time(Double)
    /// The label of a `mark` event.
    case marker(String)

    /// Reads `m:ss`, `h:mm:ss` or plain seconds (a fraction allowed) as a time;
    /// anything else is a marker label. Times win: a marker called `90` is
    /// reached by its time instead.
    /// - Throws: ``ReplayError/invalidTime(_:)`` for a time with minutes or seconds of 60 or more.
    public static func parse(_ text: String) throws -> ReplayPosition {
        let trimmed = text.trimmingSpaces()
        guard let parts = timeParts(trimmed) else { return .marker(trimmed) }
        guard parts.dropFirst().allSatisfy({ $0 < 60 }) else { throw ReplayError.invalidTime(trimmed) }
        return .time(parts.reduce(0) { $0 * 60 + $1 })
    }

    /// The numbers of `h:mm:ss`, `m:ss` or `s`, or nil when the text is no time.
    private static func timeParts(_ text: String) -> [Double]? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count) else { return nil }
        var numbers: [Double] = []
        for (index, piece) in pieces.enumerated() {
            let isLast = index == pieces.count - 1
            let allowed = isLast ? "0123456789." : "0123456789"
            guard !piece.isEmpty, piece.allSatisfy({ allowed.contains($0) }), piece.first != ".", piece.last != ".",
                piece.filter({ $0 == "." }).count <= 1, let number = Double(piece)
            else { return nil }
            numbers.append(number)
        }
        return numbers
    }
}
