import Foundation
import Testing
@testable import GesprekKit

/// A transcript read back from a script run in memory, as an export reads it.
func transcript(of script: String, details: SessionDetails = SessionDetails()) throws -> Transcript {
    let (session, memory) = try makeSession(language: .nl, details: details)
    let result = session.run(script: script)
    #expect(result.errors.isEmpty, "\(result.errors.map { $0.rendered(language: .en) })")
    return try TranscriptReader.read(text: memory.text)
}

/// Whether `name` stands in `text` as a whole word, ignoring case.
func mentions(_ text: String, _ name: String) -> Bool {
    let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: name) + "(?![\\p{L}\\p{N}])"
    return text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
}

@Suite struct AnonymizerTests {
    static let family = """
        session case=OKT-2026-0412 advisor="Sanne Bakker"
        participant Lisa role=moeder
        ask #v Hoe gaat het, Lisa?
        say Lisa #v Het gaat wel. Marco's nieuwe vriendin belt soms.
        network add Marco role=vader influence=- distance=yes
        network add "Familie van Marco" role=schoonfamilie influence=-
        network add "Buurvrouw Els" role=buurvrouw influence=+ support=praktisch
        network add Anna role=buurvrouw influence==
        network add Kees
        say Kees Ik help wel met de boodschappen.
        note #s De familie van Marco belt LISA nooit; ELS en anna wel. Sanne belt Marcolino.
        network set Marco contact=zelden
        mark gesprek-met-Marco
        undo
        """

