/// A name of up to 16 bytes as two little-endian words and its length, so
/// that a reader tells a key or a name apart in three comparisons, without
/// making a String.
struct PackedName: Hashable, Sendable {
    /// The longest name that packs.
    static let maximumLength = 16

    var low: UInt64 = 0
    var high: UInt64 = 0
    /// -1 matches no name: it stands for anything longer than 16 bytes.
    var count = -1

    init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    /// Matches nothing.
    init() {}

    /// The bytes packed, little-endian; matches nothing when longer than 16.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.maximumLength else { return }
        count = bytes.count
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << (8 * i) } else { high |= UInt64(byte) << (8 * (i - 8)) }
        }
    }

    init(_ name: String) {
        var name = name
        self = name.withUTF8 { PackedName($0) }
    }

    init(_ name: StaticString) {
        self = PackedName(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}
