import Testing

@testable import GesprekKit

/// The network's indexes (roles, first words, name lengths) give `say` its speaker check and its
/// suggestion without a pass over the whole network: they must answer as that pass did, through
/// adding, changing, removing and undoing.
@Suite struct NetworkIndexTests {
    private func warning(_ session: Session, _ line: String) -> Problem? {
        session.execute(line).diagnostics.first { $0.severity == .warning }?.problem
    }

    @Test func aRoleKnowsItsSpeakerUntilNoMemberHasItAnyMore() throws {
        let (session, _) = try makeSession()
        session.execute("network add Bilal role=broer")  // so that the network is never empty (no check then)
        session.execute("network add \"Joke de Vries\" role=buurvrouw")
        #expect(warning(session, "say buurvrouw Ik haal ze op.") == nil)
        #expect(warning(session, "say BUURVROUW Ik haal ze op.") == nil, "ignoring case")
        session.execute("network set \"Joke de Vries\" role=tante")
        session.execute("undo")
        #expect(warning(session, "say buurvrouw Ik haal ze op.") == nil, "the change undone: she is the neighbour again")
        #expect(warning(session, "say tante Ik haal ze op.") != nil)
        session.execute("network set \"Joke de Vries\" role=tante")
        #expect(warning(session, "say tante Ik haal ze op.") == nil)
        #expect(warning(session, "say buurvrouw Ik haal ze op.") != nil, "nobody is the neighbour any more")
        session.execute("network remove \"Joke de Vries\"")
        #expect(warning(session, "say tante Ik haal ze op.") != nil)
    }

    @Test func theSuggestionIsTheNameAfterItsFirstWordOrOneTwoTyposAway() throws {
        let (session, _) = try makeSession()
        session.execute("network add \"Oma Ria\" role=grootmoeder")
        session.execute("network add \"Opa Ria\" role=grootvader")
        session.execute("network add Bilal role=broer")
        #expect(warning(session, "say oma Ik kom zondag.") == .speakerNotKnown("oma", suggestion: "\"Oma Ria\""))
        #expect(warning(session, "say Bilaal Ik kom zondag.") == .speakerNotKnown("Bilaal", suggestion: "Bilal"))
        #expect(warning(session, "say Wim Ik kom zondag.") == .speakerNotKnown("Wim", suggestion: nil))
        // The earlier of two names equally close, as the pass over the network chose.
        #expect(warning(session, "say \"Oxa Ria\" Ik kom.") == .speakerNotKnown("Oxa Ria", suggestion: "\"Oma Ria\""))
        session.execute("network remove \"Oma Ria\"")
        #expect(warning(session, "say oma Ik kom zondag.") == .speakerNotKnown("oma", suggestion: nil))
        #expect(warning(session, "say opa Ik kom zondag.") == .speakerNotKnown("opa", suggestion: "\"Opa Ria\""))
    }

    @Test func aNetworkOfThousandsGivesTheSameAnswers() throws {
        let (session, _) = try makeSession()
        for i in 0..<3000 { session.execute("network add \"Buurvrouw \(i)\" role=buurvrouw\(i % 7)") }
        #expect(warning(session, "say \"Buurvrouw 2999\" Ja.") == nil)
        #expect(warning(session, "say buurvrouw6 Ja.") == nil)
        #expect(warning(session, "say moeder Ja.") == .speakerNotKnown("moeder", suggestion: nil))
        #expect(warning(session, "say \"Buurvrouw 12a\" Ja.") == .speakerNotKnown("Buurvrouw 12a", suggestion: "\"Buurvrouw 12\""))
    }
}
