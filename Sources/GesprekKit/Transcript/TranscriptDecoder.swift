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

    /// The message for people, without any of the transcript's content.
    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case .empty: language.pick("het bestand is leeg", "the file is empty")
        case .notATranscript: language.pick("dit is geen gesprek-transcript", "this is not a gesprek transcript")
        case let .unsupportedVersion(v):
            language.pick("transcriptversie \(v) is onbekend; deze gesprek leest versie \(TranscriptHeader.currentVersion)",
                          "transcript version \(v) is unknown; this gesprek reads version \(TranscriptHeader.currentVersion)")
        case let .malformedLine(line, reason): language.pick("regel \(line) is onleesbaar: \(reason)", "line \(line) cannot be read: \(reason)")
        case let .unreadable(reason): language.pick("kan het bestand niet lezen: \(reason)", "cannot read the file: \(reason)")
        }
    }
}

/// Reads transcript lines back into headers and events.
enum TranscriptDecoder {
    static func object(_ bytes: some Collection<UInt8>, line: Int) throws -> [String: Any] {
        let data = Data(bytes)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TranscriptReadError.malformedLine(line: line, reason: "geen JSON-object")
        }
        return object
    }

    static func header(_ object: [String: Any]) throws -> TranscriptHeader {
        guard object["format"] as? String == TranscriptHeader.formatName, let version = object["version"] as? Int else {
            throw TranscriptReadError.notATranscript
        }
        guard version == TranscriptHeader.currentVersion else { throw TranscriptReadError.unsupportedVersion(version) }
        let participants = (object["participants"] as? [[String: Any]] ?? []).compactMap { p in
            (p["name"] as? String).map { Participant(name: $0, role: p["role"] as? String) }
        }
        return TranscriptHeader(
            version: version, sessionID: object["session"] as? String ?? "", started: object["started"] as? String ?? "",
            details: SessionDetails(caseReference: object["case"] as? String, advisor: object["advisor"] as? String,
                                    participants: participants),
            tool: object["tool"] as? String ?? "", language: DisplayLanguage(rawValue: object["language"] as? String ?? "") ?? .nl)
    }

    static func event(_ o: [String: Any], line: Int) throws -> Event {
        func fail(_ reason: String) -> TranscriptReadError { .malformedLine(line: line, reason: reason) }
        func string(_ key: String) throws -> String {
            guard let value = o[key] as? String else { throw fail("\(key) ontbreekt") }
            return value
        }
        guard let sequence = o["seq"] as? Int else { throw fail("seq ontbreekt") }
        guard let kindName = o["kind"] as? String, let kind = Event.Kind(rawValue: kindName) else {
            throw fail("onbekende kind")
        }
        let body: Event.Body
        switch kind {
        case .ask: body = .ask(text: try string("text"))
        case .note: body = .note(text: try string("text"))
        case .say: body = .say(speaker: try string("speaker"), text: try string("text"))
        case .score:
            guard let value = o["value"] as? Int, Scale.range.contains(value) else { throw fail("value buiten 0–4") }
            body = .score(target: try string("target"), value: value, text: o["text"] as? String)
        case .networkAdd: body = .networkAdd(name: try string("name"), attributes: attributes(o))
        case .networkSet: body = .networkSet(name: try string("name"), changes: attributes(o))
        case .networkRemove: body = .networkRemove(name: try string("name"))
        case .mark: body = .mark(label: try string("label"))
        case .undo:
            guard let retracts = o["retracts"] as? Int else { throw fail("retracts ontbreekt") }
            body = .undo(retracts: retracts)
        case .session: body = .session(caseReference: o["case"] as? String, advisor: o["advisor"] as? String)
        case .participant: body = .participant(Participant(name: try string("name"), role: o["role"] as? String))
        case .host:
            body = .host(command: try string("command"), text: o["text"] as? String ?? "",
                         fields: o["fields"] as? [String: String] ?? [:])
        }
        return Event(sequence: sequence, elapsed: (o["elapsed"] as? NSNumber)?.doubleValue ?? 0,
                     time: o["time"] as? String ?? "",
                     dimensions: (o["dimensions"] as? [String] ?? []).compactMap(Dimension.init(rawValue:)),
                     tags: o["tags"] as? [String] ?? [], body: body, line: o["line"] as? String ?? "",
                     lineNumber: o["lineNumber"] as? Int ?? 0)
    }

    private static func attributes(_ o: [String: Any]) -> NetworkAttributes {
        NetworkAttributes(role: o["role"] as? String, influence: (o["influence"] as? String).flatMap(Influence.init(rawValue:)),
                          support: (o["support"] as? [String]).map { $0.compactMap(SupportKind.init(rawValue:)) },
                          stays: o["stays"] as? Bool, distance: o["distance"] as? Bool,
                          contact: (o["contact"] as? String).flatMap(ContactFrequency.init(rawValue:)))
    }
}
