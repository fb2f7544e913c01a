/// What can be typed at the cursor: the partial word and the words that
/// complete it, for Tab in the REPL or a host's own input field.
public struct Completions: Sendable, Equatable {
    /// One way to complete the word.
    public struct Candidate: Sendable, Equatable {
        /// The whole word: `gezin.s1`, `#sociaal`, `"Tante Fatima"`, `role=`.
        public var word: String
        /// What it means, for a listing: an item's text, a command's purpose.
        public var detail: String?
        /// Whether a space should follow (not after `role=`).
        public var endsWord: Bool
    }

    /// The part of the word already typed.
    public var partial: String
    /// The candidates that start with it.
    public var candidates: [Candidate]

    /// What to insert at the cursor: the rest of the only candidate (with a
    /// space), or the longer prefix all candidates share; empty when Tab
    /// should list the candidates instead, or when the completion has to
    /// change what was typed (a name with a space, typed without its quote:
    /// see ``replacement``).
    public var insertion: String {
        let edit = replacement
        return edit.removing == 0 ? edit.inserting : ""
    }

    /// What Tab does: take back `removing` characters before the cursor (the
    /// partial word, when a quote has to go before it), then insert
    /// `inserting`. `Tan` with `"Tante Ilse"` gives (3, `"Tante Ilse" `);
    /// `#kw` gives (0, `etsbaarheid `). Nothing to do when `inserting` is empty.
    public var replacement: (removing: Int, inserting: String) {
        guard let first = candidates.first else { return (0, "") }
        // A quoted candidate for an unquoted partial: the whole word replaces what was typed.
        let requoting = !partial.hasPrefix("\"") && candidates.contains { $0.word.hasPrefix("\"") }
        let typed = requoting ? 0 : partial.count
        var shared = first.word
        if candidates.count == 1 {
            shared += first.endsWord ? " " : ""
        } else {
            for candidate in candidates.dropFirst() {
                while !candidate.word.lowercased().hasPrefix(shared.lowercased()) { shared.removeLast() }
            }
            // Only a longer prefix is worth an edit; otherwise Tab lists.
            let sharedLength = shared.hasPrefix("\"") && requoting ? shared.count - 1 : shared.count
            if sharedLength <= partial.count { return (0, "") }
        }
        if requoting { return (partial.unicodeScalars.count, shared) }
        return (0, String(shared.dropFirst(typed)))
    }

    /// Whether a candidate completes the partial word: by its start, or, for a
    /// name in quotes, by its start inside the quote (`Tan` for `"Tante Ilse"`).
    static func matches(_ word: String, partial: String) -> Bool {
        let word = word.lowercased(), partial = partial.lowercased()
        if word.hasPrefix(partial) { return true }
        return word.hasPrefix("\"") && !partial.hasPrefix("\"") && word.dropFirst().hasPrefix(partial)
    }
}

extension Session {
    /// The completions for the word before the cursor, given the line up to the cursor.
    /// `extraCommands` are commands the front end handles itself (such as `load`).
    public func completions(before text: String, extraCommands: [String] = []) -> Completions {
        let words = Self.wordsForCompletion(text)
        let partial = words.last ?? ""
        let previous = Array(words.dropLast())
        let candidates = candidates(partial: partial, previous: previous.map { $0.lowercased() }, extraCommands: extraCommands)
        let matching = candidates.filter { Completions.matches($0.word, partial: partial) }
        return Completions(partial: partial, candidates: matching)
    }

    private func candidates(partial: String, previous: [String], extraCommands: [String]) -> [Completions.Candidate] {
        typealias C = Completions.Candidate
        let l = language
        if previous.isEmpty {
            let help = Dictionary(uniqueKeysWithValues: Help.entries(l).map { ($0.name, $0.summary) })
            return (Parser.builtInCommands + hostCommands.keys.sorted() + extraCommands)
                .map { C(word: $0, detail: help[$0] ?? hostCommands[$0]?.help, endsWord: true) }
        }
        if partial.hasPrefix("#") {
            let tags =
                Dimension.allCases.map { C(word: "#\($0.rawValue)", detail: $0.question, endsWord: true) }
                + [
                    C(word: "#kracht", detail: l.pick("een kracht", "a strength"), endsWord: true),
                    C(word: "#kwetsbaarheid", detail: l.pick("een kwetsbaarheid", "a vulnerability"), endsWord: true),
                ]
            return tags + completableFreeTags.map { C(word: "#\($0)", detail: nil, endsWord: true) }
        }
        let names = network.members.map { C(word: Self.quotedIfNeeded($0.name), detail: $0.attributes.role, endsWord: true) }
        switch (previous.first, previous.count) {
        case ("score", 1):
            return Questionnaire.all.flatMap(\.items).map { C(word: $0.id, detail: $0.text, endsWord: true) }
                + Dimension.allCases.map { C(word: $0.rawValue, detail: $0.question, endsWord: true) }
        case ("score", 2):
            return Scale.range.map { C(word: String($0), detail: Scale.label(for: $0, language: l), endsWord: true) }
        case ("network", 1):
            return Parser.networkActions.map { C(word: $0, detail: nil, endsWord: true) }
        case ("network", 2) where previous[1] == "set" || previous[1] == "remove":
            return names
        case ("network", _) where previous.count >= 3 && (previous[1] == "add" || previous[1] == "set"):
            return Self.networkKeyCandidates(partial, language: l)
        case ("say", 1):
            let people = state.details.participants.map { C(word: Self.quotedIfNeeded($0.name), detail: $0.role, endsWord: true) }
            return people + names.filter { name in !people.contains { $0.word.lowercased() == name.word.lowercased() } }
        case ("help", 1):
            return (Parser.builtInCommands + Help.extraTopics + Questionnaire.all.map(\.id) + hostCommands.keys.sorted())
                .map { C(word: $0, detail: nil, endsWord: true) }
        default:
            return []
        }
    }

    private static func networkKeyCandidates(_ partial: String, language: DisplayLanguage) -> [Completions.Candidate] {
        typealias C = Completions.Candidate
        guard let equals = partial.firstIndex(of: "=") else {
            return NetworkAttributes.keys.map { C(word: "\($0)=", detail: nil, endsWord: false) }
        }
        let key = partial[..<equals].lowercased()
        let values: [String] =
            switch key {
            case "influence": ["+", "-", "="]
            case "support": SupportKind.allCases.map(\.rawValue)
            // ja/nee are taken as well; in Dutch they come first.
            case "stays", "distance": language == .nl ? ["ja", "nee", "yes", "no"] : ["yes", "no"]
            case "contact": ContactFrequency.allCases.map(\.rawValue)
            default: []
            }
        // support= takes a comma list: complete its last part.
        let typed = partial[partial.index(after: equals)...]
        let head = key == "support" ? String(typed[..<(typed.lastIndex(of: ",").map { typed.index(after: $0) } ?? typed.startIndex)]) : ""
        return values.map { C(word: "\(key)=\(head)\($0)", detail: nil, endsWord: key != "support") }
    }

    static func quotedIfNeeded(_ name: String) -> String {
        name.contains(where: \.isWhitespace) ? "\"\(name)\"" : name
    }

    /// Words as typed, an open quote kept with its word; an empty last word when the text ends in a space.
    package static func wordsForCompletion(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character.isWhitespace, !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        words.append(current)
        return words
    }
}
