/// What can be wrong in a training scenario, beyond the lines of the
/// conversation language it contains, with messages and hints in Dutch and English.
public enum ScenarioProblem: Sendable, Equatable {
    case missingTitle
    case repeatedHeader(command: String)
    case missingClient
    case unknownWord(String, suggestion: String?)
    case misplaced(command: String, place: Place)
    case missingEnd(opened: String, line: Int)
    case missingLabel(command: String)
    case duplicateLabel(String, firstLine: Int)
    case unknownLabel(String, suggestion: String?)
    case unknownSpeaker(String, cast: [String], suggestion: String?)
    case dimensionOnClientLine
    case expectedNumber(String)
    case expectedComparison(String, suggestion: String? = nil)
    case invalidExpectation(String, suggestion: String? = nil)
    case unknownExpectation(String, suggestion: String?)
    case optionNotRecordable(String)
    case choiceWithoutOptions
    case variableNeverSet(String, suggestion: String?)
    /// `if irritatie>=2 goto …`: a comparison written against its name and number.
    case comparisonNeedsSpaces(name: String, comparison: String, value: String)
    case unreachablePart(String)
    case unreachableLine(after: String)
    case partWithoutWayOn(String)
    case unmeetable(reason: UnmeetableReason)
    case jumpLoop([String])
    case possibleJumpLoop([String])
    case stepLimit(Int)
    case expectedPlanStep(String, suggestion: String?)
    case optionNeedsCommand(String, label: String)
    case noChoiceOpen
    case noSuchOption(Int, count: Int)
    case undoAfterReaction

    /// Where a scenario word may not stand.
    public enum Place: Sendable, Equatable {
        case outsideChoice, outsideBlock, insideReaction, insidePlan, outsidePart, afterParts, withoutExpectation, outsidePlan
    }

    /// Why no path through the scenario can meet an expectation.
    public enum UnmeetableReason: Sendable, Equatable {
        case partUnreachable(String)
        case partOnEveryPath(String)
        case sameDimension(String)
        case zeroTurns
    }

