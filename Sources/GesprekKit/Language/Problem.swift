/// Everything gesprek can find wrong in a line, with its message and hint in
/// Dutch and English. This is the one catalogue of user-facing diagnostics.
///
/// Messages may quote what was typed (`onbekend commando ‘vraag’`), which can
/// be personal data. With `showingInput: false` every message and hint leaves
/// the typed words out and says the same in general terms, for output that may
/// end up in a log; the line and column still say where.
public enum Problem: Sendable, Equatable {
    // The line as a whole
    /// An invisible control character (U+0000–U+001F but tab and the spaces, U+007F–U+009F).
    case controlCharacter(Unicode.Scalar)
    /// Longer than ``Problem/longestLine`` characters.
    case lineTooLong(length: Int)
    /// Bytes that are not UTF-8 (only where bytes are read: stdin).
    case invalidUTF8
    // Words and quotes
    case unterminatedQuote
    case unknownCommand(String, suggestion: String?)
    case unexpectedWord(command: String, word: String)
    // Text commands
    case missingText(command: String)
    case missingSpeaker
    // score
    case missingScoreTarget
    case unknownItem(String, questionnaire: Questionnaire)
    case unknownQuestionnaire(String)
    case unknownScoreTarget(String, suggestion: String?)
    case missingScoreValue(target: String)
    case scoreOutOfRange(String)
    case scoreNotWhole(String)
    case scoreNotNumber(String)
    // network and participants
    case missingNetworkAction(suggestion: String?)
    case unknownNetworkAction(String, suggestion: String?)
    case missingName(command: String)
    case emptyName
    case nameNeedsQuotes(name: String, command: String)
    case expectedKeyValue(String, command: String)
    case unknownKey(String, allowed: [String], suggestion: String?)
    case missingValue(key: String, allowed: [String])
    case invalidValue(key: String, value: String, allowed: [String])
    case repeatedKey(String)
    case missingChanges
    case alreadyInNetwork(String)
    case notInNetwork(String, suggestion: String?, members: [String])
    case missingMarkLabel
    case nothingToUndo
    case unknownHelpTopic(String)
    // Warnings
    case tagLooksLikeTypo(tag: String, suggestion: String)
    /// `say` names someone who is neither a participant nor in the network (nor one's role);
    /// the line is recorded. The suggestion is a known name, in quotes when it has a space.
    case speakerNotKnown(String, suggestion: String?)
    // Host commands and the transcript
    case hostCommandFailed(message: String, hint: String?)
    /// A recorded line could not be written to the transcript: it waits in memory, `waiting` lines in all (this one included).
    case transcriptNotSaved(TranscriptFileError, waiting: Int)
    /// The lines that waited are all in the transcript now, `count` of them.
    case transcriptSavedAgain(count: Int)
    // Reflections (gesprek annotate)
    /// A reflection without `@moment` where no line is shown.
    case reflectionNeedsMoment
    /// `@SEQ` beyond the transcript's events.
    case momentOutOfRange(String, events: Int)
    /// `@marker` that the transcript does not have; `markers` are those it has.
    case unknownMarker(String, markers: [String])
    case missingReflectionKind
    case unknownReflectionKind(String)
    case missingReflectionText
    // Training scenarios
    case scenario(ScenarioProblem)

    /// The longest line taken, in characters: a long note fits many times over,
    /// and a longer line is a file that is no script, or text pasted by mistake.
    public static let longestLine = 10_000

