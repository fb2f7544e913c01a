/// Builds one JSON object on one line, keys in the order written.
///
/// The transcript is written by hand rather than with `JSONEncoder` so that
/// the keys keep a readable order (seq, elapsed, time, kind, …) and because
/// it runs for every event. It writes into a scratch buffer of its own
/// rather than an `Array`, which would check uniqueness and capacity on
/// every append; the line is copied into a String once at the end.
struct JSONLineWriter {
    /// Owned by ``line(capacity:_:)``, which frees it.
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// Bytes written so far.
    private var count = 0
    /// Whether the object being built has no key yet.
    private var first = true

    private init(capacity: Int) {
        buffer = .allocate(capacity: max(capacity, 16))
    }

    /// The object `build` describes, as one line; `capacity` is a guess of its length in bytes.
    static func line(capacity: Int, _ build: (inout JSONLineWriter) -> Void) -> String {
        var writer = JSONLineWriter(capacity: capacity)
        defer { writer.buffer.deallocate() }
        writer.object(build)
        return String(decoding: UnsafeBufferPointer(rebasing: writer.buffer[..<writer.count]), as: UTF8.self)
    }

    /// A JSON string literal, escaped as in a transcript line (and as `JSONEncoder` escapes).
    static func quoted(_ text: String) -> String {
        var writer = JSONLineWriter(capacity: text.utf8.count + 8)
        defer { writer.buffer.deallocate() }
        writer.appendQuoted(text)
        return String(decoding: UnsafeBufferPointer(rebasing: writer.buffer[..<writer.count]), as: UTF8.self)
    }

    mutating func key(_ key: StaticString) {
        startKey()
        write(UInt8(ascii: "\""))
        write(key)
        write(UInt8(ascii: "\""))
        write(UInt8(ascii: ":"))
    }

    /// A key that is not known at compile time (a host command's own fields).
    mutating func dynamicKey(_ key: String) {
        startKey()
        appendQuoted(key)
        write(UInt8(ascii: ":"))
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
        write(value ? "true" : "false")
    }

    /// A number of seconds with millisecond precision: `12.804`.
    mutating func seconds(_ key: StaticString, _ value: Double) {
        self.key(key)
        let millis = Int((value * 1000).rounded())
        appendDigits(millis / 1000)
        write(UInt8(ascii: "."))
        let rest = millis % 1000
        write(UInt8(ascii: "0") + UInt8(rest / 100))
        write(UInt8(ascii: "0") + UInt8(rest / 10 % 10))
        write(UInt8(ascii: "0") + UInt8(rest % 10))
    }

    mutating func strings(_ key: StaticString, _ values: some Sequence<String>) {
        self.key(key)
        write(UInt8(ascii: "["))
        var firstValue = true
        for value in values {
            if !firstValue { write(UInt8(ascii: ",")) }
            firstValue = false
            appendQuoted(value)
        }
        write(UInt8(ascii: "]"))
    }

    /// A nested object.
    mutating func object(_ key: StaticString, _ build: (inout JSONLineWriter) -> Void) {
        self.key(key)
        object(build)
    }

    /// An array of objects.
    mutating func objects<T>(_ key: StaticString, _ values: [T], _ build: (inout JSONLineWriter, T) -> Void) {
        self.key(key)
        write(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { write(UInt8(ascii: ",")) }
            object { build(&$0, value) }
        }
        write(UInt8(ascii: "]"))
    }

    // MARK: - Bytes

    /// `{`, the keys `build` writes, `}`.
    private mutating func object(_ build: (inout JSONLineWriter) -> Void) {
        let outerFirst = first
        first = true
        write(UInt8(ascii: "{"))
        build(&self)
        write(UInt8(ascii: "}"))
        first = outerFirst
    }

    private mutating func startKey() {
        if !first { write(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func write(_ byte: UInt8) {
        if count == buffer.count { grow(toHold: count + 1) }
        buffer[count] = byte
        count += 1
    }

    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if bytes.count > buffer.count - count { grow(toHold: count + bytes.count) }
        (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(toHold needed: Int) {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(buffer.count * 2, needed))
        _ = larger.initialize(fromContentsOf: buffer[..<count])
        buffer.deallocate()
        buffer = larger
    }

    private mutating func write(_ text: StaticString) {
        // String literals always have a pointer; reading it directly avoids a closure call per key.
        if text.hasPointerRepresentation {
            write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { write($0) }
        }
    }

    /// Appends a whole number in decimal without making a String.
    private mutating func appendDigits(_ value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            write(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }

    private mutating func appendQuoted(_ value: String) {
        write(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        write(UInt8(ascii: "\""))
    }

    /// The bytes of a string value with `"`, `\` and control characters
    /// escaped; runs that need no escaping are copied in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in utf8.indices where Self.needsEscape(utf8[i]) {
            write(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
            appendEscape(for: utf8[i])
            runStart = i + 1
        }
        write(UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendEscape(for byte: UInt8) {
        write(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): write(byte)
        case 0x0A: write(UInt8(ascii: "n"))
        case 0x0D: write(UInt8(ascii: "r"))
        case 0x09: write(UInt8(ascii: "t"))
        case 0x08: write(UInt8(ascii: "b"))
        case 0x0C: write(UInt8(ascii: "f"))
        default:
            write("u00")
            write(Self.hexDigit(byte >> 4))
            write(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
