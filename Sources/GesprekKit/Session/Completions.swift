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
    /// should list the candidates instead.
    public var insertion: String {
        guard let first = candidates.first else { return "" }
        if candidates.count == 1 {
            return String(first.word.dropFirst(partial.count)) + (first.endsWord ? " " : "")
        }
        var shared = first.word
        for candidate in candidates.dropFirst() {
            while !candidate.word.lowercased().hasPrefix(shared.lowercased()) { shared.removeLast() }
        }
        return shared.count > partial.count ? String(shared.dropFirst(partial.count)) : ""
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
        let matching = candidates.filter { $0.word.lowercased().hasPrefix(partial.lowercased()) }
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
            let free = Set(events.flatMap(\.tags)).subtracting([TagSet.strength, TagSet.vulnerability]).sorted()
            return tags + free.map { C(word: "#\($0)", detail: nil, endsWord: true) }
        }
        let names = network.members.map { C(word: Self.quotedIfNeeded($0.name), detail: $0.attributes.role, endsWord: true) }
        switch (previous.first, previous.count) {
        case ("score", 1):
            return Questionnaire.all.flatMap(\.items).map { C(word: $0.id, detail: $0.text, endsWord: true) }
                + Dimension.allCases.map { C(word: $0.rawValue, detail: $0.question, endsWord: true) }
        case ("score", 2):
            return Scale.range.map { C(word: String($0), detail: Scale.label(for: $0), endsWord: true) }
        case ("network", 1):
            return Parser.networkActions.map { C(word: $0, detail: nil, endsWord: true) }
        case ("network", 2) where previous[1] == "set" || previous[1] == "remove":
            return names
        case ("network", _) where previous.count >= 3 && (previous[1] == "add" || previous[1] == "set"):
            return Self.networkKeyCandidates(partial)
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

    private static func networkKeyCandidates(_ partial: String) -> [Completions.Candidate] {
        typealias C = Completions.Candidate
        guard let equals = partial.firstIndex(of: "=") else {
            return NetworkAttributes.keys.map { C(word: "\($0)=", detail: nil, endsWord: false) }
        }
        let key = partial[..<equals].lowercased()
        let values: [String] =
            switch key {
            case "influence": ["+", "-", "="]
            case "support": SupportKind.allCases.map(\.rawValue)
            case "stays", "distance": ["yes", "no"]
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
    static func wordsForCompletion(_ text: String) -> [String] {
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
