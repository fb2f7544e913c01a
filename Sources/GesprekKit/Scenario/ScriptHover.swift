extension ScriptOutline {
    /// What an editor shows when the pointer rests on a word, as Markdown: an
    /// item's text, questionnaire and section; what the handreiking says of a
    /// dimension; a score's label on the scale; what is known of a person at
    /// that line; a part's first lines. `nil` when there is nothing to say.
    public func hover(line: Int, column: Int, language l: DisplayLanguage) -> (text: String, span: Span)? {
        if let occurrence = occurrence(line: line, column: column) {
            switch occurrence.kind {
            case .label: return partHover(occurrence, l).map { ($0, occurrence.span) }
            case .name: return (personHover(occurrence, at: line, l), occurrence.span)
            case .counter: return counterHover(occurrence, l).map { ($0, occurrence.span) }
            }
        }
        guard let token = word(line: line, column: column) else { return nil }
        let word = Self.text(of: token.span, in: lines[line - 1])
        switch token.kind {
        case .item:
            if let dimension = Dimension(rawValue: word.lowercased()) { return (Self.dimensionHover(dimension, l), token.span) }
            guard let text = Self.itemHover(word.lowercased(), l) else { return nil }
            return (text, token.span)
        case .tag:
            guard let dimension = TagResolver.dimension(for: String(word.dropFirst())) else {
                switch String(word.dropFirst()).lowercased() {
                case "kracht", "strength":
                    return (l.pick("**#kracht**: een kracht van het gezin", "**#kracht**: a strength of the family"), token.span)
                case "kwetsbaarheid", "vulnerability":
                    return (l.pick("**#kwetsbaarheid**: een kwetsbaarheid", "**#kwetsbaarheid**: a vulnerability"), token.span)
                default: return (l.pick("**\(word)**: een vrije tag", "**\(word)**: a free tag"), token.span)
                }
            }
            return (Self.dimensionHover(dimension, l), token.span)
        case .number:
            guard let value = Int(word), let label = Scale.label(for: value), isScore(line: line) else { return nil }
            return ("**\(value)**: \(label) (\(l.pick("schaal", "scale")) \(Scale.legend))", token.span)
        default:
            return nil
        }
    }

    /// The characters of a span.
    static func text(of span: Span, in line: String) -> String {
        String(line.dropFirst(span.column - 1).prefix(span.length))
    }

    private func isScore(line: Int) -> Bool {
        words.contains { $0.span.line == line && $0.kind == .item }
    }

    static func itemHover(_ id: String, _ l: DisplayLanguage) -> String? {
        for questionnaire in Questionnaire.all {
            for section in questionnaire.sections {
                if let item = section.items.first(where: { $0.id == id }) {
                    return """
                        **\(item.id)**: \(item.text)

                        \(l.pick("Vragenlijst", "Questionnaire")): \(questionnaire.id), *\(questionnaire.title)*  
                        \(l.pick("Onderdeel", "Section")): \(section.title)
                        """
                }
            }
        }
        return nil
    }

    static func dimensionHover(_ dimension: Dimension, _ l: DisplayLanguage) -> String {
        let sections = Questionnaire.all.flatMap { q in q.sections.filter { $0.dimension == dimension }.map { (q, $0) } }
        var text = "**#\(dimension.rawValue)** (#\(dimension.englishAlias)): \(dimension.question)"
        if !sections.isEmpty {
            text += "\n\n" + l.pick("In de handreiking:", "In the handreiking:")
            for (questionnaire, section) in sections {
                text += "\n- \(questionnaire.id): \(section.title) (\(section.items.map(\.id).joined(separator: ", ")))"
            }
        }
        return text
    }

    private func partHover(_ occurrence: Occurrence, _ l: DisplayLanguage) -> String? {
        guard let part = definition(of: occurrence) else {
            return l.pick("Geen part met het label `\(occurrence.name)`", "No part labelled `\(occurrence.name)`")
        }
        let start = part.span.line
        let end = symbols.first { $0.kind == .part && $0.span.line == start }?.endLine ?? start
        let body = lines[start..<min(end, start + 5, lines.count)]
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        var text = "**part \(occurrence.name)** (\(l.pick("regel", "line")) \(start))"
        if !body.isEmpty { text += "\n\n```\n" + body.joined(separator: "\n") + "\n```" }
        return text
    }

    private func personHover(_ occurrence: Occurrence, at line: Int, _ l: DisplayLanguage) -> String {
        let key = occurrence.key
        var text = "**\(occurrence.name)**"
        if let role = roles[key] { text += " (\(role))" }
        let facts = (networkFacts[key] ?? []).filter { $0.line <= line }
        guard !facts.isEmpty else {
            return roles[key] == nil
                ? text + "\n\n" + l.pick("Nog niet in het netwerk op deze regel.", "Not in the network yet at this line.")
                : text
        }
        var known: [(key: String, value: String)] = []
        var removed: Int?
        for fact in facts {
            switch fact.action {
            case .remove:
                removed = fact.line
                known = []
            case .add, .set:
                removed = nil
                for attribute in fact.attributes {
                    let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                    let k = parts[0].lowercased()
                    let v = parts.count > 1 ? parts[1] : ""
                    if let i = known.firstIndex(where: { $0.key == k }) { known[i].value = v } else { known.append((k, v)) }
                }
            }
        }
        if let removed {
            return text + "\n\n" + l.pick("Uit het netwerk gehaald op regel \(removed).", "Removed from the network at line \(removed).")
        }
        text += "\n\n" + l.pick("In het netwerk (regel \(facts[0].line))", "In the network (line \(facts[0].line))")
        for (k, v) in known { text += "\n- \(k): \(v)" }
        return text
    }

    private func counterHover(_ occurrence: Occurrence, _ l: DisplayLanguage) -> String? {
        let sets = references(of: occurrence).filter(\.isDefinition).map { String($0.span.line) }
        guard !sets.isEmpty else {
            return l.pick("**\(occurrence.name)**: wordt nergens gezet", "**\(occurrence.name)**: never set")
        }
        return l.pick(
            "**\(occurrence.name)**: teller, gezet op regel \(sets.joined(separator: ", "))",
            "**\(occurrence.name)**: counter, set at line \(sets.joined(separator: ", "))")
    }
}

extension ScriptOutline {
    /// An item's text, questionnaire and section, or what the handreiking says of a dimension, as Markdown.
    public static func itemDocumentation(_ id: String, language: DisplayLanguage) -> String? {
        if let dimension = Dimension(rawValue: id.lowercased()) { return dimensionHover(dimension, language) }
        return itemHover(id.lowercased(), language)
    }
}
