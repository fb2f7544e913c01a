/// Finds names in free text and replaces each by its label in one pass, so
/// that a label is never searched again. Names match whole words only (a
/// letter or digit on either side means it is part of another word), without
/// regard to case, longest first; spaces inside a name match any run of
/// spaces. `Marco's` and `Familie van Marco` contain `Marco`; `Marcolino` does not.
///
/// Each word of the text is looked up by itself, so the time grows with the
/// text, not with the number of names.
struct NameMatcher: Sendable {
    private struct NamePattern: Sendable {
        /// The name's characters lowercased; nil stands for a run of spaces.
        let pattern: [String?]
        let label: String
        /// Whether it ends in a letter or digit, so that the next character must not be one.
        let endsInWord: Bool
    }

    /// Names by their first word (lowercased letters and digits), longest first.
    private let byFirstWord: [String: [NamePattern]]
    /// Names that begin with something else (`'t Hart`), tried at every position.
    private let others: [NamePattern]

    /// `replacements` maps names to labels; empty names are ignored.
    init(_ replacements: [(name: String, label: String)]) {
        var byFirstWord: [String: [NamePattern]] = [:], others: [NamePattern] = []
        for (raw, label) in replacements {
            let characters = Array(raw.trimmingWhitespace())
            guard let first = characters.first, let last = characters.last else { continue }
            var pattern: [String?] = []
            for character in characters {
                if character.isWhitespace {
                    if pattern.last != .some(nil) { pattern.append(nil) }
                } else {
                    pattern.append(character.lowercased())
                }
            }
            let name = NamePattern(pattern: pattern, label: label, endsInWord: Self.isWord(last))
            if Self.isWord(first) {
                byFirstWord[String(characters.prefix(while: Self.isWord)).lowercased(), default: []].append(name)
            } else {
                others.append(name)
            }
        }
        let longestFirst = { (a: NamePattern, b: NamePattern) in a.pattern.count > b.pattern.count }
        self.byFirstWord = byFirstWord.mapValues { $0.sorted(by: longestFirst) }
        self.others = others.sorted(by: longestFirst)
    }

    /// `text` with every name replaced by its label.
    func replace(in text: String) -> String {
        guard !byFirstWord.isEmpty || !others.isEmpty, !text.isEmpty else { return text }
        let characters = Array(text)
        var result = ""
        var changed = false
        var i = 0
        while i < characters.count {
            if let (label, end) = match(characters, at: i) {
                result += Self.label(label, after: &result)
                changed = true
                i = end
                continue
            }
            // No name starts here: copy the character, or the whole word when it starts one.
            var next = i + 1
            if Self.isWord(characters[i]), others.isEmpty { while next < characters.count, Self.isWord(characters[next]) { next += 1 } }
            result.append(contentsOf: characters[i..<next])
            i = next
        }
        return changed ? result : text
    }

    /// The label to put after `before`, without repeating the role word that already stands right before the
    /// name: `buurvrouw Joke` (Joke's label `buurvrouw`) becomes `buurvrouw`, not `buurvrouw buurvrouw`; with
    /// `buurvrouw 2` it becomes `buurvrouw 2`. The word typed stays (its case too); the rest of the label follows.
    private static func label(_ label: String, after before: inout String) -> String {
        // The label's words without a number at the end: what may stand before the name already.
        var role = Substring(label)
        if let space = role.lastIndex(of: " "), space > role.startIndex, role[role.index(after: space)...].allSatisfy(\.isNumber) {
            role = role[..<space]
        }
        guard !role.isEmpty, before.last?.isWhitespace == true else { return label }
        // Only the end of the text is looked at: the spaces, the role's length and one character more.
        let spaces = before.reversed().prefix(while: \.isWhitespace).count
        let expected = Array(role.lowercased())
        let tail = Array(before.dropLast(spaces).suffix(expected.count + 1))
        let typed = tail.suffix(expected.count)
        guard typed.count == expected.count, typed.map({ $0.lowercased() }).joined() == String(expected) else { return label }
        // The role must be whole words: no letter or digit right before it (`overbuurvrouw Joke` keeps its label).
        if tail.count > expected.count, isWord(tail[0]) { return label }
        before.removeLast(spaces)
        return String(label[role.endIndex...])
    }

    /// Whether `text` holds any of the names.
    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        return characters.indices.contains { match(characters, at: $0) != nil }
    }

    /// The label and the end of the longest name that starts at `i`, if any.
    private func match(_ characters: [Character], at i: Int) -> (String, Int)? {
        var candidates = others
        if Self.isWord(characters[i]), i == 0 || !Self.isWord(characters[i - 1]) {
            var end = i
            while end < characters.count, Self.isWord(characters[end]) { end += 1 }
            if let named = byFirstWord[String(characters[i..<end]).lowercased()] { candidates = named + others }
        }
        var best: (String, Int)?
        for name in candidates {
            if let end = Self.end(of: name, in: characters, at: i), end > (best?.1 ?? i) { best = (name.label, end) }
        }
        return best
    }

    /// Where `name` ends when it stands at `start`, or nil.
    private static func end(of name: NamePattern, in characters: [Character], at start: Int) -> Int? {
        var k = start
        for element in name.pattern {
            guard k < characters.count else { return nil }
            if let expected = element {
                guard characters[k].lowercased() == expected else { return nil }
                k += 1
            } else {
                guard characters[k].isWhitespace else { return nil }
                while k < characters.count, characters[k].isWhitespace { k += 1 }
            }
        }
        if name.endsInWord, k < characters.count, isWord(characters[k]) { return nil }
        return k
    }

    private static func isWord(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {  // most text: no Unicode property lookup
            return (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A) || (ascii >= 0x30 && ascii <= 0x39) || ascii == 0x5F
        }
        return character.isLetter || character.isNumber
    }
}
