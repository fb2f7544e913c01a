/// The transcript format in one table: every key of a header and an event
/// line, the keys each kind of event requires, and the ranges of values.
///
/// The writer (``TranscriptEncoder``), the full reader (`TranscriptDecoder`)
/// and the caseload's fast scanner (`SummaryRowScanner`) all take their keys,
/// requirements and ranges from here, the way Wren's compiler and VM include
/// one opcode table, so that a change of the format touches this file (and
/// `Transcripts/transcript.schema.json`, which the tests hold against it).
/// Kind names are ``Event/Kind``'s raw values; dimension names are
/// ``Dimension``'s.
public enum TranscriptFormat {
    /// The keys of an event line, in the order the writer writes them. The
    /// chain's `"hash"` comes last (see ``TranscriptChain``).
    public enum EventKey: UInt8, CaseIterable, Sendable {
        case seq, elapsed, time, kind, dimensions, tags
        case text, speaker, target, value, label, name, role, influence, support, stays, distance, contact
        case retracts, caseReference, advisor, command, fields
        case line, lineNumber

        /// The key as written in the transcript.
        public var name: StaticString {
            switch self {
            case .seq: "seq"
            case .elapsed: "elapsed"
            case .time: "time"
            case .kind: "kind"
            case .dimensions: "dimensions"
            case .tags: "tags"
            case .text: "text"
            case .speaker: "speaker"
            case .target: "target"
            case .value: "value"
            case .label: "label"
            case .name: "name"
            case .role: "role"
            case .influence: "influence"
            case .support: "support"
            case .stays: "stays"
            case .distance: "distance"
            case .contact: "contact"
            case .retracts: "retracts"
            case .caseReference: "case"
            case .advisor: "advisor"
            case .command: "command"
            case .fields: "fields"
            case .line: "line"
            case .lineNumber: "lineNumber"
            }
        }

        /// The reader's reason when a required key is missing (Dutch, as the reader's messages are).
        var missingReason: String {
            switch self {
            case .seq: "seq ontbreekt"
            case .kind: "onbekende kind"
            case .value: "value buiten 0–4"
            default: "\(name) ontbreekt"
            }
        }
    }

    /// The keys of the header line, in the order the writer writes them.
    public enum HeaderKey: UInt8, CaseIterable, Sendable {
        case format, version, session, started, caseReference, advisor, participants, tool, language, file, signer
        case checkpoints

        public var name: StaticString {
            switch self {
            case .file: "file"
            case .signer: "signer"
            case .checkpoints: "checkpoints"
            case .format: "format"
            case .version: "version"
            case .session: "session"
            case .started: "started"
            case .caseReference: "case"
            case .advisor: "advisor"
            case .participants: "participants"
            case .tool: "tool"
            case .language: "language"
            }
        }
    }

    /// The keys of the closing record, the last line of a transcript that was
    /// closed (version 3), in the order the writer writes them. It is no
    /// event: it has no `seq`, and it starts with `{"close":`.
    public enum ClosingKey: UInt8, CaseIterable, Sendable {
        case close, events, file, last, signer

        public var name: StaticString {
            switch self {
            case .close: "close"
            case .events: "events"
            case .file: "file"
            case .last: "last"
            case .signer: "signer"
            }
        }
    }

    /// The bytes every closing line starts with, how readers tell it from an event.
    static let closingStart = Array(#"{"close":"#.utf8)

    /// Whether a line is a closing record rather than an event.
    @inline(__always)
    static func isClosing(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.count > closingStart.count && line.prefix(closingStart.count).elementsEqual(closingStart)
    }

    /// The keys of each participant object in the header.
    public enum ParticipantKey: UInt8, CaseIterable, Sendable {
        case name, role

        public var name: StaticString {
            switch self {
            case .name: "name"
            case .role: "role"
            }
        }
    }

    /// A set of event keys, one bit each.
    public struct EventKeys: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public init(_ key: EventKey) { rawValue = 1 << key.rawValue }
        public init(_ keys: [EventKey]) { rawValue = keys.reduce(0) { $0 | 1 << $1.rawValue } }
        public func contains(_ key: EventKey) -> Bool { rawValue & 1 << key.rawValue != 0 }
    }

    /// What every event line needs, whatever its kind.
    public static let keysOfEveryEvent: [EventKey] = [.seq, .kind]

