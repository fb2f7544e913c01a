/// A short text that pins a transcript as it is: its key id, its event count
/// and the hash that ends its chain. Pasted into another system (the case
/// file), it shows later whether the transcript was rewritten, even by the
/// holder of the signing key, who could otherwise sign a rewritten one anew.
///
///     gesprek-seal:1:3f2a-91c0-77de-0b41:8:5d1c…(64 hex digits)
public struct TranscriptSeal: Sendable, Equatable, CustomStringConvertible {
    public var keyID: String
    public var events: Int
    /// 64 hex digits.
    public var hash: String

    static let prefix = "gesprek-seal:1:"

    /// The seal of an intact, signed transcript; nil otherwise.
    public init?(_ report: ChainReport) {
        guard report.finding == .intact, let signer = report.signer, let hash = report.lastHash else { return nil }
        keyID = signer.id
        events = report.events
        self.hash = hash
    }

    /// A seal as printed; nil when the text is no seal.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix(Self.prefix) else { return nil }
        let parts = trimmed.dropFirst(Self.prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let events = Int(parts[1]), events >= 0, parts[2].count == 64,
            Hex.decode(Array(parts[2].utf8)) != nil
        else { return nil }
        keyID = String(parts[0])
        self.events = events
        hash = String(parts[2])
    }

    public var description: String { "\(Self.prefix)\(keyID):\(events):\(hash)" }

    /// Whether the transcript of `report` still holds what this seal pinned:
    /// its chain is intact and passes through the sealed hash after the sealed
    /// number of events (lines added later, such as a recovery's closing record, may follow).
    public func holds(for report: ChainReport) -> Bool {
        guard report.finding == .intact, report.signer?.id == keyID else { return false }
        guard let position = report.chainHashes.firstIndex(of: hash) else { return false }
        // Position p is seq p, or the closing record after seq p - 1.
        let isClosing = position == report.chainHashes.count - 1 && report.closing != nil
        return (isClosing ? position - 1 : position) == events
    }
}

extension Set where Element == TranscriptPublicKey {
    /// The keys in a text of keys (see ``TranscriptPublicKey/parseAll(_:)``).
    public init(keysIn text: String) { self.init(TranscriptPublicKey.parseAll(text)) }
}
