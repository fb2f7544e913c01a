/// Builds one JSON object on one line, keys in the order written.
///
/// The transcript is written by hand rather than with `JSONEncoder` so that
/// the keys keep a readable order (seq, elapsed, time, kind, …) and because
/// it runs before every prompt: it works on UTF-8 bytes and costs microseconds.
struct JSONLineWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    init() {
        bytes.reserveCapacity(256)
    }

    mutating func key(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A key that is not known at compile time (a host command's own fields).
    mutating func dynamicKey(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        appendQuoted(value)
    }

    /// A string value after a ``dynamicKey(_:)``.
    mutating func stringValue(_ value: String) {
        appendQuoted(value)
    }

    mutating func string(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) }
    }

    mutating func int(_ key: StaticString, _ value: Int) {
        self.key(key)
        appendDigits(value)
    }

    mutating func bool(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        appendRaw(value ? "true" : "false")
    }

    /// A number of seconds with millisecond precision: `12.804`.
    mutating func seconds(_ key: StaticString, _ value: Double) {
        self.key(key)
        let millis = Int((value * 1000).rounded())
        appendDigits(millis / 1000)
        bytes.append(UInt8(ascii: "."))
        let rest = millis % 1000
        bytes.append(UInt8(ascii: "0") + UInt8(rest / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(rest / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
    }

    mutating func strings(_ key: StaticString, _ values: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A nested object.
    mutating func object(_ key: StaticString, _ build: (inout JSONLineWriter) -> Void) {
        self.key(key)
        var nested = JSONLineWriter()
        build(&nested)
        nested.bytes.append(UInt8(ascii: "}"))
        bytes.append(contentsOf: nested.bytes)
    }

    /// An array of objects.
    mutating func objects<T>(_ key: StaticString, _ values: [T], _ build: (inout JSONLineWriter, T) -> Void) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var nested = JSONLineWriter()
            build(&nested, value)
            nested.bytes.append(UInt8(ascii: "}"))
            bytes.append(contentsOf: nested.bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The finished line.
    var finished: String {
        mutating get {
            bytes.append(UInt8(ascii: "}"))
            defer { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Appends a whole number in decimal without making a String.
    private mutating func appendDigits(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }

    private mutating func appendRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Copy runs that need no escaping in one go.
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