    @Test func everyKindOfNameBecomesItsRoleConsistently() throws {
        let original = try transcript(of: Self.family)
        let anonymizer = Anonymizer(original)
        let anonymous = anonymizer.transcript(original)
        let state = anonymous.state
        #expect(state.details.caseReference == "dossier")
        #expect(state.details.advisor == "adviseur")
        #expect(state.details.participants == [Participant(name: "moeder", role: "moeder")])
        #expect(state.network.members.map(\.name) == ["vader", "schoonfamilie", "buurvrouw 1", "buurvrouw 2", "persoon 1"])
        let bodies = anonymous.events.map(\.body)
        #expect(bodies.contains(.say(speaker: "moeder", text: "Het gaat wel. vader's nieuwe vriendin belt soms.")))
        #expect(bodies.contains(.say(speaker: "persoon 1", text: "Ik help wel met de boodschappen.")))
        #expect(bodies.contains(.ask(text: "Hoe gaat het, moeder?")))
        // Longest first, whole words, any case; a longer word that starts with a name is not that name
        // (but looks like a name of its own, so it goes too).
        #expect(
            bodies.contains(.note(text: "De schoonfamilie belt moeder nooit; buurvrouw 1 en buurvrouw 2 wel. adviseur belt naam 1.")))
        #expect(bodies.contains(.mark(label: "gesprek-met-vader")))
        #expect(anonymous.events.map(\.line).contains("network add \"buurvrouw 1\" role=buurvrouw influence=+ support=praktisch"))
        #expect(anonymous.events.map(\.line).contains("session case=dossier advisor=\"adviseur\""))
    }

    @Test func nothingButNamesChanges() throws {
        let original = try transcript(of: Self.family)
        let anonymous = Anonymizer(original).transcript(original)
        #expect(anonymous.header.sessionID == original.header.sessionID)
        #expect(anonymous.header.started == original.header.started)
        #expect(anonymous.events.map(\.sequence) == original.events.map(\.sequence))
        #expect(anonymous.events.map(\.elapsed) == original.events.map(\.elapsed))
        #expect(anonymous.events.map(\.kind) == original.events.map(\.kind))
        #expect(anonymous.events.map(\.dimensions) == original.events.map(\.dimensions))
        #expect(Retractions.sequences(in: anonymous.events) == Retractions.sequences(in: original.events))
    }

    @Test func givenNamesInsideLongerNamesGoTooButCommonWordsStay() throws {
        let original = try transcript(
            of: """
                network add "Coach Ramon" role=voetbaltrainer influence=+
                network add "Oma Ria" role=grootmoeder
                say Milan Ramon vraagt hoe het gaat; oma komt zondag, Ria ook.
                """)
        let anonymous = Anonymizer(original).transcript(original)
        #expect(
            anonymous.events.last?.body
                == .say(speaker: "persoon 1", text: "voetbaltrainer vraagt hoe het gaat; oma komt zondag, grootmoeder ook."))
    }

    @Test func aNameThatIsOnlyARoleWordIsLeftInFreeText() throws {
        let original = try transcript(
            of: """
                network add Vader role=vader influence=+
                network add Oudergroep role="oudergroep autisme"
                say Milan Met mijn vader gaat het niet; de oudergroep helpt.
                """)
        let anonymous = Anonymizer(original).transcript(original)
        #expect(anonymous.state.network.members.map(\.name) == ["vader", "oudergroep autisme"])
        #expect(anonymous.events.last?.body == .say(speaker: "persoon 1", text: "Met mijn vader gaat het niet; de oudergroep helpt."))
    }

    @Test func aRoleThatHoldsANameIsAnonymizedToo() throws {
        let original = try transcript(
            of: """
                participant Lisa role=moeder
                network add Sophie role="vriendin van Lisa" influence=+
                """)
        let anonymous = Anonymizer(original).transcript(original)
        #expect(anonymous.state.network.members.map(\.name) == ["vriendin van moeder"])
        #expect(anonymous.state.network.members.first?.attributes.role == "vriendin van moeder")
    }

    /// `buurvrouw Joke`, where Joke's pseudonym is her role: the role word is not said twice.
    @Test func theRoleWordBeforeANameIsNotRepeated() throws {
        let original = try transcript(
            of: """
                network add Joke role=buurvrouw influence=+
                note #s Netwerkberaad met buurvrouw Joke erbij. Buurvrouw  Joke kookt; de overbuurvrouw Joke niet.
                note #s Joke belt, buurvrouw, Joke.
                """)
        let bodies = Anonymizer(original).transcript(original).events.map(\.body)
        #expect(
            bodies.contains(
                .note(text: "Netwerkberaad met buurvrouw erbij. Buurvrouw kookt; de overbuurvrouw buurvrouw niet.")))
        #expect(bodies.contains(.note(text: "buurvrouw belt, buurvrouw, buurvrouw.")))
        // Two who share the role keep their number, after the word typed.
        let two = try transcript(
            of: """
                network add Joke role=buurvrouw
                network add Els role=buurvrouw
                note Met buurvrouw Els en BUURVROUW Joke.
                """)
        let anonymous = Anonymizer(two, language: .en).transcript(two)
        #expect(anonymous.events.map(\.body).contains(.note(text: "Met buurvrouw 2 en BUURVROUW 1.")))
        #expect(anonymous.events.map(\.line).contains("note Met buurvrouw 2 en BUURVROUW 1."))
    }

    @Test func headerParticipantsAndEnglishLabels() throws {
        let original = try transcript(
            of: "say Noor Hoi.\nsay Bram Hallo Noor.",
            details: SessionDetails(caseReference: "X-1", advisor: "Sanne", participants: [Participant(name: "Noor")]))
        let anonymizer = Anonymizer(original, language: .en)
        let anonymous = anonymizer.transcript(original)
        #expect(
            anonymous.header.details
                == SessionDetails(caseReference: "case", advisor: "advisor", participants: [Participant(name: "person 1")]))
        #expect(
            anonymous.events.map(\.body) == [.say(speaker: "person 1", text: "Hoi."), .say(speaker: "person 2", text: "Hallo person 1.")])
        #expect(anonymizer.name("NOOR") == "person 1")
    }

    @Test func namesNobodyDeclaredAreReplacedTooUnlessKept() throws {
        let original = try transcript(
            of: """
                participant Naima role=moeder
                say Naima Het gaat goed met Amira, maar Ilias slaapt slecht.
                note Gesprek in Utrecht. Daarna belt Naima. Ilias ook.
                """)
        let anonymizer = Anonymizer(original)
        let anonymous = anonymizer.transcript(original)
        #expect(anonymizer.replaced.map(\.name) == ["Naima", "Amira", "Ilias", "Utrecht"])
        #expect(anonymous.events.last?.body == .note(text: "Gesprek in naam 3. Daarna belt moeder. naam 2 ook."))
        #expect(anonymizer.possibleNames(in: anonymous) == [])

        let keeping = Anonymizer(original, keeping: ["utrecht", "Zwolle"])
        #expect(keeping.kept == ["Utrecht"])
        #expect(keeping.transcript(original).events.last?.body == .note(text: "Gesprek in Utrecht. Daarna belt moeder. naam 2 ook."))
        #expect(keeping.possibleNames(in: keeping.transcript(original)) == ["Utrecht"])
    }

    @Test func aRetractedLineDeclaresNobodyAndRoleWordsStayWords() throws {
        let original = try transcript(
            of: """
                say Oma Ria komt zondag.
                undo
                network add Ria role=oma
                undo
                note #s Oma en opa helpen, de Juf belde en de Buurman ook; oma komt met Tante Ria.
                """)
        let anonymizer = Anonymizer(original)
        let anonymous = anonymizer.transcript(original)
        #expect(anonymizer.replaced.map(\.name) == ["Ria"])
        #expect(anonymous.events.last?.body == .note(text: "Oma en opa helpen, de Juf belde en de Buurman ook; oma komt met Tante naam 1."))
        #expect(anonymous.events.first?.body == .say(speaker: "Oma", text: "naam 1 komt zondag."))
    }

    /// Every name of every sample, in every line of the anonymized transcript as it would be written.
    @Test(arguments: GoldenTests.scripts)
    func noSampleNameSurvives(script: String) throws {
        let url = repositoryRoot.appendingPathComponent("Transcripts/" + script.replacingOccurrences(of: ".gesprek", with: ".jsonl"))
        let original = try TranscriptReader.read(contentsOf: url)
        let anonymous = Anonymizer(original).transcript(original)
        let written = ([TranscriptEncoder.line(for: anonymous.header)] + anonymous.events.map(TranscriptEncoder.line(for:))).joined(
            separator: "\n")
        let names = SampleNames.of(original)
        #expect(names.count >= 4)
        for name in names.secret { #expect(!mentions(written, name), "\(name) is still in the anonymized \(script)") }
    }
}

/// The names a transcript declares, and which of them are not just a word of a role.
struct SampleNames {
    var all: [String] = []
    var roles: [String] = []
    var count: Int { all.count }
    /// Names that are not a word of any role (`Vader` with role `vader` is not identifying).
    var secret: [String] { all.filter { name in !roles.contains { mentions($0, name) } } }

    static func of(_ transcript: Transcript) -> SampleNames {
        var names = SampleNames()
        let details = transcript.header.details
        names.all += [details.caseReference, details.advisor].compactMap { $0 } + details.participants.map(\.name)
        for event in transcript.events {
            switch event.body {
            case let .participant(p): names.all.append(p.name); names.roles += [p.role].compactMap { $0 }
            case let .networkAdd(name, a), let .networkSet(name, a): names.all.append(name); names.roles += [a.role].compactMap { $0 }
            case let .networkRemove(name): names.all.append(name)
            case let .say(speaker, _): names.all.append(speaker)
            case let .session(c, a): names.all += [c, a].compactMap { $0 }
            default: break
            }
        }
        return names
    }
}
