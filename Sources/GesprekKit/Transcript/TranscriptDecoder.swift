import Foundation

/// Why a transcript line cannot be read.
public enum TranscriptReadError: Error, Sendable, Equatable {
    /// The file holds nothing.
    case empty
    /// The first line is not a gesprek transcript header.
    case notATranscript
    /// Written by a newer gesprek, in a format version this one does not know.
    case unsupportedVersion(Int)
    /// A line that is not a valid event; `line` is its line number in the file.
    case malformedLine(line: Int, reason: String)
    /// The file could not be read.
    case unreadable(reason: String)
    /// The transcript is encrypted and no passphrase was given (see ``TranscriptKeyring``).
    case encrypted
    /// The passphrase does not open this encrypted transcript.
    case wrongPassphrase
    /// A line of an encrypted transcript does not open: changed, cut or moved.
    case damagedRecord(line: Int)

    /// The message for people, without any of the transcript's content.
    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case .empty: language.pick("het bestand is leeg", "the file is empty")
        case .notATranscript: language.pick("dit is geen gesprek-transcript", "this is not a gesprek transcript")
        case let .unsupportedVersion(v):
            language.pick("transcriptversie \(v) is onbekend; deze gesprek leest versie 1 tot en met \(TranscriptHeader.currentVersion)",
                          "transcript version \(v) is unknown; this gesprek reads versions 1 to \(TranscriptHeader.currentVersion)")
        case let .malformedLine(line, reason): language.pick("regel \(line) is onleesbaar: \(reason)", "line \(line) cannot be read: \(reason)")
        case let .unreadable(reason): language.pick("kan het bestand niet lezen: \(reason)", "cannot read the file: \(reason)")
        case .encrypted: language.pick("het transcript is versleuteld; er is een wachtwoord nodig", "the transcript is encrypted; a passphrase is needed")
        case .wrongPassphrase: language.pick("het wachtwoord past niet bij dit versleutelde transcript", "the passphrase does not fit this encrypted transcript")
        case let .damagedRecord(line):
            language.pick("regel \(line) van het versleutelde transcript is veranderd of beschadigd", "line \(line) of the encrypted transcript was changed or damaged")
        }
    }
}

/// Reads transcript lines back into headers and events, straight from the
/// line's bytes with ``JSONScanner``. Keys it does not know are skipped; a
/// value of the wrong type counts as missing.
enum TranscriptDecoder {
    /// The reason given for a line that is not one JSON object.
    static let notAnObject = "geen JSON-object"

    /// The header line; anything but a gesprek header is `notATranscript`.
    static func header(_ line: UnsafeBufferPointer<UInt8>) throws -> TranscriptHeader {
        var fields = HeaderFields()
        do {
            var json = JSONScanner(line)
            json.skipByteOrderMark()
            try json.readObject(into: &fields)
            try json.expectEnd()
        } catch is JSONScanner.Malformed {
            throw TranscriptReadError.notATranscript
        }
        return try fields.header()
    }

    /// An event line; `lineNumber` is where it stands in the file, for errors.
    static func event(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws -> Event {
        var fields = EventFields()
        do {
            var json = JSONScanner(line)
            try json.readObject(into: &fields)
            try json.expectEnd()
        } catch is JSONScanner.Malformed {
            throw TranscriptReadError.malformedLine(line: lineNumber, reason: notAnObject)
        }
        return try fields.event(lineNumber: lineNumber)
    }
}

/// The header's keys, as read.
private struct HeaderFields: JSONObjectFields {
    var format: String?
    var version: Int?
    var session: String?
    var started: String?
    var caseReference: String?
    var advisor: String?
    var participants: [Participant]?
    var tool: String?
    var language: String?

    mutating func read(_ key: UnsafeBufferPointer<UInt8>, from json: inout JSONScanner) throws {
        if key.elementsEqual("format") { format = try json.string() }
        else if key.elementsEqual("version") { version = try json.int() }
        else if key.elementsEqual("session") { session = try json.string() }
        else if key.elementsEqual("started") { started = try json.string() }
        else if key.elementsEqual("case") { caseReference = try json.string() }
        else if key.elementsEqual("advisor") { advisor = try json.string() }
        else if key.elementsEqual("participants") { participants = try Self.participants(&json) }
        else if key.elementsEqual("tool") { tool = try json.string() }
        else if key.elementsEqual("language") { language = try json.string() }
        else { try json.skipValue() }
    }

    /// An array of objects; those without a string `name` are left out, and
    /// anything but objects in it makes the whole list empty.
    private static func participants(_ json: inout JSONScanner) throws -> [Participant] {
        var list: [Participant]? = []
        guard json.isAtArray else { try json.skipValue(); return [] }
        try json.elements { json in
            guard json.isAtObject else { try json.skipValue(); list = nil; return }
            var name: String?, role: String?
            try json.members { json, key in
                if key.elementsEqual("name") { name = try json.string() }
                else if key.elementsEqual("role") { role = try json.string() }
                else { try json.skipValue() }
            }
            if let name { list?.append(Participant(name: name, role: role)) }
        }
        return list ?? []
    }

