import Testing
@testable import GesprekKit

/// Lines no one types on purpose: control characters, a line of a megabyte,
/// and what a message may show of a line when it goes where it is kept.
@Suite struct BadInputTests {
    func rejection(_ line: String, setup: [String] = []) throws -> Diagnostic {
        let (session, memory) = try makeSession()
        for line in setup { #expect(!session.execute(line).isRejected) }
        let before = memory.lines.count
        let result = session.execute(line, lineNumber: 4)
        #expect(result.isRejected)
        #expect(memory.lines.count == before, "a rejected line records nothing")
        return try #require(result.diagnostics.first)
    }

    // MARK: - The line as a whole

    @Test(arguments: [
        ("note Hallo\u{1B}]0;titel\u{7} daar", 11, "U+001B"),
        ("say Lisa Het\u{0}gaat", 13, "U+0000"),
        ("ask #v Gaat het\u{7F}?", 16, "U+007F"),
        ("note Zoë\u{9B}31m rood", 9, "U+009B"),
        // CR, VT and FF between words would end up in the text, which a reader shows escaped (fuzz: language).
        ("ask #v Hoofdletters?\rn.s1 veel", 21, "U+000D"),
        ("note Een\u{0B}verticale tab", 9, "U+000B"),
        ("say Lisa Een\u{0C}pagina", 13, "U+000C"),
    ])
    func controlCharactersAreRefusedWhereTheyStand(line: String, column: Int, codePoint: String) throws {
        let diagnostic = try rejection(line)
        #expect(diagnostic.problem.message(in: .en) == "invisible control character \(codePoint) in the line")
        #expect(diagnostic.location == SourceLocation(line: 4, column: column))
        #expect(diagnostic.hint(in: .nl) == "typ de regel opnieuw zonder dit teken; een script is platte tekst")
    }

    @Test func tabsAreNoControlCharactersButCarriageReturnsAreAnywhere() throws {
        let (session, memory) = try makeSession()
        #expect(!session.execute("note\tEen\ttab en nog een\t").isRejected)
        #expect(session.execute("ask #v Hoe gaat het?\r").isRejected)
        #expect(session.execute("\u{0C}ask #v Hoe gaat het?").isRejected)
        // what was recorded reads back the same
        #expect(try TranscriptReader.read(text: memory.text).events == session.events)
        #expect(session.execute("// een opmerking met \u{0} wordt overgeslagen").event == nil)
        #expect(!session.execute("// een opmerking met \u{0} wordt overgeslagen").isRejected)
    }

    @Test func aLineLongerThanTenThousandCharactersIsRefused() throws {
        let (session, _) = try makeSession()
        #expect(!session.execute("note " + String(repeating: "ë", count: Problem.longestLine - 5)).isRejected)
        let diagnostic = try rejection("note " + String(repeating: "ë", count: 1_000_000))
        #expect(diagnostic.message(in: .nl) == "de regel is te lang: 1000005 tekens, hoogstens 10000")
        #expect(diagnostic.location.column == 10_001)
        // What is shown stays readable: a stretch around the column, cut with …
        let rendered = diagnostic.rendered(language: .en)
        #expect(rendered.count < 400)
        let lines = rendered.split(separator: "\n")
        #expect(lines[1].hasPrefix("    4 | …ëëë") && lines[1].hasSuffix("ëëë…"))
        #expect(
            lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
                == lines[1].distance(from: lines[1].startIndex, to: lines[1].firstIndex(of: "…")!) + 1 + Diagnostic.widestExcerpt / 2)
    }

    @Test func aShortLineIsShownWhole() {
        let (shown, column) = Diagnostic.excerpt(of: "score gezin.s1 5", around: 16)
        #expect(shown == "score gezin.s1 5" && column == 16)
        let long = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 10)
        let (cut, at) = Diagnostic.excerpt(of: long, around: 501)
        #expect(Array(cut)[at - 1] == "X")
        #expect(cut.hasPrefix("…") && !cut.hasSuffix("…"))
    }

    // MARK: - Messages without the input

    /// Each line puts "Geheim" where the person's own words go.
    @Test(arguments: [
        ("Geheim gezin.s1 3", [String]()),
        ("undo Geheim", ["note a"]),
        ("score gezin.Geheim 3", []),
        ("score Geheim.s1 3", []),
        ("score Geheimpje 3", []),
        ("score gezin.s1 0612345678", []),
        ("score gezin.s1 Geheim", []),
        ("score gezin.s1 2,5", []),
        ("network Geheim Oma", []),
        ("network add Tante Geheim role=tante", []),
        ("network add Oma #s Geheim", []),
        ("network add Oma Geheim=1", []),
        ("network add Oma influence=Geheim", []),
        ("network add geheim", ["network add Geheim"]),
        ("network set Geheimpj contact=dagelijks", ["network add Geheimpje"]),
        ("network remove Geheim", ["network add Oma"]),
        ("help Geheim", []),
        ("say \"Geheim Het gaat wel.", []),
    ])
    func withoutInputNoTypedWordIsShown(line: String, setup: [String]) throws {
        let diagnostic = try rejection(line, setup: setup)
        let typed = line.contains("Geheim") || line.contains("geheim") ? "geheim" : line.split(separator: " ").last.map(String.init)!
        for language in DisplayLanguage.allCases {
            let general = diagnostic.rendered(file: "intake.gesprek", language: language, showingInput: false)
            #expect(!general.lowercased().contains(typed), "\(general)")
            #expect(!general.contains(" | "), "the line is not shown")
            #expect(general.hasPrefix("intake.gesprek:4:\(diagnostic.location.column): "))
            // With the input, the same diagnostic does show it.
            #expect(diagnostic.rendered(language: language).lowercased().contains(typed))
        }
    }

    @Test func withoutInputATypoWarningNamesNoTag() throws {
        let (session, _) = try makeSession()
        session.execute("note #geheimx Eerste.")
        let warning = try #require(session.execute("note #geheimy Tweede.").diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message(in: .nl, showingInput: false) == "deze vrije tag lijkt op een tikfout")
        #expect(!warning.rendered(language: .en, showingInput: false).contains("geheim"))
    }

    @Test func withoutInputAHostsMessageIsNotShown() throws {
        let (session, _) = try makeSession()
        try session.register(
            HostCommand(name: "afspraak", usage: "afspraak DATUM", help: "een afspraak") { invocation in
                throw HostCommand.Failure("geen datum in \(invocation.text)", hint: "bijvoorbeeld \(invocation.text) 1-12")
            })
        let diagnostic = try #require(session.execute("afspraak bij Geheim thuis").diagnostics.first)
        #expect(diagnostic.rendered(language: .nl, showingInput: false) == "1:1: fout: de regel is geweigerd")
    }

    @Test func withoutInputTheHintsThatNeedNoWordsStay() throws {
        #expect(
            try rejection("score gezin.s1 5").hint(in: .nl, showingInput: false)
                == "0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden")
        #expect(try rejection("scroe gezin.s1 3").hint(in: .en, showingInput: false) == "did you mean score?")
        #expect(try rejection("network add Oma rol=oma").hint(in: .nl, showingInput: false) == "bedoel je role=?")
        #expect(
            try rejection("network set Opa contact=dagelijks").hint(in: .nl, showingInput: false)
                == "het netwerk is nog leeg; voeg iemand toe met network add")
        #expect(
            try rejection("network set Opa contact=dagelijks", setup: ["network add Oma"]).hint(in: .nl, showingInput: false)
                == "network toont wie erin staat")
    }
}
