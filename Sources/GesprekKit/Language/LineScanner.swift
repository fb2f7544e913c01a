/// A word of a line: a command, a name, a `key=value` pair or a `#tag`.
/// Double quotes group words with spaces (`"Tante Fatima"`,
/// `role="beste vriendin"`); `text` holds the word without its quotes.
struct Token: Equatable {
    /// The word with quotes removed and `\"` and `\\` unescaped.
    var text: String
    /// Byte offsets of the word as typed, quotes included, in the line's UTF-8.
    var start: Int
    var end: Int
    /// Whether any part of it was quoted.
    var wasQuoted: Bool
    /// Offset in `text`'s UTF-8 of the first `=` outside quotes, for `key=value`.
    var equalsOffset: Int?

    /// `#` followed by a letter: a tag, not text.
    var isTag: Bool {
        !wasQuoted && LineScanner.isTag(text.utf8)
    }

    /// The tag's name: without its `#`, lowercased.
    var tagName: String {
        let utf8 = text.utf8
        guard let second = utf8.dropFirst().first, second < 0x80 else {
            // `#` may join a combining mark into one character; drop that as a whole.
            return String(text.dropFirst()).lowercasedIfNeeded
        }
        return String(text[utf8.index(after: utf8.startIndex)...]).lowercasedIfNeeded
    }

    /// The key and value of a `key=value` word; the key lowercased.
    var keyValue: (key: String, value: String)? {
        guard let offset = equalsOffset else { return nil }
        var text = text
        return text.withUTF8 { utf8 in
            (
                String(decoding: utf8[..<offset], as: UTF8.self).lowercasedIfNeeded,
                String(decoding: utf8[(offset + 1)...], as: UTF8.self).trimmed
            )
        }
    }
}

/// A stretch of a line in the units a person sees: 1-based column and length in characters.
struct SourceSpan: Equatable {
    var column: Int
    var length: Int
}

/// Reads one line word by word, over its UTF-8 bytes (fast; columns in
/// characters are worked out only when a message needs them). Free text is
/// never tokenised: a command takes the raw rest of the line, so a note may
/// hold any quote or `=`.
struct LineScanner {
    let bytes: [UInt8]
    let line: String
    let lineNumber: Int
    private(set) var index = 0

    init(_ line: String, lineNumber: Int) {
        self.line = line
        self.bytes = Array(line.utf8)
        self.lineNumber = lineNumber
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// Whether a word's UTF-8 is `#` followed by a letter (any script).
    static func isTag(_ word: some Collection<UInt8>) -> Bool {
        var bytes = word.makeIterator()
        guard bytes.next() == UInt8(ascii: "#"), let second = bytes.next() else { return false }
        if second < 0x80 {
            return (second >= UInt8(ascii: "a") && second <= UInt8(ascii: "z"))
                || (second >= UInt8(ascii: "A") && second <= UInt8(ascii: "Z"))
        }
        let scalars = String(decoding: word.dropFirst().prefix(4), as: UTF8.self).unicodeScalars
        return scalars.first?.properties.isAlphabetic ?? false
    }

    private func skippingSpaces(from start: Int) -> Int {
        var i = start
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
        return i
    }

    var isAtEnd: Bool { skippingSpaces(from: index) >= bytes.count }

    /// Whether the line is blank or a `//` comment.
    var isBlankOrComment: Bool {
        let first = skippingSpaces(from: 0)
        return first >= bytes.count
            || (first + 1 < bytes.count && bytes[first] == UInt8(ascii: "/") && bytes[first + 1] == UInt8(ascii: "/"))
    }

    /// The word without quotes that starts at `start`, or `nil` when a quote comes before its end.
    private func plainWord(from start: Int) -> Token? {
        var end = start
        var equals: Int?
        while end < bytes.count, !Self.isSpace(bytes[end]) {
            switch bytes[end] {
            case UInt8(ascii: "\""): return nil
            case UInt8(ascii: "=") where equals == nil: equals = end - start
            default: break
            }
            end += 1
        }
        return Token(
            text: String(decoding: bytes[start..<end], as: UTF8.self), start: start, end: end,
            wasQuoted: false, equalsOffset: equals)
    }

    /// The next word, or `nil` at the end of the line.
    /// Throws when a quote is opened and never closed.
    mutating func nextToken() throws(Diagnostic) -> Token? {
        index = skippingSpaces(from: index)
        guard index < bytes.count else { return nil }
        let start = index
        // Most words have no quotes: take them straight from the bytes.
        if let plain = plainWord(from: start) {
            index = plain.end
            return plain
        }
        var text: [UInt8] = []
        var quoted = false
        var everQuoted = false
        var quoteStart = start
        var equalsOffset: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if !quoted, Self.isSpace(byte) { break }
            if byte == UInt8(ascii: "\"") {
                if !quoted { quoteStart = index }
                quoted.toggle()
                everQuoted = true
            } else if quoted, byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
            {
                index += 1
                text.append(bytes[index])
            } else {
                if byte == UInt8(ascii: "="), !quoted, equalsOffset == nil { equalsOffset = text.count }
                text.append(byte)
            }
            index += 1
        }
        if quoted {
            throw error(.unterminatedQuote, from: quoteStart, to: bytes.count)
        }
        return Token(
            text: String(decoding: text, as: UTF8.self), start: start, end: index,
            wasQuoted: everQuoted, equalsOffset: equalsOffset)
    }

    /// Takes leading `#tags`. A word with a quote in it is never a tag.
    mutating func leadingTags() -> [Token] {
        var tags: [Token] = []
        while true {
            let next = skippingSpaces(from: index)
            guard next < bytes.count, bytes[next] == UInt8(ascii: "#"),
                let token = plainWord(from: next), token.isTag
            else { return tags }
            tags.append(token)
            index = token.end
        }
    }

