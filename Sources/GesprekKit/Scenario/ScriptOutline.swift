/// What an editor needs to know of a script or a scenario beyond its
/// diagnostics: the words and what kind each is (for colouring), where part
/// labels, counters and names are defined and used, the parts, marks and
/// expectations as symbols, and the blocks that fold. Made in one pass over
/// the lines, without running anything; `gesprek lsp` keeps one per open
/// document and makes it anew on every change.
///
/// Lines and columns are 1-based, columns and lengths in characters as in
/// ``SourceLocation``.
public struct ScriptOutline: Sendable {
    /// What a word is.
    public enum WordKind: Int, Sendable, CaseIterable {
        /// A scenario's own word (`part`, `goto`, `expect`, …).
        case keyword
        /// A command of the conversation language (`ask`, `network`, …).
        case command
        case tag
        /// A questionnaire item or a dimension after `score`.
        case item
        case number
        /// A part label.
        case label
        /// A scenario's counter (`set NAME`).
        case counter
        /// A participant's or network member's name.
        case name
        /// The key of `key=value`.
        case key
        /// The value of `key=value`.
        case value
        case comment
        /// `=`, `<`, `>=`, … in a condition.
        case comparison
    }

    /// A stretch of one line.
    public struct Span: Sendable, Equatable, Hashable {
        public var line: Int
        public var column: Int
        public var length: Int

        public init(line: Int, column: Int, length: Int) {
            self.line = line
            self.column = column
            self.length = length
        }

        func contains(line: Int, column: Int) -> Bool {
            self.line == line && column >= self.column && column <= self.column + length
        }
    }

    public struct Word: Sendable, Equatable {
        public var span: Span
        public var kind: WordKind
    }

    /// What a name names.
    public enum NameKind: String, Sendable {
        case label, counter, name
    }

    /// One use of a label, counter or name; the definition is a use too.
    public struct Occurrence: Sendable, Equatable {
        public var kind: NameKind
        /// The name as written (without quotes).
        public var name: String
        public var span: Span
        /// `part LABEL`, `set COUNTER`, `network add NAME`, `participant NAME`, `client NAME`, `cast NAME`.
        public var isDefinition: Bool
        /// Whether it was written in quotes (a rename keeps or adds them as needed).
        public var quoted: Bool

        /// The key two uses share: labels as written, counters and names without case.
        public var key: String { kind == .label ? name : name.lowercased() }
    }

    public enum SymbolKind: String, Sendable {
        case part, mark, expectation, plan
    }

    /// A part, mark, expectation or plan, for an outline view.
    public struct Symbol: Sendable, Equatable {
        public var kind: SymbolKind
        public var name: String
        /// The line where it is written.
        public var span: Span
        /// The last line it covers (a part runs to the next part or plan).
        public var endLine: Int
    }

    /// Lines that fold: a part, an `on … end` or a `plan … end`.
    public struct Fold: Sendable, Equatable {
        public var startLine: Int
        public var endLine: Int
    }

    /// What a network line said of a person, in the order written.
    public struct NetworkFact: Sendable, Equatable {
        public enum Change: String, Sendable { case add, set, remove }
        public var action: Change
        public var line: Int
        /// The `key=value` words as written.
        public var attributes: [String]
    }

    public let isScenario: Bool
    public let lines: [String]
    public private(set) var words: [Word] = []
    public private(set) var occurrences: [Occurrence] = []
    public private(set) var symbols: [Symbol] = []
    public private(set) var folds: [Fold] = []
    /// Per name (lowercased), what network lines said of it.
    public private(set) var networkFacts: [String: [NetworkFact]] = [:]
    /// Per name (lowercased), its role where a `participant`, `client` or `cast` line gave one.
    public private(set) var roles: [String: String] = [:]

    /// The words a scenario adds to the conversation language.
    public static let scenarioKeywords = ScenarioParser.words
    /// The conversation language's commands.
    public static let commands = Parser.builtInCommands

