#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

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
    var file: String?
    var signer: String?
    var checkpoints: Int?

    mutating func read(_ key: UnsafeBufferPointer<UInt8>, from json: inout JSONScanner) throws {
        switch TranscriptFormat.headerKey(PackedName(key)) {
        case .format: format = try json.string()
        case .version: version = try json.int()
        case .session: session = try json.string()
        case .started: started = try json.string()
        case .caseReference: caseReference = try json.string()
        case .advisor: advisor = try json.string()
        case .participants: participants = try Self.participants(&json)
        case .tool: tool = try json.string()
        case .language: language = try json.string()
        case .file: file = try json.string()
        case .signer: signer = try json.string()
        case .checkpoints: checkpoints = try json.int()
        case nil: try json.skipValue()
        }
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
                switch TranscriptFormat.participantKey(PackedName(key)) {
                case .name: name = try json.string()
                case .role: role = try json.string()
                case nil: try json.skipValue()
                }
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
            tool: tool ?? "", language: DisplayLanguage(rawValue: language ?? "") ?? .nl, fileID: file, signer: signer,
            signing: checkpoints.map(TranscriptSigning.checkpoints(every:)) ?? .everyLine)
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
        guard let known = TranscriptFormat.eventKey(PackedName(key)) else { return try json.skipValue() }
        switch known {
        case .seq: sequence = try json.int()
        case .elapsed: elapsed = try json.double()
        case .time: time = try json.checkedString()
        case .kind: kind = try json.rawStringValue().flatMap(Names.kinds.value)
        case .dimensions: dimensions = try Names.dimensions.values(&json)
        case .tags: tags = try Self.tags(&json)
        case .text: text = try json.checkedString()
        case .speaker: speaker = try json.checkedString()
        case .target: target = try json.checkedString()
        case .value: value = try json.int()
        case .label: label = try json.checkedString()
        case .name: name = try json.checkedString()
        case .role: role = try json.checkedString()
        case .influence: influence = try json.rawStringValue().flatMap(Names.influences.value)
        case .support: support = try Names.supportKinds.values(&json)
        case .stays: stays = try json.bool()
        case .distance: distance = try json.bool()
        case .contact: contact = try json.rawStringValue().flatMap(Names.contactFrequencies.value)
        case .retracts: retracts = try json.int()
        case .caseReference: caseReference = try json.checkedString()
        case .advisor: advisor = try json.checkedString()
        case .command: command = try json.checkedString()
        case .fields: fields = try json.stringDictionary()
        case .line: line = try json.checkedString()
        case .lineNumber: lineNumber = try json.int()
        }
    }

    /// Whether the line gave `key` a value of the right type.
    private func has(_ key: TranscriptFormat.EventKey) -> Bool {
        switch key {
        case .seq: sequence != nil
        case .elapsed: elapsed != nil
        case .time: time != nil
        case .kind: kind != nil
        case .dimensions: dimensions != nil
        case .tags: tags != nil
        case .text: text != nil
        case .speaker: speaker != nil
        case .target: target != nil
        case .value: value.map(TranscriptFormat.valueRange.contains) ?? false
        case .label: label != nil
        case .name: name != nil
        case .role: role != nil
        case .influence: influence != nil
        case .support: support != nil
        case .stays: stays != nil
        case .distance: distance != nil
        case .contact: contact != nil
        case .retracts: retracts != nil
        case .caseReference: caseReference != nil
        case .advisor: advisor != nil
        case .command: command != nil
        case .fields: fields != nil
        case .line: line != nil
        case .lineNumber: lineNumber != nil
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

    consuming func event(lineNumber number: Int) throws -> Event {
        func fail(_ reason: String) -> TranscriptReadError { .malformedLine(line: number, reason: reason) }
        for key in TranscriptFormat.keysOfEveryEvent where !has(key) { throw fail(key.missingReason) }
        if let elapsed, !TranscriptFormat.elapsedRange.contains(elapsed) { throw fail(TranscriptFormat.elapsedOutOfRange) }
        guard let sequence, let kind else { throw fail(TranscriptFormat.EventKey.kind.missingReason) }
        for key in TranscriptFormat.requiredKeys(of: kind) where !has(key) { throw fail(key.missingReason) }
        // Every key the kind requires is there (checked above against the format's table).
        let body: Event.Body
        switch kind {
        case .ask: body = .ask(text: string(text))
        case .note: body = .note(text: string(text))
        case .say: body = .say(speaker: string(speaker), text: string(text))
        case .score: body = .score(target: string(target), value: value ?? 0, text: text?.string)
        case .networkAdd: body = .networkAdd(name: string(name), attributes: attributes)
        case .networkSet: body = .networkSet(name: string(name), changes: attributes)
        case .networkRemove: body = .networkRemove(name: string(name))
        case .mark: body = .mark(label: string(label))
        case .undo: body = .undo(retracts: retracts ?? 0)
        case .session: body = .session(caseReference: caseReference?.string, advisor: advisor?.string)
        case .participant: body = .participant(Participant(name: string(name), role: role?.string))
        case .host: body = .host(command: string(command), text: text?.string ?? "", fields: fields ?? [:])
        }
        return Event(
            sequence: sequence, elapsed: elapsed ?? 0, time: time?.string ?? "", dimensions: dimensions ?? [],
            tags: tags ?? [], body: body, line: line?.string ?? "", lineNumber: lineNumber ?? 0)
    }

    private func string(_ raw: RawString?) -> String { raw?.string ?? "" }

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
    private struct NamedValue: Sendable {
        var name: PackedName
        var value: Value
        /// `[value]`, made once and shared by every event that names only this value.
        var alone: [Value]
    }

    private let entries: [NamedValue] = Value.allCases.map { NamedValue(name: PackedName($0.rawValue), value: $0, alone: [$0]) }

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
        guard raw.isPlainASCII, raw.bytes.count <= PackedName.maximumLength else { return nil }
        let name = PackedName(raw.bytes)
        return entries.firstIndex { $0.name == name }
    }

    /// The value of a name with escapes or beyond 16 bytes.
    private static func slowValue(_ raw: RawString) throws -> Value? {
        guard !raw.isPlainASCII || raw.bytes.count > PackedName.maximumLength else { return nil }
        return Value(rawValue: try raw.decoded())
    }
}