    /// One sentence: what is wrong. Without `showingInput`, none of the typed words.
    public func message(in language: DisplayLanguage, showingInput: Bool = true) -> String {
        let l = language
        if !showingInput, let general = generalMessage(in: l) { return general }
        switch self {
        case let .controlCharacter(scalar):
            return l.pick(
                "onzichtbaar stuurteken \(scalar.codePoint) in de regel", "invisible control character \(scalar.codePoint) in the line")
        case let .lineTooLong(length):
            return l.pick(
                "de regel is te lang: \(length) tekens, hoogstens \(Self.longestLine)",
                "the line is too long: \(length) characters, at most \(Self.longestLine)")
        case .invalidUTF8:
            return l.pick("de regel is geen geldige UTF-8-tekst", "the line is not valid UTF-8 text")
        case .unterminatedQuote:
            return l.pick("aanhalingsteken niet gesloten", "unterminated quote")
        case let .unknownCommand(word, _):
            return l.pick("onbekend commando ‘\(word)’", "unknown command ‘\(word)’")
        case let .unexpectedWord(command, word):
            return l.pick("\(command) verwacht hier niets meer, kreeg ‘\(word)’", "\(command) takes nothing more here, got ‘\(word)’")
        case let .missingText(command):
            return l.pick("\(command) heeft tekst nodig", "\(command) needs text")
        case .missingSpeaker:
            return l.pick("say heeft een naam nodig: wie zegt het?", "say needs a name: who said it?")
        case .missingScoreTarget:
            return l.pick("score heeft een item of een dimensie nodig", "score needs an item or a dimension")
        case let .unknownItem(id, questionnaire):
            return l.pick(
                "onbekend item \(id); items van \(questionnaire.id): \(questionnaire.itemRanges)",
                "unknown item \(id); items of \(questionnaire.id): \(questionnaire.itemRanges)")
        case let .unknownQuestionnaire(id):
            return l.pick("onbekende vragenlijst ‘\(id)’", "unknown questionnaire ‘\(id)’")
        case let .unknownScoreTarget(word, _):
            return l.pick("‘\(word)’ is geen item en geen dimensie", "‘\(word)’ is neither an item nor a dimension")
        case let .missingScoreValue(target):
            return l.pick("score \(target) heeft een waarde van 0 tot en met 4 nodig", "score \(target) needs a value from 0 to 4")
        case let .scoreOutOfRange(value):
            return l.pick("score gaat van 0 tot en met 4, niet \(value)", "score takes 0 to 4, got \(value)")
        case let .scoreNotWhole(value):
            return l.pick(
                "score is een heel getal van 0 tot en met 4, niet \(value)", "score takes a whole number from 0 to 4, got \(value)")
        case let .scoreNotNumber(value):
            return l.pick(
                "score verwacht een getal van 0 tot en met 4, kreeg ‘\(value)’", "score takes a number from 0 to 4, got ‘\(value)’")
        case .missingNetworkAction:
            return l.pick("network verwacht add, set of remove", "network takes add, set or remove")
        case let .unknownNetworkAction(word, _):
            return l.pick("network kent geen ‘\(word)’", "network has no ‘\(word)’")
        case let .missingName(command):
            return l.pick("\(command) heeft een naam nodig", "\(command) needs a name")
        case .emptyName:
            return l.pick("een naam mag niet leeg zijn", "a name cannot be empty")
        case let .nameNeedsQuotes(_, command):
            return l.pick(
                "\(command) neemt één naam; zet een naam met spaties tussen aanhalingstekens",
                "\(command) takes one name; put a name with spaces in quotes")
        case let .expectedKeyValue(word, _):
            return l.pick("verwacht sleutel=waarde, kreeg ‘\(word)’", "expected key=value, got ‘\(word)’")
        case let .unknownKey(key, _, _):
            return l.pick("onbekende sleutel ‘\(key)’", "unknown key ‘\(key)’")
        case let .missingValue(key, _):
            return l.pick("\(key)= heeft een waarde nodig", "\(key)= needs a value")
        case let .invalidValue(key, value, _):
            return l.pick("\(key)=\(value) kan niet", "\(key)=\(value) is not allowed")
        case let .repeatedKey(key):
            return l.pick("\(key)= staat er twee keer", "\(key)= is given twice")
        case .missingChanges:
            return l.pick("network set heeft minstens één sleutel=waarde nodig", "network set needs at least one key=value")
        case let .alreadyInNetwork(name):
            return l.pick("\(name) staat al in het netwerk", "\(name) is already in the network")
        case let .notInNetwork(name, _, _):
            return l.pick("\(name) staat niet in het netwerk", "\(name) is not in the network")
        case .missingMarkLabel:
            return l.pick("mark heeft een label nodig", "mark needs a label")
        case .nothingToUndo:
            return l.pick("er is niets om ongedaan te maken", "there is nothing to undo")
        case let .unknownHelpTopic(word):
            return l.pick("geen hulp over ‘\(word)’", "no help about ‘\(word)’")
        case let .tagLooksLikeTypo(tag, suggestion):
            return l.pick("#\(tag) is een vrije tag; bedoel je #\(suggestion)?", "#\(tag) is a free tag; did you mean #\(suggestion)?")
        case let .speakerNotKnown(name, _):
            return l.pick(
                "\(name) is geen deelnemer en staat niet in het netwerk; vastgelegd met \(name) als spreker",
                "\(name) is not a participant and not in the network; recorded with \(name) as the speaker")
        case let .hostCommandFailed(message, _):
            return message
        case let .transcriptNotSaved(error, waiting):
            return l.pick(
                "nog niet op schijf: \(error.explanation(in: l)); \(waiting == 1 ? "1 regel wacht" : "\(waiting) regels wachten") in het geheugen",
                "not on disk yet: \(error.explanation(in: l)); \(waiting) \(waiting == 1 ? "line" : "lines") waiting in memory")
        case let .transcriptSavedAgain(count):
            return l.pick(
                "weer opgeslagen: alles staat op schijf (\(count) \(count == 1 ? "regel" : "regels") ingehaald)",
                "saved again: everything is on disk (\(count) \(count == 1 ? "line" : "lines") caught up)")
        case .reflectionNeedsMoment:
            return l.pick(
                "over welk moment? begin met @seq of @markering", "about which moment? start with @seq or @marker")
        case let .momentOutOfRange(seq, events):
            return events == 0
                ? l.pick("@\(seq): het transcript heeft geen gebeurtenissen", "@\(seq): the transcript has no events")
                : l.pick(
                    "@\(seq) bestaat niet: het transcript heeft seq 1 tot en met \(events)",
                    "@\(seq) does not exist: the transcript has seq 1 to \(events)")
        case let .unknownMarker(label, _):
            return l.pick("het transcript heeft geen markering ‘\(label)’", "the transcript has no marker ‘\(label)’")
        case .missingReflectionKind:
            return l.pick(
                "welke soort reflectie? observatie, hypothese, afspraak of vraag",
                "which kind of reflection? observation, hypothesis, agreement or question")
        case let .unknownReflectionKind(word):
            return l.pick("onbekende soort reflectie ‘\(word)’", "unknown kind of reflection ‘\(word)’")
        case .missingReflectionText:
            return l.pick("de reflectie heeft tekst nodig", "the reflection needs text")
        case let .scenario(problem):
            return problem.message(in: l)
        }
    }