    /// The keys an event of `kind` cannot do without, in the order the reader
    /// checks them (its message names the first one missing).
    public static func requiredKeys(of kind: Event.Kind) -> [EventKey] {
        switch kind {
        case .ask, .note: [.text]
        case .say: [.speaker, .text]
        case .score: [.value, .target]
        case .networkAdd, .networkSet, .networkRemove, .participant: [.name]
        case .mark: [.label]
        case .undo: [.retracts]
        case .session: []
        case .host: [.command]
        }
    }

    /// ``requiredKeys(of:)`` with ``keysOfEveryEvent``, as bits, per kind.
    static let requiredKeySets: [Event.Kind: EventKeys] = Dictionary(
        uniqueKeysWithValues: Event.Kind.allCases.map {
            ($0, EventKeys(keysOfEveryEvent + requiredKeys(of: $0)))
        })

    /// The seconds an `elapsed` may hold (about 31 years): no session lasts
    /// longer, and within it every duration can be printed and computed with.
    public static let elapsedRange: ClosedRange<Double> = 0...1e9
    /// The reader's reason for an `elapsed` outside ``elapsedRange``.
    static let elapsedOutOfRange = "elapsed buiten bereik"
    /// A score's `value`: the handreiking's scale.
    public static let valueRange: ClosedRange<Int> = Scale.range

    // MARK: - Names as packed words, for the readers

    /// The event key spelled by these bytes, if any.
    @inline(__always)
    static func eventKey(_ name: PackedName) -> EventKey? { eventKeys.value(name) }

    /// The event keys by their packed names, for a reader that keeps the table at hand.
    static var eventKeyTable: PackedNameTable<EventKey> { eventKeys }

    /// The kinds by their packed names, each with the keys it requires (``requiredKeySets``).
    static let kindTable = PackedNameTable(Event.Kind.allCases.map { (PackedName($0.rawValue), ($0, requiredKeySets[$0]!)) })

    /// The header key spelled by these bytes, if any.
    static func headerKey(_ name: PackedName) -> HeaderKey? { headerKeys.value(name) }

    /// The participant key spelled by these bytes, if any.
    static func participantKey(_ name: PackedName) -> ParticipantKey? { participantKeys.value(name) }

    /// The closing key spelled by these bytes, if any.
    static func closingKey(_ name: PackedName) -> ClosingKey? { closingKeys.value(name) }

    private static let eventKeys = PackedNameTable(EventKey.allCases.map { (PackedName($0.name), $0) })
    private static let headerKeys = PackedNameTable(HeaderKey.allCases.map { (PackedName($0.name), $0) })
    private static let participantKeys = PackedNameTable(ParticipantKey.allCases.map { (PackedName($0.name), $0) })
    private static let closingKeys = PackedNameTable(ClosingKey.allCases.map { (PackedName($0.name), $0) })
}

/// Names of up to 16 bytes and their values: how both readers tell keys and
/// names apart without making a String. An open-addressing table of 64
/// slots (a table holds a few dozen names), found by one hash of the packed
/// words and, almost always, one comparison.
///
/// Its storage is allocated once and never freed: tables are constants,
/// made once per process (static), so that a lookup on the readers' hot
/// path touches no reference count.
struct PackedNameTable<Value: Sendable>: @unchecked Sendable {
    private static var slotCount: Int { 64 }
    /// A slot's name; a count of -2 marks an empty slot.
    private let names: UnsafeMutablePointer<PackedName>
    private let values: UnsafeMutablePointer<Value?>

    init(_ entries: [(PackedName, Value)]) {
        precondition(entries.count <= Self.slotCount / 2, "a name table holds at most \(Self.slotCount / 2) names")
        names = .allocate(capacity: Self.slotCount)
        names.initialize(repeating: PackedName(low: 0, high: 0, count: -2), count: Self.slotCount)
        values = .allocate(capacity: Self.slotCount)
        values.initialize(repeating: nil, count: Self.slotCount)
        for (name, value) in entries where name.count >= 0 {
            var slot = Self.slot(of: name)
            while names[slot].count != -2 { slot = (slot + 1) & (Self.slotCount - 1) }
            names[slot] = name
            values[slot] = value
        }
    }

    @inline(__always)
    private static func slot(of name: PackedName) -> Int {
        let mixed = (name.low &+ name.high &* 0x1F &+ UInt64(truncatingIfNeeded: name.count)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 58)
    }

    @inline(__always)
    func value(_ name: PackedName) -> Value? {
        guard name.count >= 0 else { return nil }
        var slot = Self.slot(of: name)
        while names[slot].count != -2 {
            if names[slot] == name { return values[slot] }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
    }
}