    /// Reads `text`; a scenario when `scenario` is true, or when it is `nil` and the first command is `scenario`.
    public init(_ text: String, scenario: Bool? = nil) {
        isScenario = scenario ?? Scenario.isScenario(text)
        lines = ScriptLines.split(text)
        var openPart: (symbol: Int, line: Int)?
        var openBlock: Int?
        var lastContent = 0
        for (index, line) in lines.enumerated() {
            let number = index + 1
            var s = LineScanner(line, lineNumber: number)
            if s.isBlankOrComment {
                if !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    let start = line.prefix { $0 == " " || $0 == "\t" }.count
                    words.append(Word(span: Span(line: number, column: start + 1, length: line.count - start), kind: .comment))
                }
                continue
            }
            guard let first = try? s.nextToken() else { continue }
            let word = first.text.lowercased()
            if isScenario {
                switch word {
                case "part", "plan":
                    if let open = openPart { closePart(open, at: lastContent) }
                    openPart = nil
                    if word == "plan" { openBlock = number }
                case "on": openBlock = number
                case "end":
                    if let start = openBlock, number > start { folds.append(Fold(startLine: start, endLine: number)) }
                    openBlock = nil
                default: break
                }
            }
            lastContent = number
            if isScenario {
                scenarioLine(word, first, &s)
                if word == "part", let last = symbols.indices.last, symbols[last].kind == .part, symbols[last].span.line == number {
                    openPart = (last, number)
                }
            } else {
                conversationLine(word, first, &s)
            }
        }
        if let open = openPart { closePart(open, at: lastContent) }
        folds.sort { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }

    private mutating func closePart(_ open: (symbol: Int, line: Int), at end: Int) {
        symbols[open.symbol].endLine = max(open.line, end)
        if end > open.line { folds.append(Fold(startLine: open.line, endLine: end)) }
    }

    // MARK: - Lines

    private mutating func add(_ kind: WordKind, _ token: LexToken, _ s: LineScanner) {
        words.append(Word(span: span(token, s), kind: kind))
    }

    private func span(_ token: LexToken, _ s: LineScanner) -> Span {
        let inner = s.span(of: token)
        return Span(line: s.lineNumber, column: inner.column, length: inner.length)
    }

    private mutating func use(_ kind: NameKind, _ token: LexToken, _ s: LineScanner, definition: Bool = false) {
        let tokenKind: WordKind =
            switch kind {
            case .label: .label
            case .counter: .counter
            case .name: .name
            }
        add(tokenKind, token, s)
        occurrences.append(
            Occurrence(kind: kind, name: token.text, span: span(token, s), isDefinition: definition, quoted: token.wasQuoted))
    }

    /// Tags in free text, which is never cut into quoted words.
    private mutating func tagsInText(_ s: LineScanner, from start: Int) {
        var i = start
        let bytes = s.bytes
        while i < bytes.count {
            while i < bytes.count, LineScanner.isSpace(bytes[i]) { i += 1 }
            let wordStart = i
            while i < bytes.count, !LineScanner.isSpace(bytes[i]) { i += 1 }
            if i > wordStart, LineScanner.isTag(bytes[wordStart..<i]) {
                let inner = s.span(from: wordStart, to: i)
                words.append(Word(span: Span(line: s.lineNumber, column: inner.column, length: inner.length), kind: .tag))
            }
        }
    }

    /// `key=value` words and tags to the end of the line.
    private mutating func attributes(_ s: inout LineScanner, facts: inout [String]) {
        while let token = try? s.nextToken() {
            if token.isTag {
                add(.tag, token, s)
            } else if let equals = token.equalsOffset, !token.wasQuoted || token.text.utf8.count > equals {
                let keyEnd = token.start + equals
                let keySpan = s.span(from: token.start, to: keyEnd)
                words.append(Word(span: Span(line: s.lineNumber, column: keySpan.column, length: keySpan.length), kind: .key))
                if token.end > keyEnd + 1 {
                    let valueSpan = s.span(from: keyEnd + 1, to: token.end)
                    words.append(Word(span: Span(line: s.lineNumber, column: valueSpan.column, length: valueSpan.length), kind: .value))
                }
                facts.append(token.text)
            }
        }
    }

