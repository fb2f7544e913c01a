/// Words in free text that look like names the transcript never declared:
/// capitalised in the middle of a sentence (Dutch capitalises little else),
/// such as a child who is mentioned but neither takes part nor is in the
/// network, or a place. The anonymizer replaces them too (`naam 1`), unless
/// the user keeps them; a word at the start of a sentence is not one.
enum NameCandidates {
    private static let opening: Set<Character> = ["„", "“", "\"", "'", "‘", "(", "[", "«", "‹", "-", "–", "—"]
    private static let sentenceEnd: Set<Character> = [".", "?", "!", ":", "…"]

    /// Each candidate once, in the order first seen; words in `ignoring` (lowercased) are left out.
    /// In `nameFields` (fields that hold a name) every capitalised word counts, at the start too.
    static func find(in texts: [String], nameFields: [String] = [], ignoring: Set<String>) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        func scan(_ text: String, everyWord: Bool) {
            var sentenceStart = !everyWord
            for token in text.split(whereSeparator: \.isWhitespace) {
                let word = token.drop { opening.contains($0) }
                // `Jan-Willem`, `bezoek-Zoetermeer`: each part on its own.
                for part in word.prefix(while: { $0.isLetter || $0 == "-" }).split(separator: "-") {
                    let core = String(part)
                    if !sentenceStart, core.count >= 2, core.first!.isUppercase, core.contains(where: \.isLowercase),
                        !seen.contains(core), !ignoring.contains(core.lowercased())
                    {
                        seen.insert(core)
                        found.append(core)
                    }
                }
                let trailing = token.reversed().drop { [")", "]", "”", "\"", "'", "’", "»"].contains($0) }
                sentenceStart = !everyWord && (trailing.first.map { sentenceEnd.contains($0) } ?? false)
            }
        }
        for text in texts { scan(text, everyWord: false) }
        for field in nameFields { scan(field, everyWord: true) }
        return found
    }
}

extension Anonymizer {
    /// Words in the free text of an anonymized `transcript` that still look
    /// like names: the words kept on purpose, and any the detector missed
    /// when this anonymizer was made for other events. Show them so that a
    /// person can check the export before sharing it.
    public func possibleNames(in transcript: Transcript) -> [String] {
        var texts: [String] = []
        for event in transcript.events {
            switch event.body {
            case let .ask(t), let .note(t), let .say(_, t), let .mark(t): texts.append(t)
            case let .score(_, _, t): if let t { texts.append(t) }
            case let .host(_, t, fields): texts += [t] + fields.values.sorted()
            default: break
            }
        }
        for reflection in transcript.reflections { texts += [reflection.text] + [reflection.marker].compactMap { $0 } }
        let labels = Set(replacements.flatMap { $0.label.lowercased().split(separator: " ").map(String.init) })
        return NameCandidates.find(in: texts, ignoring: labels)
    }
}
