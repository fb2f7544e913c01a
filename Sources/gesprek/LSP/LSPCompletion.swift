import GesprekKit

/// What can be typed at the cursor in an editor: the conversation language's
/// completions (from ``Session/completions(before:extraCommands:)``), with the
/// document's own names, labels and counters, and a scenario's words.
enum LSPCompletion {
    struct Item {
        var word: String
        /// The protocol's CompletionItemKind.
        var kind: Int
        var detail: String?
        var documentation: String?
    }

    private enum Kind {
        static let text = 1, function = 3, variable = 6, property = 10, module = 9, value = 12, keyword = 14, enumMember = 20
        static let reference = 18
    }

    /// Words as typed, a quoted name kept whole; an empty last word after a space.
    static func words(_ text: String) -> [String] { Session.wordsForCompletion(text) }

    static func candidates(
        prefix: String, line: Int, outline: ScriptOutline, session: Session?, language l: DisplayLanguage
    ) -> [Item] {
        let words = words(prefix)
        let previous = words.dropLast().map { $0.lowercased() }
        let names = outline.defined(.name, before: line).map {
            Item(word: ScriptOutline.quoted($0), kind: Kind.reference, detail: outline.roles[$0.lowercased()], documentation: nil)
        }
        let labels = outline.defined(.label).map { Item(word: $0, kind: Kind.module, detail: "part", documentation: nil) }
        let counters = outline.defined(.counter).map {
            Item(word: $0, kind: Kind.variable, detail: l.pick("teller", "counter"), documentation: nil)
        }
        if outline.isScenario {
            switch (previous.first, previous.count) {
            case (nil, _):
                return ScriptOutline.scenarioKeywords.map { Item(word: $0, kind: Kind.keyword, detail: nil, documentation: nil) }
                    + conversation(prefix, line: line, outline: outline, session: session, names: names)
                    + [">", "<", "met", "missed", "finished"].map { Item(word: $0, kind: Kind.keyword, detail: "plan", documentation: nil) }
            case ("goto", 1), ("option", 1):
                return labels
            case ("expect", 1):
                return ["reach", "avoid", "network", "score"].map { Item(word: $0, kind: Kind.keyword, detail: nil, documentation: nil) }
                    + dimensionTags(l)
            case ("expect", 2) where previous[1] == "reach" || previous[1] == "avoid":
                return labels
            case ("expect", 2) where previous[1] == "network":
                return names
            case ("expect", 2) where previous[1] == "score":
                return conversation("score ", line: line, outline: outline, session: session, names: names)
            case ("set", 1):
                return counters
            case ("say", 1), ("<", 1):
                return names
            case ("on", _) where words.last?.hasPrefix("#") == true, ("if", _) where words.last?.hasPrefix("#") == true:
                return dimensionTags(l)
            case ("on", 1):
                return (ScenarioEventKind.allCases.map(\.rawValue) + ["turn"]).map {
                    Item(word: $0, kind: Kind.keyword, detail: nil, documentation: nil)
                } + dimensionTags(l)
            case ("if", _), ("on", _):
                switch previous.last {
                case "goto": return labels
                case "if", "and":
                    return counters + [Item(word: "turns", kind: Kind.keyword, detail: l.pick("beurten", "turns"), documentation: nil)]
                        + dimensionTags(l)
                default:
                    return previous.first == "if" && previous.count >= 4
                        ? [
                            Item(word: "goto", kind: Kind.keyword, detail: nil, documentation: nil),
                            Item(word: "and", kind: Kind.keyword, detail: nil, documentation: nil),
                        ]
                        : []
                }
            case ("option", _):
                // After the label: a line of the conversation language.
                let rest = words.dropFirst(2).joined(separator: " ")
                return conversation(rest, line: line, outline: outline, session: session, names: names)
            case (">", _):
                return conversation(words.dropFirst().joined(separator: " "), line: line, outline: outline, session: session, names: names)
            case ("client", _), ("cast", _):
                return conversation(
                    "network add " + words.dropFirst().joined(separator: " "), line: line, outline: outline, session: session, names: names)
            default:
                return conversation(prefix, line: line, outline: outline, session: session, names: names)
            }
        }
        return conversation(prefix, line: line, outline: outline, session: session, names: names)
    }

    private static func dimensionTags(_ l: DisplayLanguage) -> [Item] {
        Dimension.allCases.map {
            Item(word: "#\($0.rawValue)", kind: Kind.enumMember, detail: $0.question, documentation: nil)
        }
    }

    /// A line of the conversation language: the session's completions, with the document's names.
    private static func conversation(_ prefix: String, line: Int, outline: ScriptOutline, session: Session?, names: [Item]) -> [Item] {
        let words = words(prefix)
        let previous = words.dropLast().map { $0.lowercased() }
        var items: [Item] = []
        if let session {
            let completions = session.completions(before: prefix)
            for candidate in completions.candidates {
                let word = candidate.word
                var kind = Kind.text
                var documentation: String?
                if previous.isEmpty {
                    kind = Kind.function
                } else if word.hasPrefix("#") {
                    kind = Kind.enumMember
                } else if previous.first == "score", previous.count == 1 {
                    kind = Kind.enumMember
                    documentation = ScriptOutline.itemDocumentation(word, language: session.language)
                } else if word.hasSuffix("=") {
                    kind = Kind.property
                } else {
                    kind = Kind.value
                }
                items.append(Item(word: word, kind: kind, detail: candidate.detail, documentation: documentation))
            }
        }
        switch (previous.first, previous.count) {
        case ("say", 1): items += names
        case ("network", 2) where previous[1] == "set" || previous[1] == "remove": items += names
        default: break
        }
        return items
    }
}