    private mutating func conversationLine(_ word: String, _ first: LexToken, _ s: inout LineScanner) {
        guard Parser.builtInCommands.contains(word) else { return }
        add(.command, first, s)
        var facts: [String] = []
        switch word {
        case "ask", "note":
            tagsInText(s, from: first.end)
        case "say":
            if let speaker = try? s.nextToken() {
                if speaker.isTag {
                    add(.tag, speaker, s)
                } else {
                    use(.name, speaker, s)
                }
                tagsInText(s, from: speaker.end)
            }
        case "score":
            guard let target = try? s.nextToken() else { return }
            add(target.isTag ? .tag : .item, target, s)
            if let value = try? s.nextToken() {
                add(Int(value.text) != nil ? .number : .item, value, s)
                tagsInText(s, from: value.end)
            }
        case "network":
            guard let action = try? s.nextToken() else { return }
            add(.command, action, s)
            let kind = NetworkFact.Change(rawValue: action.text.lowercased())
            guard let kind, let name = try? s.nextToken(), !name.isTag else { return }
            use(.name, name, s, definition: kind == .add)
            attributes(&s, facts: &facts)
            networkFacts[name.text.lowercased(), default: []].append(NetworkFact(action: kind, line: s.lineNumber, attributes: facts))
        case "participant":
            guard let name = try? s.nextToken(), !name.isTag else { return }
            use(.name, name, s, definition: true)
            attributes(&s, facts: &facts)
            if let role = facts.first(where: { $0.lowercased().hasPrefix("role=") }) {
                roles[name.text.lowercased()] = String(role.dropFirst("role=".count))
            }
        case "session":
            attributes(&s, facts: &facts)
        case "mark":
            let text = String(decoding: s.bytes[first.end...], as: UTF8.self).trimmed
            symbols.append(Symbol(kind: .mark, name: text, span: span(first, s), endLine: s.lineNumber))
        default:
            break
        }
    }

    /// The rest of a line after `token`, read as a line of the conversation language.
    private mutating func embeddedConversation(after token: LexToken, _ s: LineScanner) {
        var inner = s
        guard let first = try? inner.nextToken(), !first.isTag else { return }
        conversationLine(first.text.lowercased(), first, &inner)
    }

    private mutating func scenarioLine(_ word: String, _ first: LexToken, _ s: inout LineScanner) {
        guard ScenarioParser.words.contains(word) || [">", "<", "met", "missed", "finished"].contains(word) else {
            if Parser.builtInCommands.contains(word) { conversationLine(word, first, &s) }
            return
        }
        add(.keyword, first, s)
        let rest = String(decoding: s.bytes[first.end...], as: UTF8.self).trimmed
        switch word {
        case "client", "cast":
            guard let name = try? s.nextToken(), !name.isTag else { return }
            use(.name, name, s, definition: true)
            var facts: [String] = []
            attributes(&s, facts: &facts)
            if let role = facts.first(where: { $0.lowercased().hasPrefix("role=") }) {
                roles[name.text.lowercased()] = String(role.dropFirst("role=".count))
            }
        case "part":
            guard let label = try? s.nextToken(), !label.isTag else { return }
            use(.label, label, s, definition: true)
            symbols.append(Symbol(kind: .part, name: label.text, span: span(label, s), endLine: s.lineNumber))
        case "plan":
            symbols.append(Symbol(kind: .plan, name: rest, span: span(first, s), endLine: s.lineNumber))
        case "expect":
            symbols.append(Symbol(kind: .expectation, name: rest, span: span(first, s), endLine: s.lineNumber))
            guard let what = try? s.nextToken() else { return }
            if what.isTag {
                add(.tag, what, s)
                while let next = try? s.nextToken() {
                    if next.isTag {
                        add(.tag, next, s)
                    } else if Int(next.text) != nil {
                        add(.number, next, s)
                    } else {
                        add(.keyword, next, s)
                    }
                }
                return
            }
            add(.keyword, what, s)
            switch what.text.lowercased() {
            case "reach", "avoid":
                if let label = try? s.nextToken() { use(.label, label, s) }
            case "network":
                if let name = try? s.nextToken() { use(.name, name, s) }
            case "score":
                if let target = try? s.nextToken() { add(.item, target, s) }
            default: break
            }
        case "say", "<":
            guard let speaker = try? s.nextToken() else { return }
            use(.name, speaker, s)
            if word == "say" { tagsInText(s, from: speaker.end) }
        case ">":
            embeddedConversation(after: first, s)
        case "set":
            guard let counter = try? s.nextToken() else { return }
            use(.counter, counter, s, definition: true)
            if let value = try? s.nextToken() { add(.number, value, s) }
        case "goto":
            if let label = try? s.nextToken() { use(.label, label, s) }
        case "if", "on":
            condition(&s, inTrigger: word == "on")
        case "option":
            guard let label = try? s.nextToken(), !label.isTag else { return }
            use(.label, label, s)
            embeddedConversation(after: label, s)
        default:
            break
        }
    }

