extension Session {
    /// What the word at `offset` in `line` means, for a host's "what is this?" (a notebook's
    /// Shift-Tab): an item id gives the item's text and questionnaire, a questionnaire its items,
    /// a command (the host's too) its help, a tag its dimension's question, a network member
    /// what is known of them. `nil` when the word means nothing in particular.
    /// - Parameter offset: a position in `line`'s characters; the word touching it counts.
    public func inspection(of line: String, at offset: Int) -> String? {
        let characters = Array(line)
        guard offset >= 0, offset <= characters.count else { return nil }
        var start = offset
        var end = offset
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        while end < characters.count, !characters[end].isWhitespace { end += 1 }
        let word = String(characters[start..<end]).trimmingScalars { $0 == "\"" || $0 == "," || $0 == "." }
        guard !word.isEmpty else { return nil }
        return inspection(ofWord: word, isFirst: characters[..<start].allSatisfy(\.isWhitespace))
    }

    private func inspection(ofWord word: String, isFirst: Bool) -> String? {
        let l = language
        let lower = word.lowercased()
        if lower.hasPrefix("#") {
            let tag = String(lower.dropFirst())
            if let dimension = TagResolver.dimension(for: tag) {
                return "#\(dimension.rawValue) (#\(dimension.englishAlias)): \(dimension.question)"
            }
            if tag == TagSet.strength || tag == "strength" { return l.pick("#kracht: een kracht", "#kracht: a strength") }
            if tag == TagSet.vulnerability || tag == "vulnerability" {
                return l.pick("#kwetsbaarheid: een kwetsbaarheid", "#kwetsbaarheid: a vulnerability")
            }
            return nil
        }
        if let item = Questionnaire.item(lower), let questionnaire = Questionnaire.all.first(where: { $0.items.contains(item) }) {
            return "\(item.id): \(item.text)\n  \(questionnaire.id): \(questionnaire.title) (\(item.dimension.rawValue))"
        }
        if Questionnaire.named(lower) != nil || Parser.builtInCommands.contains(lower) || hostCommands[lower] != nil
            || (isFirst && Help.isTopic(lower, hostCommands: hostCommands))
        {
            return Help.text(topic: lower, hostCommands: hostCommands, language: l)
        }
        if let dimension = Dimension(rawValue: lower) { return "\(dimension.rawValue): \(dimension.question)" }
        if let member = network.member(named: word) {
            var alone = Network()
            alone.insert(member)
            return SummaryText.network(alone, language: l)
        }
        return nil
    }
}
