/// The outcome of parsing one line.
enum ParsedLine {
    /// A blank line or a `//` comment.
    case nothing
    case command(Command, warnings: [Diagnostic])
    case failure(Diagnostic)
}

/// Turns one line of the conversation language into a ``Command``, or into
/// one diagnostic with its position and a hint. Stateless but for what it is
/// told: the host's commands and the free tags already used (for typo hints).
struct Parser {
    var hostCommands: [String: HostCommand] = [:]
    var knownFreeTags: Set<String> = []

    static let builtInCommands = ["ask", "note", "say", "score", "network", "mark", "undo", "summary", "help", "session", "participant"]
    static let networkActions = ["add", "set", "remove"]

    func parse(_ line: String, lineNumber: Int) -> ParsedLine {
        var scanner = LineScanner(line, lineNumber: lineNumber)
        if scanner.isBlankOrComment { return .nothing }
        if let problem = scanner.problemWithWholeLine() { return .failure(problem) }
        do {
            var warnings: [Diagnostic] = []
            let command = try parseCommand(&scanner, warnings: &warnings)
            return .command(command, warnings: warnings)
        } catch {
            return .failure(error)
        }
    }

    private func parseCommand(_ s: inout LineScanner, warnings: inout [Diagnostic]) throws(Diagnostic) -> Command {
        guard let word = try s.nextToken() else { preconditionFailure("blank lines are handled before") }
        let name = word.text.lowercasedIfNeeded
        switch name {
        case "ask", "note":
            let (text, tags) = try textWithTags(&s, command: name, warnings: &warnings)
            return name == "ask" ? .ask(text: text, tags: tags) : .note(text: text, tags: tags)
        case "say":
            guard let speaker = try s.nextToken(), !speaker.isTag, !speaker.text.isEmpty else {
                throw s.error(.missingSpeaker, after: word)
            }
            let (text, tags) = try textWithTags(&s, command: "say", warnings: &warnings)
            return .say(speaker: speaker.text, text: text, tags: tags)
        case "score":
            return try parseScore(&s, warnings: &warnings)
        case "network":
            return try parseNetwork(&s, after: word, warnings: &warnings)
        case "mark":
            let rest = s.restAsText()
            let label =
                rest.trailingTags.isEmpty
                ? rest.text
                : ([rest.text] + rest.trailingTags.map(\.text)).filter { !$0.isEmpty }.joined(separator: " ")
            guard !label.isEmpty else { throw s.error(.missingMarkLabel, after: word) }
            return .mark(label: label)
        case "undo":
            try expectEnd(&s, command: name)
            return .undo
        case "summary":
            // `summary volledig` (`summary full`): the whole summary, where `summary` may be the short one.
            var probe = s
            if let word = try probe.nextToken(), ["volledig", "full"].contains(word.text.lowercased()) {
                s = probe
                try expectEnd(&s, command: name)
                return .summary(full: true)
            }
            try expectEnd(&s, command: name)
            return .summary(full: false)
        case "help":
            let topic = try s.nextToken()
            if let topic, !Help.isTopic(topic.text, hostCommands: hostCommands) {
                throw s.error(.unknownHelpTopic(topic.text), at: topic)
            }
            try expectEnd(&s, command: name)
            return .help(topic: topic?.text.lowercased())
        case "session":
            return try parseSession(&s, after: word)
        case "participant":
            return try parseParticipant(&s, after: word)
        default:
            if let host = hostCommands[name] {
                let tags = try resolveTags(s.leadingTags(), s, warnings: &warnings)
                let rest = s.restAsText()
                var allTags = tags
                TagResolver.resolve(rest.trailingTags, into: &allTags, knownFreeTags: knownFreeTags, scanner: s, warnings: &warnings)
                let invocation = HostCommand.Invocation(
                    text: rest.text, words: Self.words(of: rest.text),
                    tags: allTags, location: s.location(s.column(ofByte: word.start)))
                return .host(name: host.name, invocation: invocation)
            }
            let suggestion = Suggestion.closest(to: name, in: Self.builtInCommands + hostCommands.keys, maximum: 2)
            throw s.error(.unknownCommand(word.text, suggestion: suggestion), at: word)
        }
    }

    // MARK: - Text

