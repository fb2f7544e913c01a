#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Reads the JSON a host passes in: a C string, UTF-8, one JSON object.
enum JSONInput {
    static func object(_ json: UnsafePointer<CChar>?, name: String, language: DisplayLanguage) throws -> [String: Any] {
        guard let json else { throw APIError(.nullArgument(name), language: language) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(json).assumingMemoryBound(to: UInt8.self), count: strlen(json))
        guard String(validating: bytes, as: UTF8.self) != nil else { throw APIError(.invalidUTF8(name), language: language) }
        guard let value = JSONTree.parse(bytes),
            let object = value as? [String: Any]
        else { throw APIError(.invalidJSON(name), language: language) }
        return object
    }

    /// Whether a value from ``JSONTree/parse(_:)`` is a JSON boolean (not a number).
    static func isBool(_ value: Any) -> Bool { value is Bool }
}

/// What `gesprek_open` takes (all optional): `transcript` (a new file, or null: memory only),
/// `case`, `advisor`, `participants` (`"Lisa:moeder"` or `{"name", "role"}`), `language`
/// (`nl`, `en`), `encrypt` (`{"passphrase": …}` or false), `signing_key` (a folder with the
/// `signing-key` of `gesprek key`, or null: a new key kept nowhere) and `show_input`.
struct Options {
    var transcript: String?
    var details = SessionDetails()
    var language = DisplayLanguage.nl
    var passphrase: String?
    var signingKeyFolder: String?
    var showInput = false

    static let keys: Set<String> = [
        "transcript", "case", "advisor", "participants", "language", "encrypt", "signing_key", "show_input",
    ]

    init(json: UnsafePointer<CChar>?) throws {
        guard let json else { return }  // NULL: all defaults
        // The language first, so that every other message speaks it.
        let object = try JSONInput.object(json, name: "options", language: .nl)
        if let value = object["language"], !(value is JSONNull) {
            guard let name = value as? String, let language = DisplayLanguage(rawValue: name) else {
                throw APIError(.invalidOption("language", expected: "\"nl\" | \"en\""), language: .nl)
            }
            self.language = language
        }
        let l = language
        let text = l.pick("een tekst of null", "a string or null")
        for key in object.keys.sorted() where !Self.keys.contains(key) { throw APIError(.unknownOption(key), language: l) }
        transcript = try Self.string(object, "transcript", expected: text, language: l)
        if transcript?.isEmpty == true { throw APIError(.invalidOption("transcript", expected: text), language: l) }
        signingKeyFolder = try Self.string(object, "signing_key", expected: text, language: l)
        let caseReference = try Self.string(object, "case", expected: text, language: l)
        let advisor = try Self.string(object, "advisor", expected: text, language: l)
        var participants: [Participant] = []
        if let list = object["participants"], !(list is JSONNull) {
            let expected = l.pick("een lijst van \"naam:rol\" of {\"name\", \"role\"}", "a list of \"name:role\" or {\"name\", \"role\"}")
            guard let list = list as? [Any] else { throw APIError(.invalidOption("participants", expected: expected), language: l) }
            for entry in list {
                if let spec = entry as? String, let participant = Self.participant(spec) {
                    participants.append(participant)
                } else if let entry = entry as? [String: Any], let name = entry["name"] as? String,
                    !name.trimmingSpaces().isEmpty,
                    entry["role"] == nil || entry["role"] is JSONNull || entry["role"] is String
                {
                    participants.append(Participant(name: name, role: entry["role"] as? String))
                } else {
                    throw APIError(.invalidOption("participants", expected: expected), language: l)
                }
            }
        }
        // As on the command line: a value with a control character would steer a terminal wherever it is shown.
        let values =
            [("case", caseReference), ("advisor", advisor)]
            + participants.flatMap { [("participants", $0.name), ("participants", $0.role)] }
        for case let (key, value?) in values where value.unicodeScalars.contains(where: { VisibleText.isHidden($0) || $0 == "\n" }) {
            throw APIError(
                .invalidOption(key, expected: l.pick("tekst zonder stuurtekens", "text without control characters")), language: l)
        }
        for case let (key, value?) in [("case", caseReference), ("advisor", advisor)]
        where value.trimmingSpaces().isEmpty {
            throw APIError(.invalidOption(key, expected: l.pick("niet leeg", "not empty")), language: l)
        }
        details = SessionDetails(caseReference: caseReference, advisor: advisor, participants: participants)
        if let encrypt = object["encrypt"], !(encrypt is JSONNull) {
            let expected = l.pick("false of {\"passphrase\": tekst}", "false or {\"passphrase\": string}")
            if JSONInput.isBool(encrypt), (encrypt as? Bool) == false {
                passphrase = nil
            } else if let encrypt = encrypt as? [String: Any], let given = encrypt["passphrase"] as? String, !given.isEmpty,
                encrypt.count == 1
            {
                passphrase = given
            } else {
                throw APIError(.invalidOption("encrypt", expected: expected), language: l)
            }
        }
        if let show = object["show_input"], !(show is JSONNull) {
            guard JSONInput.isBool(show), let flag = show as? Bool else {
                throw APIError(.invalidOption("show_input", expected: "true | false"), language: l)
            }
            showInput = flag
        }
    }

    private static func string(_ object: [String: Any], _ key: String, expected: String, language: DisplayLanguage) throws -> String? {
        guard let value = object[key], !(value is JSONNull) else { return nil }
        guard let string = value as? String else { throw APIError(.invalidOption(key, expected: expected), language: language) }
        return string
    }

    /// `NAME` or `NAME:ROLE`, as `--participant` takes it; nil without a name.
    private static func participant(_ spec: String) -> Participant? {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        guard let name = parts.first, !name.isEmpty else { return nil }
        return Participant(name: name, role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
    }
}
