import Testing
@testable import GesprekKit

/// Each command of the language, and the event it records.
@Suite struct CommandTests {
    @Test func ask() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("ask #v Hoe gaat het met je?").event)
        #expect(event.kind == .ask)
        #expect(event.body == .ask(text: "Hoe gaat het met je?"))
        #expect(event.line == "ask #v Hoe gaat het met je?")
        #expect(event.sequence == 1)
    }

    @Test func noteKeepsQuotesAndEqualsInFreeText() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute(#"note Zegt "alles = goed", maar kijkt weg."#).event)
        #expect(event.body == .note(text: #"Zegt "alles = goed", maar kijkt weg."#))
    }

    @Test func sayWithAQuotedSpeakerAndDutchLetters() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute(#"say "Tante Fatima" #s Ik ben er élke woensdag, ook bij de casuïstiek."#).event)
        #expect(event.body == .say(speaker: "Tante Fatima", text: "Ik ben er élke woensdag, ook bij de casuïstiek."))
        #expect(event.dimensions == [.sociaal])
    }

    @Test func scoreAnItemWithText() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("score gezin.s1 3 Kent de belangrijke mensen nu.").event)
        #expect(event.body == .score(target: "gezin.s1", value: 3, text: "Kent de belangrijke mensen nu."))
        #expect(event.dimensions == [.sociaal])
        #expect(TranscriptEncoder.line(for: event).contains(#""label":"tevreden""#))
    }

    @Test func scoreADimension() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("score motivationeel 2").event)
        #expect(event.body == .score(target: "motivationeel", value: 2, text: nil))
        #expect(event.dimensions == [.motivationeel])
    }

    @Test func networkAddWithEveryKey() throws {
        let (session, _) = try makeSession()
        let line =
            "network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes distance=no contact=wekelijks #kracht"
        let event = try #require(session.execute(line).event)
        let attributes = NetworkAttributes(
            role: "grootmoeder", influence: .positive, support: [.praktisch, .emotioneel],
            stays: true, distance: false, contact: .wekelijks)
        #expect(event.body == .networkAdd(name: "Oma", attributes: attributes))
        #expect(event.dimensions == [.sociaal])
        #expect(event.tags == ["kracht"])
        #expect(session.network.member(named: "oma")?.attributes == attributes)
    }

    @Test func networkNamesWithSpacesAndQuotedValues() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute(#"network add "Buurvrouw Els" role="buurvrouw van boven" influence=="#).event)
        #expect(
            event.body
                == .networkAdd(
                    name: "Buurvrouw Els",
                    attributes: NetworkAttributes(role: "buurvrouw van boven", influence: .neutral)))
    }

    @Test func networkSetChangesOnlyWhatItNames() throws {
        let (session, _) = try makeSession()
        session.execute("network add Oma role=grootmoeder influence=+")
        let event = try #require(session.execute("network set oma contact=dagelijks").event)
        #expect(event.body == .networkSet(name: "Oma", changes: NetworkAttributes(contact: .dagelijks)))
        #expect(
            session.network.member(named: "Oma")?.attributes
                == NetworkAttributes(role: "grootmoeder", influence: .positive, contact: .dagelijks))
    }

    @Test func networkRemove() throws {
        let (session, _) = try makeSession()
        session.execute("network add Ex-partner role=vader influence=- distance=yes")
        let event = try #require(session.execute("network remove Ex-partner").event)
        #expect(event.body == .networkRemove(name: "Ex-partner"))
        #expect(session.network.members.isEmpty)
    }

    @Test func networkShowRecordsNothing() throws {
        let (session, memory) = try makeSession()
        session.execute("network add Oma role=grootmoeder influence=+ support=praktisch stays=yes")
        let result = session.execute("network")
        #expect(result.event == nil)
        #expect(result.output?.contains("Oma (grootmoeder) +") == true)
        #expect(memory.lines.count == 2)
    }

    @Test func markTakesTheRestOfTheLine() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("mark einde verkenning").event)
        #expect(event.body == .mark(label: "einde verkenning"))
    }

    @Test func summaryAndHelpRecordNothing() throws {
        let (session, memory) = try makeSession()
        session.execute("ask #v Hoe gaat het?")
        let summary = session.execute("summary")
        #expect(summary.event == nil)
        #expect(summary.output?.contains("vertrekpunt") == true)
        #expect(summary.output?.contains("  - motivationeel: not touched") == true)
        let help = session.execute("help score")
        #expect(help.output?.contains("score TARGET VALUE [TEXT]") == true)
        #expect(session.execute("help").output?.contains("network [add|set|remove NAME …]") == true)
        #expect(session.execute("help gezin").output?.contains("gezin.m4") == true)
        #expect(memory.lines.count == 2)
    }

    @Test func commentsAndBlankLinesRecordNothing() throws {
        let (session, memory) = try makeSession()
        #expect(session.execute("// Intake, fictief gezin") == LineResult())
        #expect(session.execute("   ") == LineResult())
        #expect(memory.lines.count == 1)
    }

    @Test func sessionDetailsAndParticipants() throws {
        let (session, _) = try makeSession()
        session.execute(#"session case=OKT-2026-0412 advisor="Sanne Bakker""#)
        session.execute("participant Lisa role=moeder")
        session.execute(#"participant "Tante Fatima""#)
        #expect(
            session.state.details
                == SessionDetails(
                    caseReference: "OKT-2026-0412", advisor: "Sanne Bakker",
                    participants: [Participant(name: "Lisa", role: "moeder"), Participant(name: "Tante Fatima")]))
    }

    @Test func commandWordsIgnoreCase() throws {
        let (session, _) = try makeSession()
        #expect(session.execute("Ask #v Hoe gaat het?").event?.kind == .ask)
    }
}

@Suite struct ScriptLinesTests {
    @Test func splitsOnNewlinesOfEitherKind() {
        #expect(ScriptLines.split("note a\r\nnote b\r\n") == ["note a", "note b"])
        #expect(ScriptLines.split("note a\nnote b") == ["note a", "note b"])
        #expect(ScriptLines.split("\n\nnote ë\n") == ["", "", "note ë"])
        #expect(ScriptLines.split("") == [])
    }
}
