/// The `expect` lines of a scenario and the steps of its test plans (`>`, `<`,
/// `met`, `missed`, `finished`): what a run is judged on, and how a trainer checks it.
extension ScenarioParser {
    // MARK: - Expectations

    mutating func expectation(_ word: Token, _ s: inout LineScanner) throws(Diagnostic) {
        let text = rawRest(after: word, s).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard let first = try s.nextToken() else { throw s.errorAtEnd(.scenario(.invalidExpectation(""))) }
        let kind: ScenarioExpectation.Requirement
        if first.isTag {
            let dimension = try self.dimension(first, s)
            if let next = try s.nextToken() {
                switch next.text.lowercased() {
                case "before":
                    guard let other = try s.nextToken() else { throw s.errorAtEnd(.scenario(.invalidExpectation(""))) }
                    kind = .before(dimension, try self.dimension(other, s))
                case "within":
                    guard let number = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedNumber(""))) }
                    guard let turns = Int(number.text), turns >= 0 else {
                        throw s.error(.scenario(.expectedNumber(number.text)), at: number)
                    }
                    kind = .within(dimension, turns: turns)
                default:
                    let suggestion = Suggestion.closest(to: next.text, in: ["before", "within"], maximum: 2)
                    throw s.error(.scenario(.invalidExpectation(next.text, suggestion: suggestion)), at: next)
                }
            } else {
                kind = .covers(dimension)
            }
        } else {
            switch first.text.lowercased() {
            case "network":
                let name = try s.nextToken()
                var last = name
                while let more = try s.nextToken() { last = more }
                if let name, let last, last.start != name.start {
                    // `expect network Tante Zoë`: as in a conversation, a name with spaces goes in quotes.
                    let full = String(decoding: s.bytes[name.start..<last.end], as: UTF8.self)
                    throw s.error(.nameNeedsQuotes(name: full, command: "expect network"), from: name.start, to: last.end)
                }
                kind = .network(name: name?.text)
            case "score":
                guard let target = try s.nextToken() else { throw s.errorAtEnd(.missingScoreTarget) }
                kind = .score(try conversation.scoreTarget(target, s))
            case "reach", "avoid":
                let label = try self.label(after: first, command: "expect \(first.text.lowercased())", &s)
                kind = first.text.lowercased() == "reach" ? .reach(label.text) : .avoid(label.text)
            default:
                let suggestion = Suggestion.closest(to: first.text, in: ["network", "score", "reach", "avoid"], maximum: 2)
                throw s.error(.scenario(.invalidExpectation(first.text, suggestion: suggestion)), at: first)
            }
        }
        if let extra = try s.nextToken() { throw s.error(.unexpectedWord(command: "expect", word: extra.text), at: extra) }
        expectations.append(ScenarioExpectation(kind: kind, text: text, guidance: [], line: s.lineNumber))
    }

    func dimension(_ token: Token, _ s: LineScanner) throws(Diagnostic) -> Dimension {
        guard token.isTag, let dimension = TagResolver.dimension(for: token.tagName) else {
            let suggestion = token.isTag ? Self.dimensionTag(like: token.tagName) : nil
            throw s.error(.scenario(.invalidExpectation(token.text, suggestion: suggestion)), at: token)
        }
        return dimension
    }

    /// The dimension tag a misspelled one means (`#socaal`: `#sociaal`).
    static func dimensionTag(like name: String) -> String? {
        let names = Dimension.allCases.map(\.rawValue) + Dimension.allCases.map(\.englishAlias)
        if let close = Suggestion.closest(to: name, in: names, maximum: 2) { return "#" + close }
        // Four dimensions only: the same first four letters are enough (`#competenteel`).
        let start = name.lowercased().prefix(4)
        guard start.count == 4 else { return nil }
        return names.first { $0.hasPrefix(start) }.map { "#" + $0 }
    }

    // MARK: - Test plans

    mutating func planStep(_ name: String, _ word: Token, _ s: inout LineScanner) throws(Diagnostic) -> ScenarioPlan.Step {
        let line = s.lineNumber
        switch name {
        case ">":
            let text = rawRest(after: word, s)
            guard !text.isEmpty else { throw s.errorAtEnd(.missingText(command: ">")) }
            return ScenarioPlan.Step(kind: .type(text), line: line)
        case "<":
            guard let speaker = try s.nextToken() else { throw s.error(.missingSpeaker, after: word) }
            // Only the cast speaks: a misspelled name would make the plan fail for the wrong reason.
            let names = cast.map(\.name)
            if !names.contains(where: { $0.lowercased() == speaker.text.lowercased() }) {
                let suggestion = Self.closestName(to: speaker.text, in: names)
                throw s.error(.scenario(.unknownSpeaker(speaker.text, cast: names, suggestion: suggestion)), at: speaker)
            }
            return ScenarioPlan.Step(kind: .hear(speaker: speaker.text, prefix: rawRest(after: speaker, s)), line: line)
        case "met", "missed":
            let text = rawRest(after: word, s).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            guard !text.isEmpty else { throw s.errorAtEnd(.scenario(.invalidExpectation(""))) }
            let start = s.column(ofByte: word.end) + 1
            expectationReferences.append(
                Reference(name: text, line: line, span: SourceSpan(column: start, length: text.count), source: s.line))
            return ScenarioPlan.Step(kind: .feedback(expectation: text, met: name == "met"), line: line)
        case "finished":
            return ScenarioPlan.Step(kind: .finished, line: line)
        default:
            let suggestion = Suggestion.closest(to: word.text, in: Self.planWords, maximum: 2)
            throw s.error(.scenario(.expectedPlanStep(word.text, suggestion: suggestion)), at: word)
        }
    }
}
