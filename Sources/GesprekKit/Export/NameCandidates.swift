/// Words in free text that look like names the transcript never declared:
/// capitalised in the middle of a sentence (Dutch capitalises little else),
/// such as a child who is mentioned but neither takes part nor is in the
/// network. The anonymizer cannot know them; a person should look.
enum NameCandidates {
    private static let opening: Set<Character> = ["„", "“", "\"", "'", "‘", "(", "[", "«", "‹", "-", "–", "—"]
    private static let sentenceEnd: Set<Character> = [".", "?", "!", ":", "…"]

    /// Each candidate once, in the order first seen; words in `ignoring` (lowercased) are left out.
    static func find(in texts: [String], ignoring: Set<String>) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        for text in texts {
            var sentenceStart = true
            for token in text.split(whereSeparator: \.isWhitespace) {
                let word = token.drop { opening.contains($0) }
                var core = String(word.prefix { $0.isLetter || $0 == "-" })
                while core.hasSuffix("-") { core.removeLast() }
                if !sentenceStart, core.count >= 2, core.first!.isUppercase, core.contains(where: \.isLowercase),
                    !ignoring.contains(core.lowercased()), !seen.contains(core)
                {
                    seen.insert(core)
                    found.append(core)
                }
                let trailing = token.reversed().drop { [")", "]", "”", "\"", "'", "’", "»"].contains($0) }
                sentenceStart = trailing.first.map { sentenceEnd.contains($0) } ?? false
            }
        }
        return found
    }
}

extension Anonymizer {
    /// Words in the free text of an anonymized `transcript` that look like
    /// names nobody declared (`Ilias` in "Ilias slaapt slecht" when Ilias is
    /// neither a participant nor in the network). They are not replaced; show
    /// them so that a person can check the export before sharing it.
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
        let labels = Set(replacements.flatMap { $0.label.lowercased().split(separator: " ").map(String.init) })
        return NameCandidates.find(in: texts, ignoring: labels)
    }
}
