/// Reads the `key=value` words of `network add` and `network set`.
enum NetworkAttributeParser {
    static let influenceWords: [String: Influence] = [
        "+": .positive, "-": .negative, "=": .neutral,
        "positief": .positive, "negatief": .negative, "neutraal": .neutral,
        "positive": .positive, "negative": .negative, "neutral": .neutral,
    ]
    static let supportWords: [String: SupportKind] = Dictionary(
        uniqueKeysWithValues: SupportKind.allCases.map { ($0.rawValue, $0) }
            + [("emotional", .emotioneel), ("practical", .praktisch), ("information", .informatie), ("company", .gezelschap)])
    static let contactWords: [String: ContactFrequency] = Dictionary(
        uniqueKeysWithValues: ContactFrequency.allCases.map { ($0.rawValue, $0) }
            + [("daily", .dagelijks), ("weekly", .wekelijks), ("monthly", .maandelijks), ("rarely", .zelden)])
    static let yesNo: [String: Bool] = ["yes": true, "ja": true, "true": true, "no": false, "nee": false, "false": false]

    static func parse(
        _ token: Token, into attributes: inout NetworkAttributes, seen: inout SeenAttributeKeys,
        scanner s: LineScanner
    ) throws(Diagnostic) {
        let (key, value) = token.keyValue!
        let allowed = NetworkAttributes.keys
        guard let keyIndex = allowed.firstIndex(of: key) else {
            let suggestion = Suggestion.closest(to: key, in: allowed, maximum: 2)
            throw s.error(.unknownKey(key, allowed: allowed, suggestion: suggestion), at: token)
        }
        guard seen.insert(keyIndex) else { throw s.error(.repeatedKey(key), at: token) }
        let lower = value.lowercasedIfNeeded
        func invalid(_ allowed: [String]) -> Diagnostic {
            value.isEmpty
                ? s.error(.missingValue(key: key, allowed: allowed), at: token)
                : s.error(.invalidValue(key: key, value: value, allowed: allowed), at: token)
        }
        switch key {
        case "role":
            guard !value.isEmpty else { throw invalid([]) }
            attributes.role = value
        case "influence":
            guard let influence = influenceWords[lower] else { throw invalid(["+", "-", "="]) }
            attributes.influence = influence
        case "support":
            var kinds: [SupportKind] = []
            for part in lower.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let word = String(Substring(part)).trimmed
                guard let kind = supportWords[word] else { throw invalid(SupportKind.allCases.map(\.rawValue)) }
                if !kinds.contains(kind) { kinds.append(kind) }
            }
            attributes.support = kinds
        case "stays", "distance":
            guard let flag = yesNo[lower] else { throw invalid(["yes", "no"]) }
            if key == "stays" { attributes.stays = flag } else { attributes.distance = flag }
        default:
            guard let contact = contactWords[lower] else { throw invalid(ContactFrequency.allCases.map(\.rawValue)) }
            attributes.contact = contact
        }
    }
}

/// The keys a `network` line has set so far, to refuse one given twice: a
/// bit per position in ``NetworkAttributes/keys`` (cheaper than a set of strings).
struct SeenAttributeKeys {
    private var bits: UInt32 = 0

    var isEmpty: Bool { bits == 0 }

    /// Notes the key at `index`; false when it was noted already.
    mutating func insert(_ index: Int) -> Bool {
        let bit: UInt32 = 1 << UInt32(index)
        defer { bits |= bit }
        return bits & bit == 0
    }
}
