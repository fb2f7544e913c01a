/// Text from a transcript made safe to show: every character that could steer
/// a terminal or hide what a line says is shown as an escape, `\u{1B}` for
/// ESC, `\u{0}` for NUL, `\u{202E}` for a right-to-left override (hexadecimal,
/// upper case, as in Swift). Those are the C0 controls but tab and newline,
/// DEL, the C1 controls (U+0080–U+009F, some terminals take U+009B as ESC [)
/// and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which make text read in another order than it is stored.
///
/// gesprek never writes them (the language refuses them in a typed line), so
/// they come only from a transcript edited by hand or by another program.
/// Every string read from a transcript goes through ``escaped(_:)`` before
/// anything shows it or styles it: exports, summaries, replay, history.
public enum VisibleText {
    /// Whether the scalar is shown escaped.
    @inline(__always)
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// The escape that stands for a hidden scalar: `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// The text with every hidden scalar (see ``isHidden(_:)``) escaped; the
    /// same text when there is none.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isHidden(scalar) { result += escape(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// The byte offset of the first hidden scalar in well-formed UTF-8, if any:
    /// a quick test on bytes, before a String is made.
    public static func firstHidden(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A { return i }
            } else if byte == 0x7F {
                return i
            } else if byte == 0xC2, i + 1 < count, (0x80...0x9F).contains(bytes[i + 1]) {
                return i
            } else if byte == 0xE2, i + 2 < count {
                // U+202A–U+202E: E2 80 AA–AE; U+2066–U+2069: E2 81 A6–A9.
                let second = bytes[i + 1], third = bytes[i + 2]
                if second == 0x80, (0xAA...0xAE).contains(third) { return i }
                if second == 0x81, (0xA6...0xA9).contains(third) { return i }
            }
            i += 1
        }
        return nil
    }
}
