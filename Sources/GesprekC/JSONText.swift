/// Writes JSON by hand, keys in the order given: the answers of the C interface are small and
/// many (one per line typed), so they are built straight into one string.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    init() { text.reserveCapacity(256) }

    mutating func object(_ body: (inout JSONText) -> Void) {
        separate()
        text.append("{")
        needsComma = false
        body(&self)
        text.append("}")
        needsComma = true
    }

    mutating func array(_ body: (inout JSONText) -> Void) {
        separate()
        text.append("[")
        needsComma = false
        body(&self)
        text.append("]")
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        Self.quote(name, into: &text)
        text.append(":")
        needsComma = false
    }

    mutating func value(_ string: String?) {
        separate()
        if let string { Self.quote(string, into: &text) } else { text.append("null") }
        needsComma = true
    }

    mutating func value(_ number: Int) {
        separate()
        text.append(String(number))
        needsComma = true
    }

    mutating func value(_ flag: Bool) {
        separate()
        text.append(flag ? "true" : "false")
        needsComma = true
    }

    /// JSON that is already JSON (an event as the transcript encodes it).
    mutating func raw(_ json: String) {
        separate()
        text.append(json)
        needsComma = true
    }

    mutating func field(_ name: String, _ string: String?) {
        key(name)
        value(string)
    }

    mutating func field(_ name: String, _ number: Int) {
        key(name)
        value(number)
    }

    mutating func field(_ name: String, _ flag: Bool) {
        key(name)
        value(flag)
    }

    private mutating func separate() {
        if needsComma { text.append(",") }
    }

    /// A JSON string: quotes, backslashes and every control character escaped; the rest as it is (UTF-8).
    static func quote(_ string: String, into text: inout String) {
        text.append("\"")
        // Most strings need no escape: one look at their bytes, then appended whole. (0xE2 starts U+2028 and
        // U+2029, and other characters of U+2000–U+2FFF, which take the careful way below.)
        let plain = string.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }
        }
        if plain == true {
            text.append(string)
            text.append("\"")
            return
        }
        var plainStart = string.unicodeScalars.startIndex
        let scalars = string.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? =
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                default: nil
                }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                text.append(escape)
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
        text.append("\"")
    }
}
