import Testing
@testable import GesprekKit

/// The summary of a short conversation whose figures were counted by hand.
@Suite struct SummaryTests {
    // Counted by hand: vertrekpunt 2 questions, 1 quote, 2 item scores (v1 3, v2 4);
    // competentioneel 1 note (strength), 1 item score (c1 2, first 1 then corrected to 2);
    // sociaal 1 question, 3 network lines (add, add, set), 1 item score (s1 0);
    // motivationeel: only a note, no question → "geen vragen gesteld".
    static let script = """
        session case=HAND-1 advisor=Sanne
        participant Lisa role=moeder
        ask #v Hoe gaat het thuis?
        say Lisa #v Het is druk, maar het lukt.
        ask #v En met de kinderen?
        score gezin.v1 3
        score gezin.v2 4
        note #c #kracht Kookt elke dag voor het gezin.
        score gezin.c1 1
        score gezin.c1 2 Toch beter dan gedacht.
        ask #s Wie helpt er?
        network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes
        network add Ex role=vader influence=- distance=yes
        network set Oma contact=wekelijks
        score gezin.s1 0
        note #m #kwetsbaarheid Weet niet wat ze wil.
        note Zomaar iets.
        undo
        """

    func summary() throws -> Summary {
        let (session, _) = try makeSession()
        #expect(session.run(script: Self.script).errors.isEmpty)
        return session.summary()
    }

    @Test func coveragePerDimension() throws {
        let s = try summary()
        #expect(s.coverage[.vertrekpunt].map { [$0.questions, $0.notes, $0.quotes, $0.scores] } == [2, 0, 1, 2])
        #expect(s.coverage[.competentioneel].map { [$0.questions, $0.notes, $0.quotes, $0.scores] } == [0, 1, 0, 2])
        #expect(s.coverage[.sociaal].map { [$0.questions, $0.events] } == [1, 5])
        #expect(s.coverage[.motivationeel].map { [$0.questions, $0.notes] } == [0, 1])
        #expect(s.recorded == 16)
        #expect(s.retracted == 1)
        #expect(s.untagged == 0, "the untagged note was undone")
    }

    @Test func scoresKeepTheLatestPerItem() throws {
        let s = try summary()
        #expect(s.scores.map { "\($0.target)=\($0.value)" } == ["gezin.v1=3", "gezin.v2=4", "gezin.c1=2", "gezin.s1=0"])
        #expect(s.scores.map(\.label) == ["tevreden", "zeer tevreden", "neutraal", "zeer ontevreden"])
    }

    @Test func questionnaireTotalsAndMeansAsOnTheForm() throws {
        let gezin = try #require(try summary().questionnaires.first)
        #expect(gezin.questionnaire.id == "gezin")
        #expect(gezin.scored == 4)
        #expect(gezin.totalsPerCategory == [1, 0, 1, 1, 1])  // one 0, one 2, one 3, one 4
        #expect(gezin.sections.map(\.mean) == [3.5, 0, 2, nil])  // v: (3+4)/2; s: 0; c: 2; m: none
        #expect(try summary().questionnaires.count == 1, "professional and organisatie were not used")
    }

    @Test func gapsNamedPlainly() throws {
        let gaps = try summary().gaps.map { $0.text(in: .nl) }
        #expect(
            gaps == [
                "competentioneel: geen vragen gesteld",
                "motivationeel: geen vragen gesteld",
                "gezin · Motivationele dimensie: Samen zoeken naar oplossingen: geen items gescoord",
            ])
    }

    @Test func networkGrouped() throws {
        let overview = NetworkOverview(try summary().network)
        #expect(overview.supporting.map(\.name) == ["Oma"])
        #expect(overview.draggingDown.map(\.name) == ["Ex"])
        #expect(overview.support.map(\.kind) == [.emotioneel, .praktisch])
        #expect(overview.staying.map(\.name) == ["Oma"])
        #expect(overview.atDistance.map(\.name) == ["Ex"])
        #expect(overview.lines(language: .nl).first! == ("Steunend", "Oma"))
    }

    @Test func strengthsBesideVulnerabilities() throws {
        let s = try summary()
        #expect(s.strengths.map(\.text) == ["Kookt elke dag voor het gezin."])
        #expect(s.vulnerabilities.map(\.text) == ["Weet niet wat ze wil."])
    }

    @Test func timelineAcrossTheConversation() throws {
        let s = try summary()
        // The stepping clock gives each line one second: events at 1…16 s, retracted line left out.
        #expect(s.timeline.first == Summary.Moment(sequence: 3, elapsed: 3, dimensions: [.vertrekpunt]))
        let buckets = s.timelineBuckets(count: 4)
        #expect(buckets[.vertrekpunt] == [1, 4, 0, 0])  // at 3 s, then 4–7 s, in stretches of 4 s
        #expect(buckets[.motivationeel] == [0, 0, 0, 1])
        #expect(s.coverage[.sociaal]?.first == 11)
    }

    @Test func textRenderingShowsTheFigures() throws {
        let text = SummaryText.render(try summary(), language: .nl)
        #expect(text.contains("vertrekpunt      v1 3  v2 4  v3 –  v4 –   gemiddeld 3,5"))
        #expect(text.contains("Totaal per antwoordcategorie: 0: 1  1: 0  2: 1  3: 1  4: 1"))
        #expect(text.contains("  - motivationeel: geen vragen gesteld"))
        #expect(text.contains("  Trekt omlaag: Ex"))
        #expect(text.contains("scores: gezin.c1 2 (neutraal)"))
    }
}
