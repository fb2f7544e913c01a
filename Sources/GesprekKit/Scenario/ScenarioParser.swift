/// What reading a scenario gives: the scenario when it has no errors, and
/// every error and warning found, each with line, column and hint.
public struct ScenarioParseResult: Sendable {
    public var scenario: Scenario?
    public var diagnostics: [Diagnostic]
    /// What could be read despite errors, for checking the whole as well.
    var partial: Scenario?
}

extension Scenario {
    /// Reads a scenario. Lines of the conversation language inside it (`say`,
    /// an option's line) are checked by the same parser as a conversation.
    public static func parse(_ text: String) -> ScenarioParseResult {
        var parser = ScenarioParser()
        return parser.parse(text)
    }

    /// Whether a script is a scenario: its first command is `scenario`.
    public static func isScenario(_ text: String) -> Bool {
        for line in ScriptLines.split(text) {
            var scanner = LineScanner(line, lineNumber: 0)
            if scanner.isBlankOrComment { continue }
            return (try? scanner.nextToken())?.text.lowercased() == "scenario"
        }
        return false
    }
}

/// Reads a scenario line by line. Keeps going after an error, so that
/// `gesprek check` reports them all.
struct ScenarioParser {
    /// The words a scenario adds to the conversation language.
    static let words = [
        "scenario", "client", "cast", "intro", "expect", "guidance", "part", "say", "scene", "set",
        "goto", "if", "choice", "option", "finish", "on", "end", "plan",
    ]

    /// A name used somewhere that must be defined somewhere else, checked at the end.
    struct Reference {
        var name: String
        var line: Int
        var span: SourceSpan
        var source: String
    }

    /// The block a line is in.
    enum Block {
        case none
        case rule(ScenarioRule, inPart: Bool)
        case plan(ScenarioPlan)
    }

    var diagnostics: [Diagnostic] = []
    var conversation = Parser()
    var title: String?
    var titleLine = 1
    var client: Participant?
    var cast: [Participant] = []
    var intro: [String] = []
    var expectations: [ScenarioExpectation] = []
    var globalRules: [ScenarioRule] = []
    var parts: [ScenarioPart] = []
    var plans: [ScenarioPlan] = []
    var block = Block.none
    /// The choice that options may still be added to: its line number and text, and whether an option was tried.
    var openChoice: (line: Int, source: String, optionTried: Bool)?
    var labelReferences: [Reference] = []
    var expectationReferences: [Reference] = []
    var variableReferences: [Reference] = []
    var firstCommandSeen = false

    mutating func parse(_ text: String) -> ScenarioParseResult {
        let lines = ScriptLines.split(text)
        for (index, line) in lines.enumerated() {
            var scanner = LineScanner(line, lineNumber: index + 1)
            if scanner.isBlankOrComment { continue }
            do throws(Diagnostic) {
                try parseLine(&scanner)
            } catch {
                diagnostics.append(error)
            }
        }
        finishChoice()
        switch block {
        case .none: break
        case let .rule(rule, _): report(.missingEnd(opened: "on", line: rule.line), line: rule.line, source: lines[rule.line - 1])
        case let .plan(plan): report(.missingEnd(opened: "plan", line: plan.line), line: plan.line, source: lines[plan.line - 1])
        }
        if title == nil {
            diagnostics.insert(
                Diagnostic(
                    .error, .scenario(.missingTitle), at: SourceLocation(line: 1, column: 1),
                    sourceLine: lines.first ?? ""), at: 0)
        } else if client == nil {
            report(.missingClient, line: titleLine, source: lines[titleLine - 1])
        }
        resolveReferences()
        let hasErrors = diagnostics.contains { $0.severity == .error }
        let scenario = Scenario(
            title: title ?? "", client: client ?? Participant(name: ""), cast: cast, intro: intro,
            expectations: expectations, globalRules: globalRules, parts: parts, plans: plans,
            titleLine: titleLine, sourceLines: lines)
        return ScenarioParseResult(scenario: hasErrors ? nil : scenario, diagnostics: diagnostics, partial: scenario)
    }

    mutating func report(_ problem: ScenarioProblem, line: Int, source: String, severity: Diagnostic.Severity = .error) {
        diagnostics.append(
            Diagnostic(
                severity, .scenario(problem), at: SourceLocation(line: line, column: 1),
                length: source.count, sourceLine: source))
    }