    func header() throws -> TranscriptHeader {
        guard format == TranscriptHeader.formatName, let version else { throw TranscriptReadError.notATranscript }
        guard TranscriptHeader.readableVersions.contains(version) else { throw TranscriptReadError.unsupportedVersion(version) }
        return TranscriptHeader(
            version: version, sessionID: session ?? "", started: started ?? "",
            details: SessionDetails(caseReference: caseReference, advisor: advisor, participants: participants ?? []),
            tool: tool ?? "", language: DisplayLanguage(rawValue: language ?? "") ?? .nl)
    }
}

/// An event's keys, as read. The keys a kind does not use stay nil. Strings
/// stay where they are in the line (checked) until the event is built, so
/// that only the ones it uses are made. Not copyable, so that building the
/// event moves the arrays out rather than copying them.
private struct EventFields: JSONObjectFields, ~Copyable {
    var sequence: Int?
    var elapsed: Double?
    var time: RawString?
    var kind: Event.Kind?
    var dimensions: [Dimension]?
    var tags: [String]?
    var text: RawString?
    var speaker: RawString?
    var target: RawString?
    var value: Int?
    var label: RawString?
    var name: RawString?
    var role: RawString?
    var influence: Influence?
    var support: [SupportKind]?
    var stays: Bool?
    var distance: Bool?
    var contact: ContactFrequency?
    var retracts: Int?
    var caseReference: RawString?
    var advisor: RawString?
    var command: RawString?
    var fields: [String: String]?
    var line: RawString?
    var lineNumber: Int?

    mutating func read(_ key: UnsafeBufferPointer<UInt8>, from json: inout JSONScanner) throws {
        // Sorted by length first, so that most keys are told apart without comparing bytes.
        switch key.count {
        case 3 where key.elementsEqual("seq"): sequence = try json.int()
        case 4:
            if key.elementsEqual("time") { time = try json.checkedString() }
            else if key.elementsEqual("kind") { kind = try json.rawStringValue().flatMap(Names.kinds.value) }
            else if key.elementsEqual("tags") { tags = try Self.tags(&json) }
            else if key.elementsEqual("text") { text = try json.checkedString() }
            else if key.elementsEqual("line") { line = try json.checkedString() }
            else if key.elementsEqual("name") { name = try json.checkedString() }
            else if key.elementsEqual("role") { role = try json.checkedString() }
            else if key.elementsEqual("case") { caseReference = try json.checkedString() }
            else { try json.skipValue() }
        case 5:
            if key.elementsEqual("value") { value = try json.int() }
            else if key.elementsEqual("label") { label = try json.checkedString() }
            else if key.elementsEqual("stays") { stays = try json.bool() }
            else { try json.skipValue() }
        case 6:
            if key.elementsEqual("target") { target = try json.checkedString() }
            else if key.elementsEqual("fields") { fields = try json.stringDictionary() }
            else { try json.skipValue() }
        case 7:
            if key.elementsEqual("elapsed") { elapsed = try json.double() }
            else if key.elementsEqual("speaker") { speaker = try json.checkedString() }
            else if key.elementsEqual("support") { support = try Names.supportKinds.values(&json) }
            else if key.elementsEqual("contact") { contact = try json.rawStringValue().flatMap(Names.contactFrequencies.value) }
            else if key.elementsEqual("advisor") { advisor = try json.checkedString() }
            else if key.elementsEqual("command") { command = try json.checkedString() }
            else { try json.skipValue() }
        case 8:
            if key.elementsEqual("retracts") { retracts = try json.int() }
            else if key.elementsEqual("distance") { distance = try json.bool() }
            else { try json.skipValue() }
        case 9 where key.elementsEqual("influence"):
            influence = try json.rawStringValue().flatMap(Names.influences.value)
        case 10:
            if key.elementsEqual("dimensions") { dimensions = try Names.dimensions.values(&json) }
            else if key.elementsEqual("lineNumber") { lineNumber = try json.int() }
            else { try json.skipValue() }
        default:
            try json.skipValue()
        }
    }

    /// An array of tags; nil when it is not an array of strings. A lone
    /// `kracht` or `kwetsbaarheid`, the usual case, shares one array.
    private static func tags(_ json: inout JSONScanner) throws -> [String]? {
        var tags: [String] = []
        var lone: RawString?
        let onlyStrings = try json.eachString { raw in
            if tags.isEmpty, lone == nil, raw.isPlainASCII { lone = raw; return }
            if let first = lone { tags.append(try first.decoded()); lone = nil }
            tags.append(try raw.decoded())
        }
        guard onlyStrings else { return nil }
        guard let lone else { return tags }
        let tag = lone.string
        if tag == TagSet.strength { return Names.strengthOnly }
        if tag == TagSet.vulnerability { return Names.vulnerabilityOnly }
        return [tag]
    }

    /// The largest `elapsed` read (about 31 years): no session lasts longer, and
    /// below it every duration can be printed and computed with.
    static let longestElapsed = 1e9