    /// Leading tags, free text, trailing tags.
    private func textWithTags(_ s: inout LineScanner, command: String, warnings: inout [Diagnostic]) throws(Diagnostic) -> (String, TagSet)
    {
        var tags = try resolveTags(s.leadingTags(), s, warnings: &warnings)
        let rest = s.restAsText()
        TagResolver.resolve(rest.trailingTags, into: &tags, knownFreeTags: knownFreeTags, scanner: s, warnings: &warnings)
        guard !rest.text.isEmpty else { throw s.errorAtEnd(.missingText(command: command)) }
        return (rest.text, tags)
    }

    private func resolveTags(_ tokens: [Token], _ s: LineScanner, warnings: inout [Diagnostic]) throws(Diagnostic) -> TagSet {
        var tags = TagSet()
        TagResolver.resolve(tokens, into: &tags, knownFreeTags: knownFreeTags, scanner: s, warnings: &warnings)
        return tags
    }

    private func expectEnd(_ s: inout LineScanner, command: String) throws(Diagnostic) {
        if let extra = try s.nextToken() {
            throw s.error(.unexpectedWord(command: command, word: extra.text), at: extra)
        }
    }

    // MARK: - score

    private func parseScore(_ s: inout LineScanner, warnings: inout [Diagnostic]) throws(Diagnostic) -> Command {
        guard let targetToken = try s.nextToken(), !targetToken.text.isEmpty else {
            throw s.errorAtEnd(.missingScoreTarget)
        }
        let target = try scoreTarget(targetToken, s)
        guard let valueToken = try s.nextToken() else {
            throw s.errorAtEnd(.missingScoreValue(target: target.id))
        }
        let value = try scoreValue(valueToken, s)
        var tags = try resolveTags(s.leadingTags(), s, warnings: &warnings)
        let rest = s.restAsText()
        TagResolver.resolve(rest.trailingTags, into: &tags, knownFreeTags: knownFreeTags, scanner: s, warnings: &warnings)
        tags.add(target.dimension)
        return .score(target: target, value: value, text: rest.text.isEmpty ? nil : rest.text, tags: tags)
    }

    /// An item id or a dimension; also used for the targets a scenario names.
    func scoreTarget(_ token: Token, _ s: LineScanner) throws(Diagnostic) -> ScoreTarget {
        let id = token.text.lowercasedIfNeeded
        // Look for the dot by character only when there is a dot byte at all.
        if id.utf8.contains(UInt8(ascii: ".")), let dot = id.firstIndex(of: ".") {
            if let item = Questionnaire.item(id) { return .item(item) }
            let questionnaireID = String(id[..<dot])
            if let questionnaire = Questionnaire.named(questionnaireID) {
                throw s.error(.unknownItem(token.text, questionnaire: questionnaire), at: token)
            }
            throw s.error(.unknownQuestionnaire(questionnaireID), at: token)
        }
        let bare = id.hasPrefix("#") ? String(id.dropFirst()) : id
        if !bare.isEmpty, let dimension = TagResolver.dimension(for: bare) { return .dimension(dimension) }
        let candidates = Dimension.allCases.map(\.rawValue) + Questionnaire.all.flatMap(\.items).map(\.id)
        throw s.error(.unknownScoreTarget(token.text, suggestion: Suggestion.closest(to: id, in: candidates, maximum: 2)), at: token)
    }

    private func scoreValue(_ token: Token, _ s: LineScanner) throws(Diagnostic) -> Int {
        let text = token.text
        if let value = Int(text) {
            guard Scale.range.contains(value) else { throw s.error(.scoreOutOfRange(text), at: token) }
            return value
        }
        // A Dutch keyboard writes 2,5; either way it is not a whole number.
        if Double(text.replacingEvery(",", with: ".")) != nil {
            throw s.error(.scoreNotWhole(text), at: token)
        }
        throw s.error(.scoreNotNumber(text), at: token)
    }

    // MARK: - network

