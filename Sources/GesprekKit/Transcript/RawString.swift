#if canImport(Glibc)
    import Glibc
#endif

/// A string value as it stands in the line: the bytes between its quotes.
struct RawString {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether it holds a backslash escape.
    let escaped: Bool
    /// Whether every byte is ASCII.
    let ascii: Bool

    /// Bytes that mean exactly what they say: no escapes, nothing to validate.
    var isPlainASCII: Bool { !escaped && ascii }

    /// Whether the bytes are exactly `name` (no escapes).
    func equals(_ name: StaticString) -> Bool {
        !escaped && bytes.count == name.utf8CodeUnitCount && bytes.elementsEqual(name)
    }

    /// The string, escapes resolved and UTF-8 checked.
    func decoded() throws -> String {
        try validate()
        return string
    }

    /// Checks the escapes and the UTF-8 without making a String, so that a bad
    /// string is refused even when nobody needs its value.
    func validate() throws {
        if escaped { try checkEscapes() }
        // Escapes are ASCII and decode to whole characters, so the string is
        // well-formed exactly when its bytes as they stand are.
        if !ascii, !Self.isValidUTF8(bytes) { throw JSONScanner.Malformed() }
    }

    /// Checks that every escape is one JSON knows, surrogates in pairs.
    private func checkEscapes() throws {
        var i = 0
        while i < bytes.count {
            guard bytes[i] == .backslash else { i += 1; continue }
            guard i + 1 < bytes.count else { throw JSONScanner.Malformed() }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case .quote, .backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                _ = try unicodeScalar(at: &i)
            default:
                throw JSONScanner.Malformed()
            }
        }
    }

    /// The string, escapes resolved; for bytes that passed ``validate()``.
    /// Characters that could steer a terminal are shown escaped (see
    /// ``VisibleText``): whatever reads a transcript shows its text safely.
    var string: String {
        // JSON forbids raw control characters in a string, so without escapes
        // plain ASCII can hide only DEL: one vectorised search instead of a look at every byte.
        if isPlainASCII {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let base = bytes.baseAddress, memchr(base, 0x7F, bytes.count) != nil else { return text }
            return VisibleText.escaped(text)
        }
        if !escaped { return Self.visible(bytes) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            let count = (try? unescape(into: scratch)) ?? 0
            return Self.visible(UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// The bytes as a String, hidden characters escaped.
    private static func visible(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return VisibleText.firstHidden(in: bytes) == nil ? text : VisibleText.escaped(text)
    }

    /// The length of the UTF-8 sequence this byte leads, and the range its second
    /// byte must fall in (Unicode table 3-7); nil for a byte that cannot lead one.
    @inline(__always)
    static func utf8Sequence(lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: nil
        }
    }

    /// Whether the bytes are well-formed UTF-8: no stray continuation bytes, no
    /// overlong forms, no surrogates, nothing past U+10FFFF (Unicode table 3-7).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < bytes.count {
            // Eight ASCII bytes at a time (an unaligned load; no top bit set means ASCII).
            if bytes.count - i >= 8, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            guard let (length, second) = Self.utf8Sequence(lead: lead) else { return false }
            guard bytes.count - i >= length, second.contains(bytes[i + 1]) else { return false }
            for j in 2..<length where bytes[i + j] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// Writes the bytes with their escapes resolved into `output`; returns how many.
    private func unescape(into output: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        var count = 0
        var i = 0
        func emit(_ byte: UInt8) {
            output[count] = byte
            count += 1
        }
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            guard byte == .backslash else { emit(byte); continue }
            guard i < bytes.count else { throw JSONScanner.Malformed() }
            let escape = bytes[i]
            i += 1
            switch escape {
            case .quote, .backslash, UInt8(ascii: "/"): emit(escape)
            case UInt8(ascii: "b"): emit(0x08)
            case UInt8(ascii: "f"): emit(0x0C)
            case UInt8(ascii: "n"): emit(0x0A)
            case UInt8(ascii: "r"): emit(0x0D)
            case UInt8(ascii: "t"): emit(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeScalar(at: &i)
                for unit in UTF8.encode(scalar)! { emit(unit) }
            default: throw JSONScanner.Malformed()
            }
        }
        return count
    }

    /// The scalar of a `\uXXXX` escape whose hex digits start at `i` (after
    /// the `u`), joining a surrogate pair `\uD83D\uDE00`; a lone surrogate is an error.
    private func unicodeScalar(at i: inout Int) throws -> Unicode.Scalar {
        let unit = try hexQuad(at: &i)
        switch unit {
        case 0xD800...0xDBFF:
            guard i + 1 < bytes.count, bytes[i] == .backslash, bytes[i + 1] == UInt8(ascii: "u") else {
                throw JSONScanner.Malformed()
            }
            i += 2
            let low = try hexQuad(at: &i)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONScanner.Malformed() }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw JSONScanner.Malformed()
        default:
            return Unicode.Scalar(unit)!
        }
    }

    private func hexQuad(at i: inout Int) throws -> UInt32 {
        guard bytes.count - i >= 4 else { throw JSONScanner.Malformed() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[i]) else { throw JSONScanner.Malformed() }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