    func message(in l: DisplayLanguage) -> String {
        switch self {
        case .missingTitle:
            return l.pick("een scenario begint met scenario en een titel", "a scenario starts with scenario and a title")
        case let .repeatedHeader(command):
            return l.pick("\(command) staat er al; een scenario heeft er één", "\(command) is given already; a scenario has one")
        case .missingClient:
            return l.pick("het scenario heeft geen client: wie speelt de cliënt?", "the scenario has no client: who plays the client?")
        case let .unknownWord(word, _):
            return l.pick("onbekend woord ‘\(word)’ in een scenario", "unknown word ‘\(word)’ in a scenario")
        case let .misplaced(command, place):
            switch place {
            case .outsideChoice:
                return l.pick("option hoort direct onder een choice", "option belongs right under a choice")
            case .outsideBlock:
                return l.pick("end sluit een on of een plan, maar er is er geen open", "end closes an on or a plan, but none is open")
            case .insideReaction:
                return l.pick("\(command) kan niet binnen een reactie (on … end)", "\(command) cannot stand inside a reaction (on … end)")
            case .insidePlan:
                return l.pick("\(command) kan niet binnen een testplan", "\(command) cannot stand inside a test plan")
            case .outsidePart:
                return l.pick("\(command) hoort in een part", "\(command) belongs in a part")
            case .afterParts:
                return l.pick("\(command) hoort bovenaan, vóór de eerste part", "\(command) belongs at the top, before the first part")
            case .withoutExpectation:
                return l.pick("guidance hoort direct onder een expect", "guidance belongs right under an expect")
            case .outsidePlan:
                return l.pick("\(command) hoort in een testplan (plan … end)", "\(command) belongs in a test plan (plan … end)")
            }
        case let .missingEnd(opened, line):
            return l.pick("\(opened) op regel \(line) wordt niet afgesloten met end", "\(opened) on line \(line) is not closed with end")
        case let .missingLabel(command):
            return l.pick("\(command) heeft een label nodig", "\(command) needs a label")
        case let .duplicateLabel(label, firstLine):
            return l.pick("part \(label) bestaat al (regel \(firstLine))", "part \(label) exists already (line \(firstLine))")
        case let .unknownLabel(label, _):
            return l.pick("er is geen part \(label)", "there is no part \(label)")
        case let .unknownSpeaker(name, _, _):
            return l.pick("\(name) hoort niet bij de cast", "\(name) is not in the cast")
        case .dimensionOnClientLine:
            return l.pick(
                "een regel van de cliënt telt niet mee voor de dekking; geef hem geen dimensietag",
                "a client's line does not count towards coverage; give it no dimension tag")
        case let .expectedNumber(word):
            return l.pick("verwacht een heel getal, kreeg ‘\(word)’", "expected a whole number, got ‘\(word)’")
        case let .expectedComparison(word, _):
            return l.pick(
                "verwacht een vergelijking (<, <=, =, !=, >=, >), kreeg ‘\(word)’",
                "expected a comparison (<, <=, =, !=, >=, >), got ‘\(word)’")
        case let .invalidExpectation(word, _):
            return word.isEmpty
                ? l.pick("expect heeft een verwachting nodig", "expect needs an expectation")
                : l.pick("expect begrijpt ‘\(word)’ niet", "expect does not understand ‘\(word)’")
        case let .unknownExpectation(text, _):
            return l.pick("het scenario heeft geen verwachting ‘\(text)’", "the scenario has no expectation ‘\(text)’")
        case let .optionNotRecordable(word):
            return l.pick(
                "een option legt een regel vast; ‘\(word)’ legt niets vast",
                "an option records a line; ‘\(word)’ records nothing")
        case .choiceWithoutOptions:
            return l.pick("choice zonder option-regels eronder", "choice without option lines under it")
        case let .variableNeverSet(name, _):
            return l.pick("\(name) wordt nergens gezet met set; hij blijft 0", "\(name) is never set with set; it stays 0")
        case let .unreachablePart(label):
            return l.pick(
                "part \(label) is onbereikbaar: geen sprong, keuze of vorige part leidt erheen",
                "part \(label) cannot be reached: no jump, choice or previous part leads to it")
        case let .unreachableLine(after):
            return l.pick("deze regel wordt nooit bereikt: hij staat na \(after)", "this line is never reached: it comes after \(after)")
        case let .partWithoutWayOn(label):
            return l.pick(
                "vanuit part \(label) is er geen weg naar finish: de cursist blijft daar steken zonder feedback",
                "from part \(label) there is no way to finish: the trainee gets stuck there without feedback")
        case let .unmeetable(reason):
            switch reason {
            case let .partUnreachable(label):
                return l.pick(
                    "geen enkel pad haalt deze verwachting: part \(label) is onbereikbaar",
                    "no path can meet this expectation: part \(label) cannot be reached")
            case let .partOnEveryPath(label):
                return l.pick(
                    "geen enkel pad haalt deze verwachting: elk pad gaat door part \(label)",
                    "no path can meet this expectation: every path goes through part \(label)")
            case let .sameDimension(dimension):
                return l.pick(
                    "geen enkel pad haalt deze verwachting: \(dimension) kan niet vóór zichzelf komen",
                    "no path can meet this expectation: \(dimension) cannot come before itself")
            case .zeroTurns:
                return l.pick(
                    "geen enkel pad haalt deze verwachting: binnen 0 beurten kan niets",
                    "no path can meet this expectation: nothing fits in 0 turns")
            }
        case let .jumpLoop(labels):
            return l.pick(
                "deze sprongen lopen rond zonder dat de cursist aan de beurt komt: \(labels.joined(separator: " → "))",
                "these jumps go round without the trainee getting a turn: \(labels.joined(separator: " → "))")
        case let .possibleJumpLoop(labels):
            return l.pick(
                "deze sprongen kunnen rondlopen zonder dat de cursist aan de beurt komt: \(labels.joined(separator: " → "))",
                "these jumps may go round without the trainee getting a turn: \(labels.joined(separator: " → "))")
        case let .stepLimit(limit):
            return l.pick(
                "het scenario liep vast: meer dan \(limit) stappen zonder beurt voor de cursist",
                "the scenario got stuck: more than \(limit) steps without a turn for the trainee")
        case let .expectedPlanStep(word, _):
            return l.pick("een testplan kent ‘\(word)’ niet", "a test plan has no ‘\(word)’")
        case let .comparisonNeedsSpaces(name, comparison, value):
            return l.pick(
                "zet spaties rond \(comparison): ‘\(name)\(comparison)\(value)’ is één woord",
                "put spaces around \(comparison): ‘\(name)\(comparison)\(value)’ is one word")
        case let .optionNeedsCommand(word, _):
            return l.pick(
                "na het label van een option komt de regel die de cursist vastlegt, niet ‘\(word)’",
                "after an option's label comes the line the trainee records, not ‘\(word)’")
        case .noChoiceOpen:
            return l.pick("er staat nu geen keuze open", "there is no choice on offer now")
        case let .noSuchOption(number, count):
            return l.pick("keuze \(number) bestaat niet; kies 1 tot en met \(count)", "there is no option \(number); choose 1 to \(count)")
        case .undoAfterReaction:
            return l.pick(
                "undo kan hier niet: de cliënt heeft al gereageerd op je laatste regel",
                "undo is not possible here: the client has already reacted to your last line")
        }
    }

