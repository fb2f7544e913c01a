/// Builds one JSON object on one line, keys in the order written.
///
/// The transcript is written by hand rather than with `JSONEncoder` so that
/// the keys keep a readable order (seq, elapsed, time, kind, …) and because
/// it runs before every prompt: it must cost microseconds.
struct JSONLineWriter {
    private(set) var text = "{"
    private var first = true

    mutating func key(_ key: String) {
        if !first { text += "," }
        first = false
        text += "\""
        text += key
        text += "\":"
    }

    mutating func string(_ key: String, _ value: String) {
        self.key(key)
        Self.appendQuoted(value, to: &text)
    }

    mutating func string(_ key: String, _ value: String?) {
        if let value { string(key, value) }
    }

    mutating func int(_ key: String, _ value: Int) {
        self.key(key)
        text += String(value)
    }

    mutating func bool(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        text += value ? "true" : "false"
    }

    /// A number of seconds with millisecond precision: `12.804`.
    mutating func seconds(_ key: String, _ value: Double) {
        self.key(key)
        let millis = Int((value * 1000).rounded())
        let rest = String(millis % 1000)
        text += "\(millis / 1000)." + String(repeating: "0", count: 3 - rest.count) + rest
    }

    mutating func strings(_ key: String, _ values: [String]) {
        self.key(key)
        text += "["
        for (i, value) in values.enumerated() {
            if i > 0 { text += "," }
            Self.appendQuoted(value, to: &text)
        }
        text += "]"
    }

    /// A nested object.
    mutating func object(_ key: String, _ build: (inout JSONLineWriter) -> Void) {
        self.key(key)
        var nested = JSONLineWriter()
        build(&nested)
        text += nested.finished
    }

    var finished: String { text + "}" }

    /// Appends already-encoded JSON after a key.
    mutating func appendRaw(_ json: String) { text += json }

    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        var plainStart = value.utf8.startIndex
        let utf8 = value.utf8
        var i = utf8.startIndex
        // Copy runs that need no escaping in one go.
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                text += String(value[plainStart..<i])
                switch byte {
                case UInt8(ascii: "\""): text += "\\\""
                case UInt8(ascii: "\\"): text += "\\\\"
                case 0x0A: text += "\\n"
                case 0x0D: text += "\\r"
                case 0x09: text += "\\t"
                default:
                    let hex = String(byte, radix: 16)
                    text += "\\u00" + (hex.count == 1 ? "0" : "") + hex
                }
                plainStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        text += String(value[plainStart..<utf8.endIndex])
        text += "\""
    }
}