    // MARK: - Lines

    /// Words that start something new: met inside a reaction or a plan, they mean its `end` was forgotten.
    static let blockStarters: Set<String> = ["part", "on", "plan", "expect", "guidance", "scenario", "client", "cast", "intro"]
    /// The words of a test plan.
    static let planWords = [">", "<", "met", "missed", "finished", "end"]

    mutating func parseLine(_ s: inout LineScanner) throws(Diagnostic) {
        guard let word = try s.nextToken() else { return }
        let name = word.text.lowercasedIfNeeded
        if name != "option", Self.words.contains(name) || Self.planWords.contains(name) { finishChoice() }
        if !firstCommandSeen {
            firstCommandSeen = true
            if name != "scenario" { throw s.error(.scenario(.missingTitle), at: word) }
        }
        switch block {
        case let .plan(plan):
            var plan = plan
            if name == "end" {
                plans.append(plan)
                block = .none
                return
            }
            if !Self.blockStarters.contains(name) {
                plan.steps.append(try planStep(name, word, &s))
                block = .plan(plan)
                return
            }
            // The plan's `end` was forgotten: say so here, close it, and read this line as it stands.
            plans.append(plan)
            block = .none
            diagnostics.append(s.error(.scenario(.missingEnd(opened: "plan", line: plan.line)), at: word))
        case let .rule(rule, inPart):
            var rule = rule
            if name == "end" {
                if inPart { parts[parts.count - 1].rules.append(rule) } else { globalRules.append(rule) }
                block = .none
                return
            }
            if !Self.blockStarters.contains(name) {
                guard ["say", "scene", "set", "goto", "if", "finish"].contains(name) else {
                    if Self.planWords.contains(name) { throw s.error(.scenario(.misplaced(command: name, place: .outsidePlan)), at: word) }
                    if Self.words.contains(name) { throw s.error(.scenario(.misplaced(command: name, place: .insideReaction)), at: word) }
                    throw unknownWord(word, s)
                }
                rule.actions.append(try statement(name, word, &s))
                block = .rule(rule, inPart: inPart)
                return
            }
            if inPart { parts[parts.count - 1].rules.append(rule) } else { globalRules.append(rule) }
            block = .none
            diagnostics.append(s.error(.scenario(.missingEnd(opened: "on", line: rule.line)), at: word))
        case .none:
            break
        }
        switch name {
        case "scenario", "client", "cast", "intro":
            guard parts.isEmpty else { throw s.error(.scenario(.misplaced(command: name, place: .afterParts)), at: word) }
            try header(name, word, &s)
        case "expect":
            try expectation(word, &s)
        case "guidance":
            let text = rawRest(after: word, s)
            guard !expectations.isEmpty else { throw s.error(.scenario(.misplaced(command: name, place: .withoutExpectation)), at: word) }
            guard !text.isEmpty else { throw s.errorAtEnd(.missingText(command: "guidance")) }
            expectations[expectations.count - 1].guidance.append(text)
        case "part":
            guard let label = try s.nextToken(), !label.isTag else { throw s.error(.scenario(.missingLabel(command: "part")), after: word) }
            if let existing = parts.first(where: { $0.label == label.text }) {
                throw s.error(.scenario(.duplicateLabel(label.text, firstLine: existing.line)), at: label)
            }
            if let extra = try s.nextToken() { throw s.error(.unexpectedWord(command: "part", word: extra.text), at: extra) }
            parts.append(ScenarioPart(label: label.text, flow: [], rules: [], line: s.lineNumber))
        case "on":
            // A broken `on` line still opens its block, so that its `end` does not count as a second mistake.
            block = .rule(ScenarioRule(trigger: .turn(1), condition: nil, actions: [], line: s.lineNumber), inPart: !parts.isEmpty)
            let rule = try self.rule(word, &s)
            block = .rule(rule, inPart: !parts.isEmpty)
        case "plan":
            let planName = rawRest(after: word, s)
            block = .plan(ScenarioPlan(name: planName, steps: [], line: s.lineNumber))
            guard !planName.isEmpty else { throw s.errorAtEnd(.missingText(command: "plan")) }
        case "end":
            throw s.error(.scenario(.misplaced(command: name, place: .outsideBlock)), at: word)
        case "option":
            openChoice?.optionTried = true
            guard openChoice != nil, !parts.isEmpty, case let .choice(prompt, options)? = parts[parts.count - 1].flow.last?.action else {
                throw s.error(.scenario(.misplaced(command: name, place: .outsideChoice)), at: word)
            }
            let option = try self.option(word, &s)
            parts[parts.count - 1].flow[parts[parts.count - 1].flow.count - 1].action = .choice(prompt: prompt, options: options + [option])
        case "say", "scene", "set", "goto", "if", "finish", "choice":
            guard !parts.isEmpty else { throw s.error(.scenario(.misplaced(command: name, place: .outsidePart)), at: word) }
            let statement = try self.statement(name, word, &s)
            warnIfUnreachable(s)
            parts[parts.count - 1].flow.append(statement)
            if name == "choice" { openChoice = (s.lineNumber, s.line, false) }
        case ">", "<", "met", "missed", "finished":
            throw s.error(.scenario(.misplaced(command: name, place: .outsidePlan)), at: word)
        default:
            throw unknownWord(word, s)
        }
    }