    /// Whether this is about the transcript rather than the line's text:
    /// shown without the line, so that it says nothing of what was typed.
    public var concernsTranscript: Bool {
        switch self {
        case .transcriptNotSaved, .transcriptSavedAgain: true
        default: false
        }
    }

    /// The message without the typed words, for the problems whose message quotes them.
    private func generalMessage(in l: DisplayLanguage) -> String? {
        switch self {
        case .unknownCommand: l.pick("onbekend commando", "unknown command")
        case let .unexpectedWord(command, _): l.pick("\(command) verwacht hier niets meer", "\(command) takes nothing more here")
        case let .unknownItem(_, questionnaire):
            l.pick(
                "onbekend item; items van \(questionnaire.id): \(questionnaire.itemRanges)",
                "unknown item; items of \(questionnaire.id): \(questionnaire.itemRanges)")
        case .unknownQuestionnaire: l.pick("onbekende vragenlijst", "unknown questionnaire")
        case .unknownScoreTarget: l.pick("dit is geen item en geen dimensie", "this is neither an item nor a dimension")
        case .scoreOutOfRange, .scoreNotNumber: l.pick("score gaat van 0 tot en met 4", "score takes 0 to 4")
        case .scoreNotWhole: l.pick("score is een heel getal van 0 tot en met 4", "score takes a whole number from 0 to 4")
        case .unknownNetworkAction: l.pick("network kent deze actie niet", "network has no such action")
        case .expectedKeyValue: l.pick("verwacht sleutel=waarde", "expected key=value")
        case .unknownKey: l.pick("onbekende sleutel", "unknown key")
        case let .invalidValue(key, _, _): l.pick("deze waarde kan niet bij \(key)=", "this value is not allowed for \(key)=")
        case .alreadyInNetwork: l.pick("deze naam staat al in het netwerk", "this name is already in the network")
        case .notInNetwork: l.pick("deze naam staat niet in het netwerk", "this name is not in the network")
        case .unknownHelpTopic: l.pick("geen hulp over dit onderwerp", "no help about this topic")
        case .tagLooksLikeTypo: l.pick("deze vrije tag lijkt op een tikfout", "this free tag looks like a typo")
        case .speakerNotKnown:
            l.pick(
                "de spreker is geen deelnemer en staat niet in het netwerk; de regel is vastgelegd",
                "the speaker is not a participant and not in the network; the line was recorded")
        case .hostCommandFailed: l.pick("de regel is geweigerd", "the line was rejected")
        case .unknownMarker: l.pick("het transcript heeft deze markering niet", "the transcript has no such marker")
        case .unknownReflectionKind: l.pick("onbekende soort reflectie", "unknown kind of reflection")
        // These quote nothing that was typed (a command, a key or an item id that gesprek knows, a number of
        // characters); listed rather than `default` so that a new problem needs a decision here.
        case .controlCharacter, .lineTooLong, .invalidUTF8, .unterminatedQuote, .missingText, .missingSpeaker,
            .missingScoreTarget, .missingScoreValue, .missingNetworkAction, .missingName, .emptyName, .nameNeedsQuotes,
            .missingValue, .repeatedKey, .missingChanges, .missingMarkLabel, .nothingToUndo,
            .transcriptNotSaved, .transcriptSavedAgain, .reflectionNeedsMoment, .momentOutOfRange, .missingReflectionKind,
            .missingReflectionText:
            nil
        // A scenario is a trainer's fictional text, and a trainee's mistakes quote only numbers and labels.
        case .scenario:
            nil
        }
    }