    func hint(in l: DisplayLanguage) -> String? {
        switch self {
        case .missingTitle:
            return l.pick("bijvoorbeeld: scenario Sanne wil niet praten", "for example: scenario Sanne wil niet praten")
        case .repeatedHeader, .duplicateLabel:
            return nil
        case .missingClient:
            return l.pick("bijvoorbeeld: client Sanne role=jongere", "for example: client Sanne role=jongere")
        case let .unknownWord(_, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            return l.pick(
                "in een scenario: \(ScenarioParser.words.joined(separator: ", ")), en de commando's van een gesprek; zie help scenario",
                "in a scenario: \(ScenarioParser.words.joined(separator: ", ")), and the commands of a conversation; see help scenario")
        case .misplaced(_, .outsidePart):
            return l.pick("begin eerst een part: part begin", "start a part first: part begin")
        case .misplaced(_, .outsideChoice):
            return l.pick(
                "zet er een choice VRAAG boven, met de option-regels direct eronder",
                "put a choice QUESTION above it, with the option lines right under it")
        case .misplaced(_, .outsidePlan):
            return l.pick(
                "begin een testplan met plan NAAM en sluit het af met end", "start a test plan with plan NAME and close it with end")
        case let .missingEnd(opened, line):
            return l.pick(
                "zet end onder de laatste regel van \(opened) op regel \(line)",
                "put end under the last line of the \(opened) on line \(line)")
        case .misplaced(_, .outsideBlock):
            return l.pick("zie help on en help plan", "see help on and help plan")
        case .misplaced(_, .withoutExpectation):
            return l.pick("zie help guidance", "see help guidance")
        case let .misplaced(command, _):
            return l.pick("zie help \(Self.helpTopic(command))", "see help \(Self.helpTopic(command))")
        case let .missingLabel(command):
            return l.pick("bijvoorbeeld: \(command) opening", "for example: \(command) opening")
        case let .unknownLabel(_, suggestion):
            return suggestion.map { l.pick("bedoel je \($0)?", "did you mean \($0)?") }
        case let .unknownSpeaker(_, cast, suggestion):
            if let suggestion { return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?") }
            return l.pick(
                "cast: \(cast.joined(separator: ", ")); voeg iemand toe met cast NAAM role=…",
                "cast: \(cast.joined(separator: ", ")); add someone with cast NAME role=…")
        case .dimensionOnClientLine:
            return l.pick(
                "laat de tag weg; de dekking telt wat de cursist doet", "leave the tag out; coverage counts what the trainee does")
        case .expectedNumber:
            return l.pick("een heel getal, zoals 3; bij set ook +1 of -1", "a whole number such as 3; for set also +1 or -1")
        case let .expectedComparison(_, suggestion?), let .invalidExpectation(_, suggestion?):
            return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?")
        case .expectedComparison:
            return l.pick(
                "bijvoorbeeld: if irritatie >= 2 goto afsluiten; zie help if", "for example: if irritatie >= 2 goto afsluiten; see help if")
        case let .comparisonNeedsSpaces(name, comparison, value):
            return l.pick("bijvoorbeeld: \(name) \(comparison) \(value)", "for example: \(name) \(comparison) \(value)")
        case .invalidExpectation:
            return l.pick(
                "expect #v · expect #v before #s · expect #v within 3 · expect network [NAAM] · expect score ITEM · expect reach PART · expect avoid PART; zie help expect",
                "expect #v · expect #v before #s · expect #v within 3 · expect network [NAME] · expect score ITEM · expect reach PART · expect avoid PART; see help expect"
            )
        case let .unknownExpectation(_, suggestion):
            return suggestion.map { l.pick("bedoel je ‘\($0)’?", "did you mean ‘\($0)’?") }
        case .optionNotRecordable:
            return l.pick(
                "bijvoorbeeld: option praktisch ask #v Zullen we eerst samen naar de brief kijken?; zie help option",
                "for example: option praktisch ask #v Zullen we eerst samen naar de brief kijken?; see help option")
        case .choiceWithoutOptions:
            return l.pick("option PART REGEL, één per keuze; zie help choice", "option PART LINE, one per choice; see help choice")
        case let .variableNeverSet(_, suggestion?):
            return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?")
        case .variableNeverSet:
            return l.pick(
                "zet hem ergens met set NAAM +1, of controleer de spelling; zie help set",
                "set it somewhere with set NAME +1, or check the spelling; see help set")
        case .unreachablePart:
            return l.pick(
                "voeg een goto of option toe die erheen leidt, of haal het part weg",
                "add a goto or option that leads to it, or remove the part")
        case .unreachableLine:
            return l.pick("zet de regel vóór de sprong", "move the line before the jump")
        case .partWithoutWayOn:
            return l.pick(
                "geef een reactie in dat part een goto of finish, of een choice",
                "give a reaction in that part a goto or finish, or a choice")
        case .unmeetable:
            return nil
        case .jumpLoop, .possibleJumpLoop:
            return l.pick(
                "laat het part wachten op de cursist met een reactie (on … end) of een choice",
                "let the part wait for the trainee with a reaction (on … end) or a choice")
        case .stepLimit:
            return l.pick("controleer de sprongen met gesprek check", "check the jumps with gesprek check")
        case .noChoiceOpen:
            return l.pick("typ een regel zoals ask #v Hoe gaat het met je?", "type a line such as ask #v Hoe gaat het met je?")
        case .noSuchOption:
            return nil
        case .undoAfterReaction:
            return l.pick("leg een correctie vast met note", "record a correction with note")
        case let .optionNeedsCommand(word, label):
            let commands = ["ask", "note", "say", "score", "network"]
            if let command = Suggestion.closest(to: word, in: commands, maximum: 2) {
                return l.pick("bedoel je \(command)?", "did you mean \(command)?")
            }
            // Most often the speaker of a `say`, as in: option erkenning say adviseur Ik hoor dat het zwaar is.
            return l.pick(
                "zegt \(word) iets? option \(label) say \(word) TEKST; een vraag: option \(label) ask #v TEKST; zie help option",
                "does \(word) say something? option \(label) say \(word) TEXT; a question: option \(label) ask #v TEXT; see help option")
        case let .expectedPlanStep(_, suggestion?):
            return l.pick("bedoel je \(suggestion)?", "did you mean \(suggestion)?")
        case .expectedPlanStep:
            return l.pick(
                "> REGEL (wat de cursist typt), < NAAM TEKST (wat de cliënt zegt), met …, missed …, finished, end; zie help plan",
                "> LINE (what the trainee types), < NAME TEXT (what the client says), met …, missed …, finished, end; see help plan")
        }
    }

    /// The `help` topic for a word of a scenario or a test plan: its own, or `plan` for a plan's steps.
    static func helpTopic(_ word: String) -> String {
        Help.scenarioTopics.contains(word) || Help.commandNames.contains(word) ? word : "plan"
    }
}
