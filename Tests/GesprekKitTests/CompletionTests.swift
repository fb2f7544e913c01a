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
                "zeer ontevreden", "ontevreden", "neutraal", "tevreden", "zeer tevreden",
            ])
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

    @Test func nothingInFreeText() throws {
        let (session, _) = try makeSession()
        #expect(session.completions(before: "note Het gaat").candidates.isEmpty)
    }
}