    /// What to do about it, or `nil` when the message says it all. Without
    /// `showingInput`, none of the typed words or names.
    public func hint(in language: DisplayLanguage, showingInput: Bool = true) -> String? {
        let l = language
        if !showingInput {
            switch self {
            case let .nameNeedsQuotes(_, command):
                return l.pick("zet de naam tussen aanhalingstekens: \(command) \"…\" …", "put the name in quotes: \(command) \"…\" …")
            case .alreadyInNetwork:
                return l.pick("wijzigen gaat met network set", "change it with network set")
            case let .notInNetwork(_, _, members):
                // The suggestion and the list are names; an empty network's hint names nobody.
                if !members.isEmpty { return l.pick("network toont wie erin staat", "network shows who is in it") }
            case .speakerNotKnown:
                // The suggestion is a name.
                return l.pick(
                    "undo trekt de regel in; een naam met spaties staat tussen aanhalingstekens: say \"…\" …",
                    "undo retracts the line; a name with spaces goes in quotes: say \"…\" …")
            case .tagLooksLikeTypo, .hostCommandFailed:
                // A typo's suggestion may be a free tag used earlier; a host's hint is its own.
                return nil
            case let .unknownMarker(_, markers):
                // The markers are labels from the conversation.
                return markers.isEmpty
                    ? l.pick("het transcript heeft geen markeringen; gebruik @seq", "the transcript has no markers; use @seq")
                    : l.pick("gebruik @seq, of zie de markeringen in gesprek replay", "use @seq, or see the markers in gesprek replay")
            // Their hints name only what gesprek knows: commands, keys, values, items, the scale.
            case .controlCharacter, .lineTooLong, .invalidUTF8, .unterminatedQuote, .unknownCommand, .unexpectedWord,
                .missingText, .missingSpeaker, .missingScoreTarget, .unknownItem, .unknownQuestionnaire, .unknownScoreTarget,
                .missingScoreValue, .scoreOutOfRange, .scoreNotWhole, .scoreNotNumber, .missingNetworkAction,
                .unknownNetworkAction, .missingName, .emptyName, .expectedKeyValue, .unknownKey, .missingValue,
                .invalidValue, .repeatedKey, .missingChanges, .missingMarkLabel, .nothingToUndo, .unknownHelpTopic,
                .transcriptNotSaved, .transcriptSavedAgain, .scenario, .reflectionNeedsMoment, .momentOutOfRange,
                .missingReflectionKind, .unknownReflectionKind, .missingReflectionText:
                break
            }
        }
        switch self {
        case .controlCharacter:
            return l.pick(
                "typ de regel opnieuw zonder dit teken; een script is platte tekst",
                "type the line again without it; a script is plain text")
        case .lineTooLong:
            return l.pick("verdeel de tekst over meer regels", "split the text over more lines")
        case .invalidUTF8:
            return l.pick("stel de invoer in op UTF-8", "set the input's encoding to UTF-8")
        case .unterminatedQuote:
            return l.pick("sluit de naam af met \", bijvoorbeeld \"Tante Fatima\"", "close the name with \", for example \"Tante Fatima\"")
        case let .unknownCommand(_, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            return l.pick(
                "commando's: \(Help.commandNames.joined(separator: ", ")); help toont uitleg",
                "commands: \(Help.commandNames.joined(separator: ", ")); help explains them")
        case let .unexpectedWord(command, _):
            return l.pick("zie help \(command)", "see help \(command)")
        case let .missingText(command) where command != "say" && Help.scenarioTopics.contains(command):
            // A scenario's word (intro, scene, plan, option …): its own help, not an example of a question.
            return l.pick("zie help \(command)", "see help \(command)")
        case .missingText(">"):
            return l.pick(
                "bijvoorbeeld: > ask #v Hoe gaat het met je?; zie help plan", "for example: > ask #v Hoe gaat het met je?; see help plan")
        case let .missingText(command):
            return l.pick("bijvoorbeeld: \(command) #v Hoe gaat het met je?", "for example: \(command) #v Hoe gaat het met je?")
        case .missingSpeaker:
            return l.pick("bijvoorbeeld: say moeder Het gaat wel.", "for example: say moeder Het gaat wel.")
        case .missingScoreTarget:
            return l.pick(
                "bijvoorbeeld: score gezin.s1 3 of score motivationeel 2", "for example: score gezin.s1 3 or score motivationeel 2")
        case .unknownItem:
            return l.pick("help items toont alle items met hun tekst", "help items lists every item with its text")
        case .unknownQuestionnaire:
            let names = Questionnaire.all.map(\.id).joined(separator: ", ")
            return l.pick("vragenlijsten: \(names)", "questionnaires: \(names)")
        case let .unknownScoreTarget(_, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            let dims = Dimension.allCases.map(\.rawValue).joined(separator: ", ")
            return l.pick("een item zoals gezin.s1, of een dimensie: \(dims)", "an item such as gezin.s1, or a dimension: \(dims)")
        case .missingScoreValue, .scoreOutOfRange, .scoreNotWhole, .scoreNotNumber:
            return Scale.legend(in: l)
        case let .missingNetworkAction(suggestion), let .unknownNetworkAction(_, suggestion):
            if let suggestion { return l.pick("bedoel je network \(suggestion)?", "did you mean network \(suggestion)?") }
            return l.pick(
                "network add NAAM …, network set NAAM …, network remove NAAM, of network alleen om het te tonen",
                "network add NAME …, network set NAME …, network remove NAME, or network alone to show it")
        case let .missingName(command):
            return l.pick("bijvoorbeeld: \(command) Oma", "for example: \(command) Oma")
        case .emptyName:
            return nil
        case let .nameNeedsQuotes(name, command):
            return "\(command) \"\(name)\" …"
        case let .expectedKeyValue(_, command):
            return l.pick(
                "sleutels: \(NetworkAttributes.keys.joined(separator: ", ")); zie help \(command)",
                "keys: \(NetworkAttributes.keys.joined(separator: ", ")); see help \(command)")
        case let .unknownKey(_, allowed, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)=?", "did you mean \(suggestion)=?") }
            return l.pick("sleutels: \(allowed.joined(separator: ", "))", "keys: \(allowed.joined(separator: ", "))")
        case let .missingValue(_, allowed), let .invalidValue(_, _, allowed):
            if allowed.isEmpty { return nil }
            // yes/no keys take ja/nee too: name the words of the reader's language.
            if allowed == ["yes", "no"] { return l.pick("kies uit: ja, nee", "choose from: yes, no") }
            return l.pick("kies uit: \(allowed.joined(separator: ", "))", "choose from: \(allowed.joined(separator: ", "))")
        case .repeatedKey:
            return nil
        case .missingChanges:
            return l.pick("bijvoorbeeld: network set Oma contact=wekelijks", "for example: network set Oma contact=wekelijks")
        case let .alreadyInNetwork(name):
            return l.pick("wijzigen gaat met network set \(name) …", "change it with network set \(name) …")
        case let .notInNetwork(_, suggestion, members):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            if members.isEmpty {
                return l.pick(
                    "het netwerk is nog leeg; voeg iemand toe met network add", "the network is still empty; add someone with network add")
            }
            return l.pick("in het netwerk: \(members.joined(separator: ", "))", "in the network: \(members.joined(separator: ", "))")
        case .missingMarkLabel:
            return l.pick("bijvoorbeeld: mark einde-verkenning", "for example: mark einde-verkenning")
        case .nothingToUndo:
            return nil
        case .unknownHelpTopic:
            return l.pick(
                "onderwerpen: \((Help.commandNames + Help.extraTopics).joined(separator: ", "))",
                "topics: \((Help.commandNames + Help.extraTopics).joined(separator: ", "))")
        case .tagLooksLikeTypo:
            return nil
        case let .speakerNotKnown(_, suggestion):
            if let suggestion {
                return l.pick(
                    "bedoel je \(suggestion)? undo trekt de regel in; typ dan say \(suggestion) …",
                    "did you mean \(suggestion)? undo retracts the line; then type say \(suggestion) …")
            }
            return l.pick(
                "undo trekt de regel in; een naam met spaties staat tussen aanhalingstekens: say \"Oma Ria\" …",
                "undo retracts the line; a name with spaces goes in quotes: say \"Oma Ria\" …")
        case let .hostCommandFailed(_, hint):
            return hint
        case let .transcriptNotSaved(error, _) where error == .removed:
            return l.pick(
                "bewaar alles in een nieuw bestand; elke regel is nog in het geheugen",
                "save everything to a new file; every line is still in memory")
        case .transcriptNotSaved:
            return l.pick(
                "maak ruimte vrij; bij elke volgende regel wordt het opnieuw geprobeerd. Of bewaar alles in een ander bestand",
                "free some space; every next line tries again. Or save everything to another file")
        case .transcriptSavedAgain:
            return nil
        case .reflectionNeedsMoment:
            return l.pick(
                "bijvoorbeeld: @12 observatie #c Moeder noemt zelf de buurvrouw als steun, of @\"rond afspraken\" afspraak …",
                "for example: @12 observation #c Mother names the neighbour as support, or @\"rond afspraken\" agreement …")
        case let .momentOutOfRange(_, events):
            return events == 0 ? nil : l.pick("kies een seq van 1 tot en met \(events)", "choose a seq from 1 to \(events)")
        case let .unknownMarker(_, markers):
            if markers.isEmpty {
                return l.pick("het transcript heeft geen markeringen; gebruik @seq", "the transcript has no markers; use @seq")
            }
            return l.pick("markeringen: \(markers.joined(separator: ", "))", "markers: \(markers.joined(separator: ", "))")
        case .missingReflectionKind, .unknownReflectionKind:
            return l.pick(
                "soorten: observatie, hypothese, afspraak, vraag; bijvoorbeeld: @12 observatie #c …",
                "kinds: observation, hypothesis, agreement, question; for example: @12 observation #c …")
        case .missingReflectionText:
            return l.pick("bijvoorbeeld: @12 vraag #m Wat wil vader zelf?", "for example: @12 question #m What does father want?")
        case let .scenario(problem):
            return problem.hint(in: l)
        }
    }
}

private extension Unicode.Scalar {
    /// `U+001B`
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