    func unknownWord(_ word: Token, _ s: LineScanner) -> Diagnostic {
        let suggestion = Suggestion.closest(to: word.text, in: Self.words, maximum: 2)
        return s.error(.scenario(.unknownWord(word.text, suggestion: suggestion)), at: word)
    }

    /// The rest of the line after a token, exactly as typed (tags included), trimmed.
    func rawRest(after token: Token, _ s: LineScanner) -> String {
        String(decoding: s.bytes[min(token.end, s.bytes.count)...], as: UTF8.self).trimmed
    }

    mutating func finishChoice() {
        guard let choice = openChoice else { return }
        openChoice = nil
        // A broken option was reported already; an empty choice is then no second mistake.
        if !choice.optionTried, let last = parts.last?.flow.last, case let .choice(_, options) = last.action, options.isEmpty {
            report(.choiceWithoutOptions, line: choice.line, source: choice.source)
        }
    }

    /// A line after a jump or finish in the same part is never run.
    mutating func warnIfUnreachable(_ s: LineScanner) {
        guard let last = parts.last?.flow.last else { return }
        let after: String? =
            switch last.action {
            case .goto(_, nil, _): "goto"
            case .finish: "finish"
            default: nil
            }
        if let after {
            diagnostics.append(
                s.diagnostic(
                    .warning, .scenario(.unreachableLine(after: after)),
                    span: SourceSpan(column: 1, length: max(1, s.line.count))))
        }
    }

    // MARK: - Header

    mutating func header(_ name: String, _ word: Token, _ s: inout LineScanner) throws(Diagnostic) {
        switch name {
        case "scenario":
            guard title == nil else { throw s.error(.scenario(.repeatedHeader(command: "scenario")), at: word) }
            let text = rawRest(after: word, s)
            guard !text.isEmpty else { throw s.errorAtEnd(.missingText(command: "scenario")) }
            title = text
            titleLine = s.lineNumber
        case "intro":
            let text = rawRest(after: word, s)
            guard !text.isEmpty else { throw s.errorAtEnd(.missingText(command: "intro")) }
            intro.append(text)
        default:  // client, cast
            if name == "client", client != nil { throw s.error(.scenario(.repeatedHeader(command: "client")), at: word) }
            guard case let .participant(person) = try conversationCommand(replacing: word, with: "participant", in: s) else {
                preconditionFailure("participant parses to a participant")
            }
            if name == "client" {
                client = person
                cast.insert(person, at: 0)
            } else {
                cast.append(person)
            }
        }
    }

    /// Parses the line as a line of the conversation language whose first word
    /// is `replacement`, with messages pointing into the line as written.
    mutating func conversationCommand(
        replacing word: Token?, with replacement: String, in s: LineScanner
    ) throws(Diagnostic) -> Command {
        let rest = word.map { String(decoding: s.bytes[$0.end...], as: UTF8.self) } ?? s.line
        let line = word == nil ? rest : replacement + rest
        let shift = (word.map { s.column(ofByte: $0.end) - 1 } ?? 0) - (word == nil ? 0 : replacement.count)
        switch conversation.parse(line, lineNumber: s.lineNumber) {
        case .nothing:
            throw s.errorAtEnd(.missingText(command: replacement))
        case let .failure(diagnostic):
            throw Diagnostic(
                diagnostic.severity, diagnostic.problem,
                at: SourceLocation(line: s.lineNumber, column: max(1, diagnostic.location.column + shift)),
                length: diagnostic.length, sourceLine: s.line)
        case let .command(command, warnings):
            for warning in warnings {
                diagnostics.append(
                    Diagnostic(
                        .warning, warning.problem,
                        at: SourceLocation(line: s.lineNumber, column: max(1, warning.location.column + shift)),
                        length: warning.length, sourceLine: s.line))
            }
            return command
        }
    }

