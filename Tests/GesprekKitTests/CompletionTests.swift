import Testing
@testable import GesprekKit

@Suite struct CompletionTests {
    @Test func commandsAtTheStart() throws {
        let (session, _) = try makeSession()
        #expect(session.completions(before: "sc").insertion == "ore ")
        #expect(session.completions(before: "n").candidates.map(\.word) == ["note", "network"])
        #expect(session.completions(before: "lo", extraCommands: ["load"]).insertion == "ad ")
    }

    @Test func tagsAnywhere() throws {
        let (session, _) = try makeSession()
        #expect(session.completions(before: "note #kw").insertion == "etsbaarheid ")
        #expect(session.completions(before: "ask #s").insertion == "ociaal ")
        #expect(session.completions(before: "note #k").candidates.map(\.word) == ["#kracht", "#kwetsbaarheid"])
        session.execute("note #school Gaat graag.")
        #expect(session.completions(before: "note #sch").insertion == "ool ")
    }

    @Test func itemsWithTheirText() throws {
        let (session, _) = try makeSession()
        let items = session.completions(before: "score gezin.m")
        #expect(items.candidates.map(\.word) == ["gezin.m1", "gezin.m2", "gezin.m3", "gezin.m4"])
        #expect(items.candidates.first?.detail == "De hulpverlener weet waar ik energie van krijg.")
        #expect(items.insertion == "")
        #expect(session.completions(before: "score organ").insertion == "isatie.")
        #expect(session.completions(before: "score moti").insertion == "vationeel ")
        #expect(
            session.completions(before: "score gezin.s1 ").candidates.map(\.detail) == [
                "very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied",
            ])
        let (dutch, _) = try makeSession(language: .nl)
        #expect(dutch.completions(before: "score gezin.s1 ").candidates.first?.detail == "zeer ontevreden")
    }

    @Test func networkNamesKeysAndValues() throws {
        let (session, _) = try makeSession(details: SessionDetails(participants: [Participant(name: "Lisa", role: "moeder")]))
        session.execute(#"network add "Tante Fatima" role=tante"#)
        session.execute("network add Oma")
        #expect(session.completions(before: #"network set "T"#).insertion == #"ante Fatima" "#)
        #expect(session.completions(before: "network remove O").insertion == "ma ")
        #expect(session.completions(before: "network set Oma inf").insertion == "luence=")
        #expect(session.completions(before: "network set Oma contact=w").insertion == "ekelijks ")
        #expect(session.completions(before: "network add Els support=praktisch,e").insertion == "motioneel")
        #expect(session.completions(before: "network a").insertion == "dd ")
        #expect(session.completions(before: "say L").insertion == "isa ")
        #expect(session.completions(before: "say ").candidates.map(\.word) == ["Lisa", #""Tante Fatima""#, "Oma"])
    }

    @Test func aNameWithASpaceFromItsUnquotedStart() throws {
        let (session, _) = try makeSession()
        session.execute(#"network add "Tante Ilse" role=tante"#)
        let one = session.completions(before: "network set Tan")
        #expect(one.replacement == (3, #""Tante Ilse" "#))
        #expect(one.insertion == "")  // it changes what was typed: not a plain insertion
        session.execute(#"network add "Tante Fatima" role=tante"#)
        #expect(session.completions(before: "network set tan").replacement == (3, #""Tante "#))
        let both = session.completions(before: #"network set "Tante "#)
        #expect(both.replacement == (0, ""))
        #expect(both.candidates.map(\.word) == [#""Tante Ilse""#, #""Tante Fatima""#])
        #expect(session.completions(before: "say Tante").candidates.count == 2)
    }

    @Test func yesAndNoInTheSessionsLanguage() throws {
        let (dutch, _) = try makeSession(language: .nl)
        #expect(dutch.completions(before: "network add Oma stays=j").insertion == "a ")
        let (english, _) = try makeSession(language: .en)
        #expect(english.completions(before: "network add Oma stays=y").insertion == "es ")
    }

    @Test func noRetractedOrMisspelledFreeTags() throws {
        let (session, _) = try makeSession()
        session.execute("note #school Gaat graag.")
        session.execute("note #schol Fietst.")  // "did you mean #school?"
        session.execute("note #socaal Vrienden.")  // "did you mean #sociaal?"
        session.execute("note #sport Voetbalt.")
        session.execute("undo")
        #expect(session.completableFreeTags == ["school"])
        #expect(session.completions(before: "note #s").candidates.map(\.word) == ["#sociaal", "#school"])
    }

    @Test func nothingInFreeText() throws {
        let (session, _) = try makeSession()
        #expect(session.completions(before: "note Het gaat").candidates.isEmpty)
    }
}

@Suite struct AdvisorFirstHourTests {
    @Test func anUnknownSpeakerIsRecordedWithAWarning() throws {
        let (session, _) = try makeSession(
            language: .nl, details: SessionDetails(participants: [Participant(name: "Lisa", role: "moeder")]))
        session.execute(#"network add "Oma Ria" role=grootmoeder"#)
        let result = session.execute("say Oma Ria zei dat ze vaker wil komen.")
        #expect(result.event != nil)
        #expect(result.diagnostics.first?.problem == .speakerNotKnown("Oma", suggestion: #""Oma Ria""#))
        #expect(result.diagnostics.first?.location.column == 5)
        #expect(session.execute("say Lisa Goed.").diagnostics.isEmpty)
        #expect(session.execute("say moeder Goed.").diagnostics.isEmpty)
        #expect(session.execute(#"say "oma ria" Goed."#).diagnostics.isEmpty)
    }

    @Test func nobodyKnownNoWarning() throws {
        let (session, _) = try makeSession()
        #expect(session.execute("say Oma Het gaat.").diagnostics.isEmpty)
    }

    @Test func summaryFullOrShort() throws {
        var configuration = SessionConfiguration(language: .nl)
        configuration.compactSummary = true
        let session = try Session(configuration: configuration)
        for line in ["ask #v Hoe gaat het?", "network add Oma role=grootmoeder influence=+", "score gezin.s1 3"] {
            session.execute(line)
        }
        let short = try #require(session.execute("summary").output)
        #expect(short.split(separator: "\n").count <= SummaryText.compactLineLimit)
        #expect(short.contains("Netwerk (1): Oma (grootmoeder) +"))
        let full = try #require(session.execute("summary volledig").output)
        #expect(full == SummaryText.render(session.summary(), language: .nl))
        #expect(session.execute("summary full").output == full)
        #expect(session.execute("summary kort").isRejected)
    }
}
