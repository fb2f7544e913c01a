/// A strict JSON reader over the bytes of one transcript line (RFC 8259: no
/// trailing commas, no comments, no leading zeros, no lone surrogates, valid
/// UTF-8 only). It builds no tree: the caller walks an object's members and
/// reads each value straight into its own type, or skips it.
///
/// The typed readers (``string()``, ``int()``, …) give `nil` for a value of
/// another type and skip it, as `JSONSerialization` and `as?` did before.
/// Every reader starts at the first byte of its value; ``members(_:)`` and
/// ``elements(_:)`` take care of the whitespace around values.
struct JSONScanner {
    /// The bytes are not one valid JSON value, or nest too deep.
    struct Malformed: Error {}

    /// Deeper nesting is refused rather than risking the stack (a transcript nests three deep).
    static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Skips a UTF-8 byte order mark at the very start, as a text editor may write one.
    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Only whitespace may follow the value just read.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard position == bytes.count else { throw Malformed() }
    }

    // MARK: - Objects and arrays

    /// Reads the object that starts here into `fields`, a key at a time.
    mutating func readObject<Fields: JSONObjectFields & ~Copyable>(into fields: inout Fields) throws {
        try members(into: &fields) { fields, json, key in try fields.read(key, from: &json) }
    }

    /// Calls `body` with each key of the object that starts here (its bytes,
    /// unescaped); `body` must read or skip the key's value.
    mutating func members(_ body: (inout JSONScanner, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var nothing: Void = ()
        try members(into: &nothing) { _, json, key in try body(&json, key) }
    }

    /// ``members(_:)`` with `state` handed to `body` rather than captured by
    /// it, so that the caller's variable is not copied.
    private mutating func members<State: ~Copyable>(
        into state: inout State, _ body: (inout State, inout JSONScanner, UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        skipWhitespace()
        try consume(.openBrace)
        try descend()
        skipWhitespace()
        if current == .closeBrace {
            position += 1
        } else {
            repeat {
                skipWhitespace()
                let key = try rawString()
                skipWhitespace()
                try consume(.colon)
                skipWhitespace()
                if key.isPlainASCII {
                    try body(&state, &self, key.bytes)
                } else {
                    var name = try key.decoded()
                    try name.withUTF8 { try body(&state, &self, $0) }
                }
                skipWhitespace()
            } while try continues(until: .closeBrace)
        }
        depth -= 1
    }

    /// Calls `body` for each element of the array that starts here; `body` must read or skip it.
    mutating func elements(_ body: (inout JSONScanner) throws -> Void) throws {
        try consume(.openBracket)
        try descend()
        skipWhitespace()
        if current == .closeBracket {
            position += 1
        } else {
            repeat {
                skipWhitespace()
                try body(&self)
                skipWhitespace()
            } while try continues(until: .closeBracket)
        }
        depth -= 1
    }

    /// Whether the value here is an object.
    var isAtObject: Bool { current == .openBrace }

    /// Whether the value here is an array.
    var isAtArray: Bool { current == .openBracket }

    // MARK: - Typed values

    /// A string; nil (the value skipped) for anything else.
    mutating func string() throws -> String? {
        guard current == .quote else { try skipValue(); return nil }
        return try rawString().decoded()
    }

    /// A string as it stands in the line, for matching against names without making a String.
    mutating func rawStringValue() throws -> RawString? {
        guard current == .quote else { try skipValue(); return nil }
        return try rawString()
    }

    /// A string, checked but not yet made into a String (see ``RawString/string``);
    /// nil (the value skipped) for anything else.
    mutating func checkedString() throws -> RawString? {
        guard current == .quote else { try skipValue(); return nil }
        let raw = try rawString()
        try raw.validate()
        return raw
    }

    /// A whole number: an integer, a number with an integral value (`3.0`), or a boolean as 0 or 1.
    mutating func int() throws -> Int? {
        switch try scalar() {
        case let .number(number): number.exactInt
        case let .bool(value): value ? 1 : 0
        case nil: nil
        }
    }

    /// Any number, or a boolean as 0 or 1.
    mutating func double() throws -> Double? {
        switch try scalar() {
        case let .number(number): number.double
        case let .bool(value): value ? 1 : 0
        case nil: nil
        }
    }

    /// `true` or `false`, or the numbers 1 and 0.
    mutating func bool() throws -> Bool? {
        switch try scalar() {
        case let .number(number): number.exactInt.flatMap { $0 == 0 ? false : $0 == 1 ? true : nil }
        case let .bool(value): value
        case nil: nil
        }
    }

    /// An array of strings, each turned into a `T` by `transform` (nil leaves it
    /// out); nil when the value is not an array or holds anything but strings.
    mutating func strings<T>(_ transform: (RawString) throws -> T?) throws -> [T]? {
        var values: [T] = []
        let onlyStrings = try eachString { raw in
            if let value = try transform(raw) { values.append(value) }
        }
        return onlyStrings ? values : nil
    }

    /// Calls `body` with each string of the array here; false when the value
    /// is not an array of strings only (then it is skipped to its end).
    mutating func eachString(_ body: (RawString) throws -> Void) throws -> Bool {
        guard current == .openBracket else { try skipValue(); return false }
        var onlyStrings = true
        try elements { json in
            if let raw = try json.rawStringValue() {
                try body(raw)
            } else {
                onlyStrings = false
            }
        }
        return onlyStrings
    }

    /// An object whose values are all strings; nil for anything else. A repeated key keeps its last value.
    mutating func stringDictionary() throws -> [String: String]? {
        guard current == .openBrace else { try skipValue(); return nil }
        var dictionary: [String: String]? = [:]
        try members { json, key in
            if let value = try json.string() {
                dictionary?[String(decoding: key, as: UTF8.self)] = value
            } else {
                dictionary = nil
            }
        }
        return dictionary
    }

    /// Reads past one value of any kind, checking it all the same.
    mutating func skipValue() throws {
        switch current {
        case .quote: try rawString().validate()
        case .openBrace: try members { json, _ in try json.skipValue() }
        case .openBracket: try elements { try $0.skipValue() }
        default: _ = try scalar()
        }
    }

    // MARK: - Scalars

    private enum Scalar {
        case number(Number)
        case bool(Bool)
    }

    /// A number or boolean here; nil (the value skipped) for a string, null, object or array.
    private mutating func scalar() throws -> Scalar? {
        switch current {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return nil
        case .quote, .openBrace, .openBracket: try skipValue(); return nil
        default: throw Malformed()
        }
    }

    /// A JSON number, as an integer when it is written as one and fits.
    enum Number: Equatable {
        case int(Int)
        case double(Double)

        var double: Double {
            switch self {
            case let .int(value): Double(value)
            case let .double(value): value
            }
        }

        var exactInt: Int? {
            switch self {
            case let .int(value): value
            case let .double(value): Int(exactly: value)
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func number() throws -> Number {
        let start = position
        let negative = current == UInt8(ascii: "-")
        if negative { position += 1 }
        // All digits, integer and fraction, as one whole number.
        var magnitude: UInt64 = 0
        var overflow = false
        guard Self.isDigit(current) else { throw Malformed() }
        if current == UInt8(ascii: "0") {
            position += 1
            guard !Self.isDigit(current) else { throw Malformed() }
        } else {
            accumulateDigits(into: &magnitude, overflow: &overflow)
        }
        var fractionDigits = 0
        if current == UInt8(ascii: ".") {
            position += 1
            guard Self.isDigit(current) else { throw Malformed() }
            let before = position
            accumulateDigits(into: &magnitude, overflow: &overflow)
            fractionDigits = position - before
        }
        var exponent = 0
        var hasExponent = false
        if current | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            position += 1
            let exponentNegative = current == UInt8(ascii: "-")
            if exponentNegative || current == UInt8(ascii: "+") { position += 1 }
            guard Self.isDigit(current) else { throw Malformed() }
            while Self.isDigit(current) {
                // Past a few digits the value is 0 or infinite anyway; stop counting before overflowing.
                if exponent < 100_000 { exponent = exponent * 10 + Int(current - UInt8(ascii: "0")) }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        if fractionDigits == 0, !hasExponent, !overflow {
            if !negative, magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
            if negative, magnitude <= UInt64(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- magnitude)) }
        }
        if !overflow, let exact = Self.exactDouble(magnitude, exponent: exponent - fractionDigits) {
            return .double(negative ? -exact : exact)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Malformed() }
        return .double(value)
    }

    private mutating func accumulateDigits(into magnitude: inout UInt64, overflow: inout Bool) {
        while Self.isDigit(current) {
            let digit = UInt64(current - UInt8(ascii: "0"))
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            if o1 || o2 { overflow = true } else { magnitude = sum }
            position += 1
        }
    }

    /// The value `magnitude × 10^exponent` when both parts are exact in a
    /// Double, so that one multiplication or division rounds it correctly
    /// (Clinger's fast path); nil when a full conversion is needed.
    private static func exactDouble(_ magnitude: UInt64, exponent: Int) -> Double? {
        guard magnitude < 1 << 53, (-22...22).contains(exponent) else { return nil }
        let scale = powersOfTen[abs(exponent)]
        return exponent < 0 ? Double(magnitude) / scale : Double(magnitude) * scale
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw Malformed() }
        for i in 0..<count where bytes[position + i] != word.utf8Start[i] { throw Malformed() }
        position += count
    }

    // MARK: - Strings

    /// The bytes between a string's quotes, not yet unescaped.
    @inline(__always)
    mutating func rawString() throws -> RawString {
        try consume(.quote)
        let start = position
        var escaped = false
        var ascii = true
        while true {
            skipPlainBytes()
            guard position < bytes.count else { throw Malformed() }
            let byte = bytes[position]
            if byte == .quote { break }
            if byte == .backslash {
                // The escape itself is checked when the string is decoded; here only its end matters.
                escaped = true
                position += 2
                continue
            }
            guard byte >= 0x20 else { throw Malformed() }
            if byte >= 0x80 { ascii = false }
            position += 1
        }
        let raw = RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<position]), escaped: escaped, ascii: ascii)
        position += 1
        return raw
    }

    /// Moves past the bytes of a string that need no attention (printable
    /// ASCII other than `"` and `\\`), eight at a time, up to the first one that does.
    private mutating func skipPlainBytes() {
        guard let base = bytes.baseAddress else { return }
        position = Self.pastPlainBytes(base, from: position, limit: bytes.count)
    }

    /// Where the bytes from `position` stop needing no attention (see ``specialBytes(_:)``),
    /// looking eight at a time while a whole word fits before `limit`.
    static func pastPlainBytes(_ base: UnsafePointer<UInt8>, from position: Int, limit: Int) -> Int {
        var position = position
        while limit - position >= 8 {
            // An unaligned load; little-endian, so the first byte in memory is the lowest in the word.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let special = specialBytes(word)
            if special != 0 { return position + special.trailingZeroBitCount / 8 }
            position += 8
        }
        return position
    }

    /// The top bit of each byte of `word` that is `"`, `\\`, a control
    /// character or not ASCII. For an ASCII byte `b`, `b - n` sets its top bit
    /// only when `b < n`, so `(b ^ c) - 1` does only when `b == c`; a top bit
    /// already set means not ASCII. A borrow can mark a byte above a special
    /// one too, so only the lowest mark is exact: the first special byte.
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* UInt64(UInt8.quote))
        let backslashes = word ^ (ones &* UInt64(UInt8.backslash))
        let controls = word &- ones &* 0x20
        return (word | (quotes &- ones) | (backslashes &- ones) | controls) & (ones &* 0x80)
    }

    // MARK: - Bytes

    /// The byte here, or 0 past the end (0 is never valid outside a string, nor raw inside one).
    private var current: UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    private mutating func consume(_ byte: UInt8) throws {
        guard current == byte else { throw Malformed() }
        position += 1
    }

    /// After a member or element: true at a comma, false at the closing bracket.
    private mutating func continues(until closing: UInt8) throws -> Bool {
        let byte = current
        position += 1
        if byte == .comma { return true }
        if byte == closing { return false }
        throw Malformed()
    }

    private mutating func descend() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Malformed() }
    }

    private mutating func skipWhitespace() {
        // Transcripts have none: the first test fails on any byte above a space.
        while position < bytes.count, bytes[position] <= 0x20, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}

/// A type that an object is read into, one key at a time.
protocol JSONObjectFields: ~Copyable {
    /// Reads the value of `key` (its bytes, unescaped), or skips it.
    mutating func read(_ key: UnsafeBufferPointer<UInt8>, from json: inout JSONScanner) throws
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are exactly `name`.
    @inline(__always)
    func elementsEqual(_ name: StaticString) -> Bool {
        guard count == name.utf8CodeUnitCount else { return false }
        let other = name.utf8Start
        for i in 0..<count where self[i] != other[i] { return false }
        return true
    }
}

/// The JSON punctuation, shared by the scanner and `RawString`.
extension UInt8 {
    static var quote: UInt8 { UInt8(ascii: "\"") }
    static var backslash: UInt8 { UInt8(ascii: "\\") }
    static var openBrace: UInt8 { UInt8(ascii: "{") }
    static var closeBrace: UInt8 { UInt8(ascii: "}") }
    static var openBracket: UInt8 { UInt8(ascii: "[") }
    static var closeBracket: UInt8 { UInt8(ascii: "]") }
    static var colon: UInt8 { UInt8(ascii: ":") }
    static var comma: UInt8 { UInt8(ascii: ",") }
}