    /// The rest of the line as free text, as typed, with trailing `#tags` split off.
    mutating func restAsText() -> (text: String, trailingTags: [Token]) {
        let start = skippingSpaces(from: index)
        var end = bytes.count
        var tags: [Token] = []
        // Walk back over words from the end while they are tags.
        while true {
            var wordEnd = end
            while wordEnd > start, Self.isSpace(bytes[wordEnd - 1]) { wordEnd -= 1 }
            var wordStart = wordEnd
            while wordStart > start, !Self.isSpace(bytes[wordStart - 1]) { wordStart -= 1 }
            guard wordStart < wordEnd, Self.isTag(bytes[wordStart..<wordEnd]) else { break }
            let token = Token(
                text: String(decoding: bytes[wordStart..<wordEnd], as: UTF8.self),
                start: wordStart, end: wordEnd, wasQuoted: false)
            tags.insert(token, at: 0)
            end = wordStart
        }
        index = bytes.count
        var textEnd = end
        while textEnd > start, Self.isSpace(bytes[textEnd - 1]) { textEnd -= 1 }
        return (String(decoding: bytes[start..<textEnd], as: UTF8.self), tags)
    }

    // MARK: - The line as a whole

    /// A line too long to be typed, or one holding a control character (which
    /// would not be seen, and could steer a terminal when the line is shown).
    func problemWithWholeLine() -> Diagnostic? {
        if bytes.count > Problem.longestLine {
            let length = line.count
            if length > Problem.longestLine {
                return diagnostic(.error, .lineTooLong(length: length), span: SourceSpan(column: Problem.longestLine + 1, length: 1))
            }
        }
        guard let offset = firstControlCharacter() else { return nil }
        let scalar = String(decoding: bytes[offset...].prefix(3), as: UTF8.self).unicodeScalars.first ?? "\u{0}"
        return error(.controlCharacter(scalar), from: offset, to: offset + 1)
    }

    /// The byte offset of the first C0 or C1 control character but tab, or of a
    /// bidirectional override or isolate. CR, VT and FF are refused too, though
    /// the scanner reads them as spaces: kept in the recorded line or text, they
    /// would read back escaped (the `\r` of a Windows line end is gone already).
    private func firstControlCharacter() -> Int? {
        for (i, byte) in bytes.enumerated() {
            if byte < 0x20, byte != 0x09 { return i }
            if byte == 0x7F { return i }
            // U+0080–U+009F are C2 80 – C2 9F in UTF-8.
            if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return i }
            // Bidirectional embeddings, overrides and isolates (see ``VisibleText``): E2 80 AA–AE, E2 81 A6–A9.
            if byte == 0xE2, i + 2 < bytes.count {
                let second = bytes[i + 1], third = bytes[i + 2]
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) { return i }
            }
        }
        return nil
    }

    // MARK: - Positions for messages

    /// The 1-based character column of a byte offset.
    func column(ofByte offset: Int) -> Int {
        let prefix = bytes[..<min(offset, bytes.count)]
        if prefix.allSatisfy({ $0 < 0x80 }) { return prefix.count + 1 }
        return String(decoding: prefix, as: UTF8.self).count + 1
    }

    /// The span, in characters, of a stretch of bytes.
    func span(from start: Int, to end: Int) -> SourceSpan {
        let column = column(ofByte: start)
        return SourceSpan(column: column, length: max(1, self.column(ofByte: end) - column))
    }

    func span(of token: Token) -> SourceSpan { span(from: token.start, to: token.end) }

    func location(_ column: Int) -> SourceLocation {
        SourceLocation(line: lineNumber, column: column)
    }

    func diagnostic(_ severity: Diagnostic.Severity, _ problem: Problem, span: SourceSpan) -> Diagnostic {
        Diagnostic(severity, problem, at: location(span.column), length: span.length, sourceLine: line)
    }

    /// An error at a token, underlining it.
    func error(_ problem: Problem, at token: Token) -> Diagnostic {
        diagnostic(.error, problem, span: span(of: token))
    }

    /// An error over a stretch of bytes.
    func error(_ problem: Problem, from start: Int, to end: Int) -> Diagnostic {
        diagnostic(.error, problem, span: span(from: start, to: end))
    }

    /// An error just after a token, where something is missing; kept within
    /// the line or just past its end.
    func error(_ problem: Problem, after token: Token) -> Diagnostic {
        diagnostic(.error, problem, span: SourceSpan(column: column(ofByte: min(token.end + 1, bytes.count)), length: 1))
    }

    /// An error just past the end of the line, where something is missing.
    func errorAtEnd(_ problem: Problem) -> Diagnostic {
        diagnostic(.error, problem, span: SourceSpan(column: column(ofByte: bytes.count), length: 1))
    }
}

extension String {
    /// Lowercased; without allocating when it is lowercase ASCII already, as command words are.
    var lowercasedIfNeeded: String {
        var copy = self
        let isLowercaseASCII = copy.withUTF8 { utf8 in
            !utf8.contains { $0 >= 0x80 || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
        }
        return isLowercaseASCII ? self : lowercased()
    }

    /// Without leading and trailing spaces and tabs.
    var trimmed: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last,
            LineScanner.isSpace(first) || LineScanner.isSpace(last)
        else { return self }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, LineScanner.isSpace(utf8[start]) { utf8.formIndex(after: &start) }
        while end > start, LineScanner.isSpace(utf8[utf8.index(before: end)]) { utf8.formIndex(before: &end) }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