    // MARK: - Parts and reactions

    mutating func statement(_ name: String, _ word: Token, _ s: inout LineScanner) throws(Diagnostic) -> ScenarioStatement {
        let line = s.lineNumber
        switch name {
        case "say":
            guard case let .say(speaker, text, tags) = try conversationCommand(replacing: nil, with: "say", in: s) else {
                preconditionFailure("say parses to say")
            }
            if !tags.dimensions.isEmpty {
                let tagStart = s.line.firstRange(of: "#").map { s.line.distance(from: s.line.startIndex, to: $0.lowerBound) + 1 } ?? 1
                throw Diagnostic(
                    .error, .scenario(.dimensionOnClientLine), at: SourceLocation(line: line, column: tagStart), sourceLine: s.line)
            }
            var probe = s
            let speakerToken = try probe.nextToken()
            guard let member = cast.first(where: { $0.name.lowercased() == speaker.lowercased() }) else {
                let names = cast.map(\.name)
                let problem = ScenarioProblem.unknownSpeaker(
                    speaker, cast: names, suggestion: Suggestion.closest(to: speaker, in: names, maximum: 2))
                if let speakerToken { throw s.error(.scenario(problem), at: speakerToken) }
                throw s.errorAtEnd(.scenario(problem))
            }
            return ScenarioStatement(action: .say(speaker: member.name, text: text, source: s.line.trimmed), line: line)
        case "scene":
            let text = rawRest(after: word, s)
            guard !text.isEmpty else { throw s.errorAtEnd(.missingText(command: "scene")) }
            return ScenarioStatement(action: .scene(text), line: line)
        case "set":
            guard let variable = try s.nextToken(), !variable.isTag else { throw s.error(.missingName(command: "set"), after: word) }
            guard let valueToken = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedNumber(""))) }
            let change: ScenarioValueChange
            if valueToken.text.hasPrefix("+") || valueToken.text.hasPrefix("-"), let amount = Int(valueToken.text) {
                change = .by(amount)
            } else if let value = Int(valueToken.text) {
                change = .to(value)
            } else {
                throw s.error(.scenario(.expectedNumber(valueToken.text)), at: valueToken)
            }
            if let extra = try s.nextToken() { throw s.error(.unexpectedWord(command: "set", word: extra.text), at: extra) }
            return ScenarioStatement(action: .set(variable.text.lowercased(), change, column: s.column(ofByte: variable.start)), line: line)
        case "goto":
            let label = try self.label(after: word, command: "goto", &s)
            if let extra = try s.nextToken() { throw s.error(.unexpectedWord(command: "goto", word: extra.text), at: extra) }
            return ScenarioStatement(action: .goto(label.text, condition: nil, column: s.column(ofByte: label.start)), line: line)
        case "if":
            let condition = try self.condition(&s, until: "goto")
            guard let gotoWord = try s.nextToken(), gotoWord.text.lowercased() == "goto" else {
                throw s.errorAtEnd(.scenario(.missingLabel(command: "if … goto")))
            }
            let label = try self.label(after: gotoWord, command: "goto", &s)
            if let extra = try s.nextToken() { throw s.error(.unexpectedWord(command: "goto", word: extra.text), at: extra) }
            return ScenarioStatement(action: .goto(label.text, condition: condition, column: s.column(ofByte: label.start)), line: line)
        case "choice":
            let prompt = rawRest(after: word, s)
            return ScenarioStatement(action: .choice(prompt: prompt.isEmpty ? nil : prompt, options: []), line: line)
        default:  // finish
            let text = rawRest(after: word, s)
            return ScenarioStatement(action: .finish(text.isEmpty ? nil : text), line: line)
        }
    }

    mutating func label(after word: Token, command: String, _ s: inout LineScanner) throws(Diagnostic) -> Token {
        guard let label = try s.nextToken(), !label.isTag else { throw s.error(.scenario(.missingLabel(command: command)), after: word) }
        labelReferences.append(Reference(name: label.text, line: s.lineNumber, span: s.span(of: label), source: s.line))
        return label
    }

    mutating func option(_ word: Token, _ s: inout LineScanner) throws(Diagnostic) -> ScenarioOption {
        let label = try self.label(after: word, command: "option", &s)
        let lineText = String(decoding: s.bytes[label.end...], as: UTF8.self).trimmed
        guard !lineText.isEmpty else { throw s.errorAtEnd(.missingText(command: "option")) }
        // Parse the option's line as a conversation line, with columns shifted to where it stands.
        let offset =
            s.column(ofByte: label.end) - 1
            + (String(decoding: s.bytes[label.end...], as: UTF8.self).count
                - String(decoding: s.bytes[label.end...], as: UTF8.self).drop(while: { $0 == " " || $0 == "\t" }).count)
        let command: Command
        switch conversation.parse(lineText, lineNumber: s.lineNumber) {
        case .nothing: throw s.errorAtEnd(.missingText(command: "option"))
        case let .failure(diagnostic):
            var problem = diagnostic.problem
            if case let .unknownCommand(word, _) = problem { problem = .scenario(.optionNeedsCommand(word, label: label.text)) }
            throw Diagnostic(
                .error, problem, at: SourceLocation(line: s.lineNumber, column: diagnostic.location.column + offset),
                length: diagnostic.length, sourceLine: s.line)
        case let .command(parsed, _): command = parsed
        }
        let shown: String
        switch command {
        case let .ask(text, _), let .note(text, _): shown = text
        case let .say(_, text, _): shown = text
        case .score, .networkAdd, .networkSet, .networkRemove, .mark: shown = lineText
        default:
            let commandWord = lineText.split(separator: " ").first.map(String.init) ?? lineText
            throw Diagnostic(
                .error, .scenario(.optionNotRecordable(commandWord)), at: SourceLocation(line: s.lineNumber, column: offset + 1),
                length: commandWord.count, sourceLine: s.line)
        }
        return ScenarioOption(
            label: label.text, line: lineText, text: shown, lineNumber: s.lineNumber,
            labelColumn: s.column(ofByte: label.start))
    }

    mutating func rule(_ word: Token, _ s: inout LineScanner) throws(Diagnostic) -> ScenarioRule {
        var kind: ScenarioEventKind?
        var scoreTarget: String?
        var tagTokens: [Token] = []
        var trigger: ScenarioTrigger?
        var condition: ScenarioCondition?
        var ahead = s
        while let token = try ahead.nextToken() {
            let lower = token.text.lowercased()
            if lower == "if" {
                s = ahead
                condition = try self.condition(&s, until: nil)
                break
            }
            s = ahead
            if token.isTag {
                tagTokens.append(token)
            } else if lower == "turn", kind == nil, tagTokens.isEmpty, trigger == nil {
                guard let number = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedNumber(""))) }
                guard let n = Int(number.text), n > 0 else { throw s.error(.scenario(.expectedNumber(number.text)), at: number) }
                trigger = .turn(n)
                ahead = s
            } else if let eventKind = ScenarioEventKind(rawValue: lower), kind == nil, tagTokens.isEmpty, trigger == nil {
                kind = eventKind
            } else if kind == .score, scoreTarget == nil, tagTokens.isEmpty {
                scoreTarget = try conversation.scoreTarget(token, s).id
            } else {
                let suggestion = Suggestion.closest(to: lower, in: ScenarioEventKind.allCases.map(\.rawValue) + ["turn", "if"], maximum: 2)
                throw s.error(.scenario(.unknownWord(token.text, suggestion: suggestion)), at: token)
            }
        }
        if trigger == nil {
            guard kind != nil || !tagTokens.isEmpty else {
                throw s.error(.missingText(command: "on"), after: word)
            }
            var tags = TagSet()
            var warnings: [Diagnostic] = []
            TagResolver.resolve(tagTokens, into: &tags, knownFreeTags: [], scanner: s, warnings: &warnings)
            diagnostics += warnings
            trigger = .event(kind: kind, tags: tags, scoreTarget: scoreTarget)
        }
        return ScenarioRule(trigger: trigger!, condition: condition, actions: [], line: s.lineNumber)
    }

    /// `SUBJECT OP NUMBER [and SUBJECT OP NUMBER …]`, up to the word `stop` (or the end of the line).
    mutating func condition(_ s: inout LineScanner, until stop: String?) throws(Diagnostic) -> ScenarioCondition {
        var clauses: [ScenarioCondition.Clause] = []
        while true {
            guard let subjectToken = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedComparison(""))) }
            let subject: ScenarioCondition.Subject
            if subjectToken.isTag {
                guard let dimension = TagResolver.dimension(for: subjectToken.tagName) else {
                    let suggestion = Self.dimensionTag(like: subjectToken.tagName)
                    throw s.error(.scenario(.expectedComparison(subjectToken.text, suggestion: suggestion)), at: subjectToken)
                }
                subject = .dimension(dimension)
            } else if subjectToken.text.lowercased() == "turns" {
                subject = .turns
            } else if let (name, comparison, value) = Self.joinedComparison(subjectToken.text) {
                // `irritatie>=2` is one word: say so, rather than take it for a counter that is never set.
                throw s.error(.scenario(.comparisonNeedsSpaces(name: name, comparison: comparison, value: value)), at: subjectToken)
            } else {
                let name = subjectToken.text.lowercased()
                subject = .variable(name)
                variableReferences.append(Reference(name: name, line: s.lineNumber, span: s.span(of: subjectToken), source: s.line))
            }
            guard let opToken = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedComparison(""))) }
            guard let comparison = ScenarioCondition.Comparison(rawValue: opToken.text) else {
                if let (_, joined, value) = Self.joinedComparison(opToken.text), !value.isEmpty {
                    let problem = ScenarioProblem.comparisonNeedsSpaces(name: subjectToken.text, comparison: joined, value: value)
                    throw s.error(.scenario(problem), at: opToken)
                }
                throw s.error(.scenario(.expectedComparison(opToken.text)), at: opToken)
            }
            guard let valueToken = try s.nextToken() else { throw s.errorAtEnd(.scenario(.expectedNumber(""))) }
            guard let value = Int(valueToken.text) else { throw s.error(.scenario(.expectedNumber(valueToken.text)), at: valueToken) }
            clauses.append(ScenarioCondition.Clause(subject: subject, comparison: comparison, value: value))
            var ahead = s
            guard let next = try ahead.nextToken() else { break }
            if next.text.lowercased() == "and" {
                s = ahead
                continue
            }
            if let stop, next.text.lowercased() == stop { break }
            throw s.error(.unexpectedWord(command: "if", word: next.text), at: next)
        }
        return ScenarioCondition(clauses: clauses)
    }

    /// A word with a comparison inside it (`irritatie>=2`, `>=2`): the name before it, the comparison and what follows.
    static func joinedComparison(_ word: String) -> (String, String, String)? {
        guard let start = word.firstIndex(where: { "<>=!".contains($0) }) else { return nil }
        let operatorEnd = word[start...].firstIndex(where: { !"<>=!".contains($0) }) ?? word.endIndex
        let comparison = String(word[start..<operatorEnd])
        guard ScenarioCondition.Comparison(rawValue: comparison) != nil else { return nil }
        let name = String(word[..<start]), value = String(word[operatorEnd...])
        guard !name.isEmpty || !value.isEmpty else { return nil }
        return (name, comparison, value)
    }

    /// The name meant by a misspelled one: within two edits (as for commands), or
    /// the same word with another ending (`afspraken` for `afspraak`).
    static func closestName(to word: String, in names: [String]) -> String? {
        if let close = Suggestion.closest(to: word, in: names, maximum: 2) { return close }
        let typed = Array(word.lowercased())
        var best: (name: String, shared: Int)?
        for name in names {
            let candidate = Array(name.lowercased())
            let shorter = min(typed.count, candidate.count)
            var shared = 0
            while shared < shorter, typed[shared] == candidate[shared] { shared += 1 }
            if shared >= 4, shared >= shorter - 2, shared > (best?.shared ?? 0) { best = (name, shared) }
        }
        return best?.name
    }
}
