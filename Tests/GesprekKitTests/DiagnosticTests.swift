import Testing
@testable import GesprekKit

/// Every error: its message, its hint, and where the caret goes (the 1️⃣ marks the spot).
@Suite struct DiagnosticTests {
    func error(_ markedLine: String, setup: [String] = []) throws -> (Diagnostic, Int) {
        let (session, memory) = try makeSession()
        for line in setup { #expect(!session.execute(line).isRejected) }
        let before = memory.lines.count
        let (line, column) = marked(markedLine)
        let result = session.execute(line, lineNumber: 3)
        #expect(result.event == nil)
        #expect(memory.lines.count == before, "a rejected line records nothing")
        let diagnostic = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.location.line == 3)
        return (diagnostic, column)
    }

    @Test(arguments: [
        ("score gezin.s1 1️⃣5", "score takes 0 to 4, got 5", "score gaat van 0 tot en met 4, niet 5"),
        ("score gezin.s1 1️⃣-1", "score takes 0 to 4, got -1", "score gaat van 0 tot en met 4, niet -1"),
        ("score gezin.s1 1️⃣2.5", "score takes a whole number from 0 to 4, got 2.5", "score is een heel getal van 0 tot en met 4, niet 2.5"),
        ("score gezin.s1 1️⃣2,5", "score takes a whole number from 0 to 4, got 2,5", "score is een heel getal van 0 tot en met 4, niet 2,5"),
        (
            "score gezin.s1 1️⃣drie", "score takes a number from 0 to 4, got ‘drie’",
            "score verwacht een getal van 0 tot en met 4, kreeg ‘drie’"
        ),
        (
            "score 1️⃣gezin.s9 3", "unknown item gezin.s9; items of gezin: v1–v4, s1–s2, c1–c3, m1–m4",
            "onbekend item gezin.s9; items van gezin: v1–v4, s1–s2, c1–c3, m1–m4"
        ),
        ("score 1️⃣school.s1 3", "unknown questionnaire ‘school’", "onbekende vragenlijst ‘school’"),
        ("score 1️⃣moti-vatie 3", "‘moti-vatie’ is neither an item nor a dimension", "‘moti-vatie’ is geen item en geen dimensie"),
        ("score gezin.s11️⃣", "score gezin.s1 needs a value from 0 to 4", "score gezin.s1 heeft een waarde van 0 tot en met 4 nodig"),
        ("score1️⃣", "score needs an item or a dimension", "score heeft een item of een dimensie nodig"),
        ("1️⃣scroe gezin.s1 3", "unknown command ‘scroe’", "onbekend commando ‘scroe’"),
        ("ask #v1️⃣", "ask needs text", "ask heeft tekst nodig"),
        ("note1️⃣", "note needs text", "note heeft tekst nodig"),
        ("say 1️⃣", "say needs a name: who said it?", "say heeft een naam nodig: wie zegt het?"),
        ("network add 1️⃣\"Tante Fatima role=tante", "unterminated quote", "aanhalingsteken niet gesloten"),
        (
            "network add Tante 1️⃣Fatima role=tante", "network add takes one name; put a name with spaces in quotes",
            "network add neemt één naam; zet een naam met spaties tussen aanhalingstekens"
        ),
        ("network add Oma 1️⃣rol=oma", "unknown key ‘rol’", "onbekende sleutel ‘rol’"),
        ("network add Oma 1️⃣influence=veel", "influence=veel is not allowed", "influence=veel kan niet"),
        ("network add Oma 1️⃣support=praktisch,geld", "support=praktisch,geld is not allowed", "support=praktisch,geld kan niet"),
        ("network add Oma 1️⃣stays=misschien", "stays=misschien is not allowed", "stays=misschien kan niet"),
        ("network add Oma 1️⃣contact=jaarlijks", "contact=jaarlijks is not allowed", "contact=jaarlijks kan niet"),
        ("network add Oma role=a 1️⃣role=b", "role= is given twice", "role= staat er twee keer"),
        ("network add Oma #s 1️⃣losse", "expected key=value, got ‘losse’", "verwacht sleutel=waarde, kreeg ‘losse’"),
        ("network add1️⃣", "network add needs a name", "network add heeft een naam nodig"),
        ("network add 1️⃣\"\"", "a name cannot be empty", "een naam mag niet leeg zijn"),
        ("network 1️⃣ad Oma", "network has no ‘ad’", "network kent geen ‘ad’"),
        ("network set Oma1️⃣", "network set needs at least one key=value", "network set heeft minstens één sleutel=waarde nodig"),
        ("network set 1️⃣Opa contact=dagelijks", "Opa is not in the network", "Opa staat niet in het netwerk"),
        ("network remove 1️⃣Opa", "Opa is not in the network", "Opa staat niet in het netwerk"),
        ("mark1️⃣", "mark needs a label", "mark heeft een label nodig"),
        ("1️⃣undo", "there is nothing to undo", "er is niets om ongedaan te maken"),
        ("undo 1️⃣nu", "undo takes nothing more here, got ‘nu’", "undo verwacht hier niets meer, kreeg ‘nu’"),
        ("help 1️⃣alles", "no help about ‘alles’", "geen hulp over ‘alles’"),
        ("session 1️⃣zaak=12", "unknown key ‘zaak’", "onbekende sleutel ‘zaak’"),
        ("participant Lisa 1️⃣rol=moeder", "unknown key ‘rol’", "onbekende sleutel ‘rol’"),
    ])
    func errorMessage(line: String, english: String, dutch: String) throws {
        let (diagnostic, column) = try error(line)
        #expect(diagnostic.message(in: .en) == english)
        #expect(diagnostic.message(in: .nl) == dutch)
        #expect(diagnostic.location.column == column)
    }

