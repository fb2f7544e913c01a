/// Everything gesprek can find wrong in a line, with its message and hint in
/// Dutch and English. This is the one catalogue of user-facing diagnostics.
public enum Problem: Sendable, Equatable {
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
    // Host commands and the transcript
    case hostCommandFailed(message: String, hint: String?)
    /// A recorded line could not be written to the transcript: it waits in memory, `waiting` lines in all (this one included).
    case transcriptNotSaved(TranscriptFileError, waiting: Int)
    /// The lines that waited are all in the transcript now, `count` of them.
    case transcriptSavedAgain(count: Int)
    // Training scenarios
    case scenario(ScenarioProblem)

    /// One sentence: what is wrong.
    public func message(in language: DisplayLanguage) -> String {
        let l = language
        switch self {
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
            return l.pick("onbekend item \(id); items van \(questionnaire.id): \(questionnaire.itemRanges)",
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
            return l.pick("score is een heel getal van 0 tot en met 4, niet \(value)", "score takes a whole number from 0 to 4, got \(value)")
        case let .scoreNotNumber(value):
            return l.pick("score verwacht een getal van 0 tot en met 4, kreeg ‘\(value)’", "score takes a number from 0 to 4, got ‘\(value)’")
        case .missingNetworkAction:
            return l.pick("network verwacht add, set of remove", "network takes add, set or remove")
        case let .unknownNetworkAction(word, _):
            return l.pick("network kent geen ‘\(word)’", "network has no ‘\(word)’")
        case let .missingName(command):
            return l.pick("\(command) heeft een naam nodig", "\(command) needs a name")
        case .emptyName:
            return l.pick("een naam mag niet leeg zijn", "a name cannot be empty")
        case let .nameNeedsQuotes(_, command):
            return l.pick("\(command) neemt één naam; zet een naam met spaties tussen aanhalingstekens",
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
        case let .hostCommandFailed(message, _):
            return message
        case let .transcriptNotSaved(error, waiting):
            return l.pick("nog niet op schijf: \(error.explanation(in: l)); \(waiting == 1 ? "1 regel wacht" : "\(waiting) regels wachten") in het geheugen",
                          "not on disk yet: \(error.explanation(in: l)); \(waiting) \(waiting == 1 ? "line" : "lines") waiting in memory")
        case let .transcriptSavedAgain(count):
            return l.pick("weer opgeslagen: alles staat op schijf (\(count) \(count == 1 ? "regel" : "regels") ingehaald)",
                          "saved again: everything is on disk (\(count) \(count == 1 ? "line" : "lines") caught up)")
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

    /// What to do about it, or `nil` when the message says it all.
    public func hint(in language: DisplayLanguage) -> String? {
        let l = language
        switch self {
        case .unterminatedQuote:
            return l.pick("sluit de naam af met \", bijvoorbeeld \"Tante Fatima\"", "close the name with \", for example \"Tante Fatima\"")
        case let .unknownCommand(_, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            return l.pick("commando's: \(Help.commandNames.joined(separator: ", ")); help toont uitleg",
                          "commands: \(Help.commandNames.joined(separator: ", ")); help explains them")
        case let .unexpectedWord(command, _):
            return l.pick("zie help \(command)", "see help \(command)")
        case let .missingText(command):
            return l.pick("bijvoorbeeld: \(command) #v Hoe gaat het met je?", "for example: \(command) #v Hoe gaat het met je?")
        case .missingSpeaker:
            return l.pick("bijvoorbeeld: say moeder Het gaat wel.", "for example: say moeder Het gaat wel.")
        case .missingScoreTarget:
            return l.pick("bijvoorbeeld: score gezin.s1 3 of score motivationeel 2", "for example: score gezin.s1 3 or score motivationeel 2")
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
            return Scale.legend
        case let .missingNetworkAction(suggestion), let .unknownNetworkAction(_, suggestion):
            if let suggestion { return l.pick("bedoel je network \(suggestion)?", "did you mean network \(suggestion)?") }
            return l.pick("network add NAAM …, network set NAAM …, network remove NAAM, of network alleen om het te tonen",
                          "network add NAME …, network set NAME …, network remove NAME, or network alone to show it")
        case let .missingName(command):
            return l.pick("bijvoorbeeld: \(command) Oma", "for example: \(command) Oma")
        case .emptyName:
            return nil
        case let .nameNeedsQuotes(name, command):
            return "\(command) \"\(name)\" …"
        case let .expectedKeyValue(_, command):
            return l.pick("sleutels: \(NetworkAttributes.keys.joined(separator: ", ")); zie help \(command)",
                          "keys: \(NetworkAttributes.keys.joined(separator: ", ")); see help \(command)")
        case let .unknownKey(_, allowed, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)=?", "did you mean \(suggestion)=?") }
            return l.pick("sleutels: \(allowed.joined(separator: ", "))", "keys: \(allowed.joined(separator: ", "))")
        case let .missingValue(_, allowed), let .invalidValue(_, _, allowed):
            if allowed.isEmpty { return nil }
            return l.pick("kies uit: \(allowed.joined(separator: ", "))", "choose from: \(allowed.joined(separator: ", "))")
        case .repeatedKey:
            return nil
        case .missingChanges:
            return l.pick("bijvoorbeeld: network set Oma contact=wekelijks", "for example: network set Oma contact=wekelijks")
        case let .alreadyInNetwork(name):
            return l.pick("wijzigen gaat met network set \(name) …", "change it with network set \(name) …")
        case let .notInNetwork(_, suggestion, members):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            if members.isEmpty { return l.pick("het netwerk is nog leeg; voeg iemand toe met network add", "the network is still empty; add someone with network add") }
            return l.pick("in het netwerk: \(members.joined(separator: ", "))", "in the network: \(members.joined(separator: ", "))")
        case .missingMarkLabel:
            return l.pick("bijvoorbeeld: mark einde-verkenning", "for example: mark einde-verkenning")
        case .nothingToUndo:
            return nil
        case .unknownHelpTopic:
            return l.pick("onderwerpen: \((Help.commandNames + Help.extraTopics).joined(separator: ", "))",
                          "topics: \((Help.commandNames + Help.extraTopics).joined(separator: ", "))")
        case .tagLooksLikeTypo:
            return nil
        case let .hostCommandFailed(_, hint):
            return hint
        case let .transcriptNotSaved(error, _) where error == .removed:
            return l.pick("bewaar alles in een nieuw bestand; elke regel is nog in het geheugen",
                          "save everything to a new file; every line is still in memory")
        case .transcriptNotSaved:
            return l.pick("maak ruimte vrij; bij elke volgende regel wordt het opnieuw geprobeerd. Of bewaar alles in een ander bestand",
                          "free some space; every next line tries again. Or save everything to another file")
        case .transcriptSavedAgain:
            return nil
        case let .scenario(problem):
            return problem.hint(in: l)
        }
    }
}
