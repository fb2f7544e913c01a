/// A name of up to 16 bytes as two little-endian words and its length, so
/// that the summary's scanner tells a key or name apart in three comparisons.
/// The names it looks for are constants, written out because Swift does not
/// fold a string into words at compile time; the tests check each against ``init(_:)``.
struct ScannedName: Hashable {
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

    /// The bytes packed, little-endian; nothing when longer than 16.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return }
        count = bytes.count
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << (8 * i) } else { high |= UInt64(byte) << (8 * (i - 8)) }
        }
    }

    init(_ name: String) {
        var name = name
        self = name.withUTF8 { ScannedName($0) }
    }

    // Keys of an event line.
    static var seq: ScannedName { ScannedName(low: 0x716573, high: 0, count: 3) }  // seq
    static var elapsed: ScannedName { ScannedName(low: 0x64657370616C65, high: 0, count: 7) }  // elapsed
    static var kind: ScannedName { ScannedName(low: 0x646E696B, high: 0, count: 4) }  // kind
    static var dimensions: ScannedName { ScannedName(low: 0x6F69736E656D6964, high: 0x736E, count: 10) }  // dimensions
    static var tags: ScannedName { ScannedName(low: 0x73676174, high: 0, count: 4) }  // tags
    static var text: ScannedName { ScannedName(low: 0x74786574, high: 0, count: 4) }  // text
    static var speaker: ScannedName { ScannedName(low: 0x72656B61657073, high: 0, count: 7) }  // speaker
    static var name: ScannedName { ScannedName(low: 0x656D616E, high: 0, count: 4) }  // name
    static var target: ScannedName { ScannedName(low: 0x746567726174, high: 0, count: 6) }  // target
    static var value: ScannedName { ScannedName(low: 0x65756C6176, high: 0, count: 5) }  // value
    static var label: ScannedName { ScannedName(low: 0x6C6562616C, high: 0, count: 5) }  // label
    static var retracts: ScannedName { ScannedName(low: 0x7374636172746572, high: 0, count: 8) }  // retracts
    static var caseKey: ScannedName { ScannedName(low: 0x65736163, high: 0, count: 4) }  // case
    static var command: ScannedName { ScannedName(low: 0x646E616D6D6F63, high: 0, count: 7) }  // command
    // Kinds.
    static var ask: ScannedName { ScannedName(low: 0x6B7361, high: 0, count: 3) }  // ask
    static var note: ScannedName { ScannedName(low: 0x65746F6E, high: 0, count: 4) }  // note
    static var say: ScannedName { ScannedName(low: 0x796173, high: 0, count: 3) }  // say
    static var score: ScannedName { ScannedName(low: 0x65726F6373, high: 0, count: 5) }  // score
    static var networkAdd: ScannedName { ScannedName(low: 0x2E6B726F7774656E, high: 0x646461, count: 11) }  // network.add
    static var networkSet: ScannedName { ScannedName(low: 0x2E6B726F7774656E, high: 0x746573, count: 11) }  // network.set
    static var networkRemove: ScannedName { ScannedName(low: 0x2E6B726F7774656E, high: 0x65766F6D6572, count: 14) }  // network.remove
    static var mark: ScannedName { ScannedName(low: 0x6B72616D, high: 0, count: 4) }  // mark
    static var undo: ScannedName { ScannedName(low: 0x6F646E75, high: 0, count: 4) }  // undo
    static var session: ScannedName { ScannedName(low: 0x6E6F6973736573, high: 0, count: 7) }  // session
    static var participant: ScannedName { ScannedName(low: 0x7069636974726170, high: 0x746E61, count: 11) }  // participant
    static var host: ScannedName { ScannedName(low: 0x74736F68, high: 0, count: 4) }  // host
    // Dimensions and the two tags that count.
    static var vertrekpunt: ScannedName { ScannedName(low: 0x706B657274726576, high: 0x746E75, count: 11) }  // vertrekpunt
    static var competentioneel: ScannedName { ScannedName(low: 0x6E657465706D6F63, high: 0x6C65656E6F6974, count: 15) }  // competentioneel
    static var sociaal: ScannedName { ScannedName(low: 0x6C616169636F73, high: 0, count: 7) }  // sociaal
    static var motivationeel: ScannedName { ScannedName(low: 0x6974617669746F6D, high: 0x6C65656E6F, count: 13) }  // motivationeel
    static var kracht: ScannedName { ScannedName(low: 0x74686361726B, high: 0, count: 6) }  // kracht
    static var kwetsbaarheid: ScannedName { ScannedName(low: 0x616162737465776B, high: 0x6469656872, count: 13) }  // kwetsbaarheid

    /// Every constant above with its name.
    static let all: [(String, ScannedName)] = [
        ("seq", .seq),
        ("elapsed", .elapsed),
        ("kind", .kind),
        ("dimensions", .dimensions),
        ("tags", .tags),
        ("text", .text),
        ("speaker", .speaker),
        ("name", .name),
        ("target", .target),
        ("value", .value),
        ("label", .label),
        ("retracts", .retracts),
        ("case", .caseKey),
        ("command", .command),
        ("ask", .ask),
        ("note", .note),
        ("say", .say),
        ("score", .score),
        ("network.add", .networkAdd),
        ("network.set", .networkSet),
        ("network.remove", .networkRemove),
        ("mark", .mark),
        ("undo", .undo),
        ("session", .session),
        ("participant", .participant),
        ("host", .host),
        ("vertrekpunt", .vertrekpunt),
        ("competentioneel", .competentioneel),
        ("sociaal", .sociaal),
        ("motivationeel", .motivationeel),
        ("kracht", .kracht),
        ("kwetsbaarheid", .kwetsbaarheid),
    ]
}