    consuming func event(lineNumber number: Int) throws -> Event {
        func fail(_ reason: String) -> TranscriptReadError { .malformedLine(line: number, reason: reason) }
        func required(_ value: RawString?, _ key: String) throws -> String {
            guard let value else { throw fail("\(key) ontbreekt") }
            return value.string
        }
        guard let sequence else { throw fail("seq ontbreekt") }
        guard let kind else { throw fail("onbekende kind") }
        if let elapsed, !(0...Self.longestElapsed).contains(elapsed) { throw fail("elapsed buiten bereik") }
        let body: Event.Body
        switch kind {
        case .ask: body = .ask(text: try required(text, "text"))
        case .note: body = .note(text: try required(text, "text"))
        case .say: body = .say(speaker: try required(speaker, "speaker"), text: try required(text, "text"))
        case .score:
            guard let value, Scale.range.contains(value) else { throw fail("value buiten 0–4") }
            body = .score(target: try required(target, "target"), value: value, text: text?.string)
        case .networkAdd: body = .networkAdd(name: try required(name, "name"), attributes: attributes)
        case .networkSet: body = .networkSet(name: try required(name, "name"), changes: attributes)
        case .networkRemove: body = .networkRemove(name: try required(name, "name"))
        case .mark: body = .mark(label: try required(label, "label"))
        case .undo:
            guard let retracts else { throw fail("retracts ontbreekt") }
            body = .undo(retracts: retracts)
        case .session: body = .session(caseReference: caseReference?.string, advisor: advisor?.string)
        case .participant: body = .participant(Participant(name: try required(name, "name"), role: role?.string))
        case .host: body = .host(command: try required(command, "command"), text: text?.string ?? "", fields: fields ?? [:])
        }
        return Event(sequence: sequence, elapsed: elapsed ?? 0, time: time?.string ?? "", dimensions: dimensions ?? [],
                     tags: tags ?? [], body: body, line: line?.string ?? "", lineNumber: lineNumber ?? 0)
    }

    private var attributes: NetworkAttributes {
        NetworkAttributes(role: role?.string, influence: influence, support: support, stays: stays, distance: distance, contact: contact)
    }
}

/// The names the transcript uses for enumerations, as bytes.
private enum Names {
    static let kinds = NameTable<Event.Kind>()
    static let dimensions = NameTable<Dimension>()
    static let influences = NameTable<Influence>()
    static let supportKinds = NameTable<SupportKind>()
    static let contactFrequencies = NameTable<ContactFrequency>()
    static let strengthOnly = [TagSet.strength]
    static let vulnerabilityOnly = [TagSet.vulnerability]
}

/// An enumeration's raw values packed into integers, to find the value a
/// line names with a few comparisons and without making a String.
private struct NameTable<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private struct Entry: Sendable {
        var name: PackedName
        var value: Value
        /// `[value]`, made once and shared by every event that names only this value.
        var alone: [Value]
    }

    private let entries: [Entry] = Value.allCases.compactMap { value in
        var name = value.rawValue
        return name.withUTF8 { PackedName($0) }.map { Entry(name: $0, value: value, alone: [value]) }
    }

    /// The value named `raw`; nil for a name it does not have.
    func value(_ raw: RawString) throws -> Value? {
        try entry(raw).map { entries[$0].value } ?? Self.slowValue(raw)
    }

    /// An array of names, unknown ones left out; nil when it is not an array of
    /// strings. A single value comes back as a shared array, saving an allocation.
    func values(_ json: inout JSONScanner) throws -> [Value]? {
        var single: Int?
        var values: [Value] = []
        var count = 0
        let onlyStrings = try json.eachString { raw in
            if let i = try entry(raw) {
                count += 1
                if count == 1 { single = i } else { values.append(entries[i].value) }
            } else if let value = try Self.slowValue(raw) {
                count += 1
                values.append(value)
            }
        }
        guard onlyStrings else { return nil }
        if count == 1, let single { return entries[single].alone }
        if let single { values.insert(entries[single].value, at: 0) }
        return values
    }

    /// Where `raw` is in `entries`, for names that can be compared as they are.
    private func entry(_ raw: RawString) throws -> Int? {
        guard raw.isPlainASCII, let name = PackedName(raw.bytes) else { return nil }
        return entries.firstIndex { $0.name == name }
    }

    /// The value of a name with escapes or beyond 16 bytes.
    private static func slowValue(_ raw: RawString) throws -> Value? {
        guard !raw.isPlainASCII || raw.bytes.count > 16 else { return nil }
        return Value(rawValue: try raw.decoded())
    }
}

/// A name of up to 16 bytes as two integers and its length.
private struct PackedName: Equatable, Sendable {
    private var words: (UInt64, UInt64) = (0, 0)
    private let count: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        count = bytes.count
        // Copy the bytes over the two words; the rest stays zero.
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
    }

    static func == (a: PackedName, b: PackedName) -> Bool {
        a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1
    }
}