    @Test func hints() throws {
        #expect(
            try error("score gezin.s1 1️⃣5").0.hint(in: .nl) == "0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden")
        #expect(try error("1️⃣scroe gezin.s1 3").0.hint(in: .en) == "did you mean score?")
        #expect(try error("network add Tante 1️⃣Fatima role=tante").0.hint(in: .en) == #"network add "Tante Fatima" …"#)
        #expect(try error("network add Oma 1️⃣rol=oma").0.hint(in: .nl) == "bedoel je role=?")
        #expect(try error("network add Oma 1️⃣influence=veel").0.hint(in: .en) == "choose from: +, -, =")
        #expect(try error("network set 1️⃣Omma contact=dagelijks", setup: ["network add Oma"]).0.hint(in: .en) == "did you mean Oma?")
        #expect(try error("network add 1️⃣oma", setup: ["network add Oma"]).0.message(in: .en) == "oma is already in the network")
        #expect(try error("score 1️⃣gezin.s9 3").0.hint(in: .en) == "help items lists every item with its text")
    }

    @Test func renderedWithFileLineColumnCaretAndHint() throws {
        let (diagnostic, _) = try error("score gezin.s1 1️⃣5 Kent de belangrijke mensen nu.")
        #expect(
            diagnostic.rendered(file: "intake.gesprek", language: .en) == """
                intake.gesprek:3:16: error: score takes 0 to 4, got 5
                    3 | score gezin.s1 5 Kent de belangrijke mensen nu.
                      |                ^
                  hint: 0 very dissatisfied, 1 dissatisfied, 2 neutral, 3 satisfied, 4 very satisfied
                """)
        #expect(diagnostic.rendered(language: .nl).hasPrefix("3:16: fout: score gaat van 0 tot en met 4, niet 5"))
    }

    @Test func caretCountsDutchLettersAsOneColumn() throws {
        let (diagnostic, column) = try error("say Zoë 1️⃣")
        _ = column
        #expect(diagnostic.message(in: .en) == "say needs text")
        let (d2, c2) = try error("network add Ëlla 1️⃣rol=x")
        #expect(d2.location.column == c2)
        #expect(d2.rendered(language: .en).contains("\n      |                  ^^^^^"))
    }

    @Test func checkReportsEveryErrorOfAScript() {
        let script = """
            // drie fouten
            ask #v Hoe gaat het?
            score gezin.s1 5
            network set Opa contact=dagelijks
            note #socaal Belt haar zus.
            scroe gezin.s1 3
            """
        let diagnostics = Session.check(script: script)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.location.line) == [3, 4, 6])
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.location.line) == [5])
    }
}
