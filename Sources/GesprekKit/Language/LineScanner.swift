/// A word of a line: a command, a name, a `key=value` pair or a `#tag`.
/// Double quotes group words with spaces (`"Tante Fatima"`,
/// `role="beste vriendin"`); `text` holds the word without its quotes.
struct Token: Equatable {
    /// The word with quotes removed and `\"` and `\\` unescaped.
    var text: String
    /// 1-based column of the first character as typed.
    var column: Int
    /// How many characters it takes as typed, quotes included.
    var length: Int
    /// Whether any part of it was quoted.
    var wasQuoted: Bool
    /// Offset in `text` of the first `=` outside quotes, for `key=value`.
    var equalsOffset: Int?

    /// `#` followed by a letter: a tag, not text.
    var isTag: Bool {
        guard !wasQuoted, text.first == "#", let second = text.dropFirst().first else { return false }
        return second.isLetter
    }
}

/// Reads one line word by word. Free text is never tokenised: a command
/// takes the raw rest of the line, so a note may hold any quote or `=`.
struct LineScanner {
    let characters: [Character]
    let line: String
    let lineNumber: Int
    private(set) var index = 0

    init(_ line: String, lineNumber: Int) {
        self.line = line
        self.characters = Array(line)
        self.lineNumber = lineNumber
    }

    var isAtEnd: Bool {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        return i >= characters.count
    }

    /// 1-based column of the next word, or just past the end.
    var nextColumn: Int {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        return i + 1
    }

    /// The next word, or `nil` at the end of the line.
    /// Throws when a quote is opened and never closed.
    mutating func nextToken() throws(Diagnostic) -> Token? {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return nil }
        let start = index
        var text = ""
        var quoted = false
        var everQuoted = false
        var quoteStart = start
        var equalsOffset: Int?
        var length = 0
        while index < characters.count {
            let c = characters[index]
            if !quoted, c.isWhitespace { break }
            if c == "\"" {
                if !quoted { quoteStart = index }
                quoted.toggle()
                everQuoted = true
            } else if quoted, c == "\\", index + 1 < characters.count,
                      characters[index + 1] == "\"" || characters[index + 1] == "\\" {
                index += 1
                text.append(characters[index])
                length += 1
            } else {
                if c == "=", !quoted, equalsOffset == nil { equalsOffset = length }
                text.append(c)
                length += 1
            }
            index += 1
        }
        if quoted {
            throw Diagnostic(.error, .unterminatedQuote, at: location(quoteStart + 1),
                             length: characters.count - quoteStart, sourceLine: line)
        }
        return Token(text: text, column: start + 1, length: index - start, wasQuoted: everQuoted, equalsOffset: equalsOffset)
    }

    /// The next word without consuming it.
    func peekToken() -> Token? {
        var copy = self
        return try? copy.nextToken()
    }

    /// Takes leading `#tags`.
    mutating func leadingTags() -> [Token] {
        var tags: [Token] = []
        while let token = peekToken(), token.isTag {
            tags.append(token)
            _ = try? nextToken()
        }
        return tags
    }

    /// The rest of the line as free text, as typed, with trailing `#tags`
    /// split off. Returns the text, its column, and the trailing tags.
    mutating func restAsText() -> (text: String, column: Int, trailingTags: [Token]) {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let start = index
        var end = characters.count
        var tags: [Token] = []
        // Walk back over words from the end while they are tags.
        while true {
            var wordEnd = end
            while wordEnd > start, characters[wordEnd - 1].isWhitespace { wordEnd -= 1 }
            var wordStart = wordEnd
            while wordStart > start, !characters[wordStart - 1].isWhitespace { wordStart -= 1 }
            guard wordStart < wordEnd else { break }
            let word = String(characters[wordStart..<wordEnd])
            let token = Token(text: word, column: wordStart + 1, length: wordEnd - wordStart, wasQuoted: false)
            guard token.isTag else { break }
            tags.insert(token, at: 0)
            end = wordStart
        }
        index = characters.count
        var textEnd = end
        while textEnd > start, characters[textEnd - 1].isWhitespace { textEnd -= 1 }
        return (String(characters[start..<textEnd]), start + 1, tags)
    }

    func location(_ column: Int) -> SourceLocation {
        SourceLocation(line: lineNumber, column: column)
    }

    /// An error at a token, underlining it.
    func error(_ problem: Problem, at token: Token) -> Diagnostic {
        Diagnostic(.error, problem, at: location(token.column), length: token.length, sourceLine: line)
    }

    /// An error at a column, e.g. just past the end where something is missing.
    /// The column is kept within the line, or just past its end.
    func error(_ problem: Problem, column: Int, length: Int = 1) -> Diagnostic {
        Diagnostic(.error, problem, at: location(min(column, characters.count + 1)), length: length, sourceLine: line)
    }
}