    private func parseNetwork(_ s: inout LineScanner, after word: Token, warnings: inout [Diagnostic]) throws(Diagnostic) -> Command {
        guard let actionToken = try s.nextToken() else { return .networkShow }
        let action = actionToken.text.lowercasedIfNeeded
        guard Self.networkActions.contains(action) else {
            let suggestion = Suggestion.closest(to: action, in: Self.networkActions, maximum: 2)
            throw s.error(.unknownNetworkAction(actionToken.text, suggestion: suggestion), at: actionToken)
        }
        let command = "network " + action
        let name = try self.name(&s, command: command, after: actionToken)
        var tags = TagSet()
        var tagTokens: [Token] = []
        var attributes = NetworkAttributes()
        var seenKeys = SeenAttributeKeys()
        var nameWords: [Token] = []
        while let token = try s.nextToken() {
            if token.isTag {
                tagTokens.append(token)
            } else if token.equalsOffset != nil, action != "remove" {
                try NetworkAttributeParser.parse(token, into: &attributes, seen: &seenKeys, scanner: s)
            } else if seenKeys.isEmpty, tagTokens.isEmpty {
                nameWords.append(token)
            } else {
                throw s.error(.expectedKeyValue(token.text, command: command), at: token)
            }
        }
        if let first = nameWords.first, let last = nameWords.last {
            let full = ([name.text] + nameWords.map(\.text)).joined(separator: " ")
            throw s.error(.nameNeedsQuotes(name: full, command: command), from: first.start, to: last.end)
        }
        TagResolver.resolve(tagTokens, into: &tags, knownFreeTags: knownFreeTags, scanner: s, warnings: &warnings)
        tags.add(.sociaal)
        let person = Name(text: name.text, span: s.span(of: name))
        switch action {
        case "add": return .networkAdd(name: person, attributes: attributes, tags: tags)
        case "set":
            guard !attributes.isEmpty else { throw s.errorAtEnd(.missingChanges) }
            return .networkSet(name: person, changes: attributes, tags: tags)
        default: return .networkRemove(name: person, tags: tags)
        }
    }

    /// A person's name: one word, or several in quotes.
    private func name(_ s: inout LineScanner, command: String, after previous: Token) throws(Diagnostic) -> Token {
        var ahead = s
        guard let token = try ahead.nextToken(), !token.isTag, token.equalsOffset == nil || token.wasQuoted else {
            throw s.error(.missingName(command: command), after: previous)
        }
        s = ahead
        let trimmed = token.text.trimmed
        guard !trimmed.isEmpty else { throw s.error(.emptyName, at: token) }
        return Token(text: trimmed, start: token.start, end: token.end, wasQuoted: token.wasQuoted)
    }

    // MARK: - session details

    private func parseSession(_ s: inout LineScanner, after word: Token) throws(Diagnostic) -> Command {
        var values: [String: String] = [:]
        let allowed = ["case", "advisor"]
        while let token = try s.nextToken() {
            let (key, value) = try keyValue(token, allowed: allowed, command: "session", s)
            guard values[key] == nil else { throw s.error(.repeatedKey(key), at: token) }
            values[key] = value
        }
        guard !values.isEmpty else {
            throw s.error(.missingValue(key: "case", allowed: []), after: word)
        }
        return .session(caseReference: values["case"], advisor: values["advisor"])
    }

    private func parseParticipant(_ s: inout LineScanner, after word: Token) throws(Diagnostic) -> Command {
        let name = try self.name(&s, command: "participant", after: word)
        var role: String?
        var extra: [Token] = []
        while let token = try s.nextToken() {
            if token.equalsOffset == nil, role == nil {
                extra.append(token)
                continue
            }
            let (_, value) = try keyValue(token, allowed: ["role"], command: "participant", s)
            guard role == nil else { throw s.error(.repeatedKey("role"), at: token) }
            role = value
        }
        if let first = extra.first, let last = extra.last {
            let full = ([name.text] + extra.map(\.text)).joined(separator: " ")
            throw s.error(.nameNeedsQuotes(name: full, command: "participant"), from: first.start, to: last.end)
        }
        return .participant(Participant(name: name.text, role: role))
    }

    private func keyValue(_ token: Token, allowed: [String], command: String, _ s: LineScanner) throws(Diagnostic) -> (String, String) {
        guard let (key, value) = token.keyValue else {
            throw s.error(.expectedKeyValue(token.text, command: command), at: token)
        }
        guard allowed.contains(key) else {
            throw s.error(.unknownKey(key, allowed: allowed, suggestion: Suggestion.closest(to: key, in: allowed, maximum: 2)), at: token)
        }
        guard !value.isEmpty else { throw s.error(.missingValue(key: key, allowed: []), at: token) }
        return (key, value)
    }

    /// Splits free text into words, honouring quotes where they balance.
    static func words(of text: String) -> [String] {
        var scanner = LineScanner(text, lineNumber: 0)
        var words: [String] = []
        do {
            while let token = try scanner.nextToken() { words.append(token.text) }
            return words
        } catch {
            return text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
    }
}