    /// `on TRIGGER [if CONDITION]` or `if CONDITION goto LABEL`.
    private mutating func condition(_ s: inout LineScanner, inTrigger: Bool) {
        var inCondition = !inTrigger
        var expectSubject = inCondition
        while let token = try? s.nextToken() {
            let lower = token.text.lowercased()
            if token.isTag {
                add(.tag, token, s)
                expectSubject = false
            } else if lower == "if" || lower == "and" {
                add(.keyword, token, s)
                inCondition = true
                expectSubject = true
            } else if lower == "goto" {
                add(.keyword, token, s)
                if let label = try? s.nextToken() { use(.label, label, s) }
                return
            } else if ScenarioCondition.Comparison(rawValue: token.text) != nil {
                add(.comparison, token, s)
            } else if Int(token.text) != nil {
                add(.number, token, s)
            } else if inCondition, expectSubject, lower != "turns" {
                use(.counter, token, s)
                expectSubject = false
            } else {
                add(.keyword, token, s)
                expectSubject = false
            }
        }
    }

    // MARK: - Questions an editor asks

    /// The label, counter or name at this place, if any.
    public func occurrence(line: Int, column: Int) -> Occurrence? {
        occurrences.first { $0.span.contains(line: line, column: column) }
    }

    /// The word (of any kind) at this place.
    public func word(line: Int, column: Int) -> Word? {
        words.first { $0.span.contains(line: line, column: column) }
    }

    /// Where this label, counter or name is defined: the part, the first `set`, the `network add` or the participant line.
    public func definition(of occurrence: Occurrence) -> Occurrence? {
        occurrences.first { $0.isDefinition && $0.kind == occurrence.kind && $0.key == occurrence.key }
    }

    /// Every use of this label, counter or name, its definitions included, in the order written.
    public func references(of occurrence: Occurrence) -> [Occurrence] {
        occurrences.filter { $0.kind == occurrence.kind && $0.key == occurrence.key }
    }

    /// The distinct names of this kind defined before `line` (all of them when `nil`), in the order written.
    public func defined(_ kind: NameKind, before line: Int? = nil) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for occurrence in occurrences where occurrence.kind == kind && occurrence.isDefinition {
            if let line, occurrence.span.line >= line, kind == .name, !isScenario { continue }
            if seen.insert(occurrence.key).inserted { names.append(occurrence.name) }
        }
        return names
    }

    /// Written with quotes when it holds a space.
    public static func quoted(_ name: String) -> String {
        guard name.contains(where: { $0.isWhitespace || $0 == "\"" }) || name.isEmpty else { return name }
        var escaped = ""
        for character in name {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"\(escaped)\""
    }
}

typealias LexToken = Token
