import Foundation
import Testing
@testable import GesprekKit

/// A small scenario with every kind of line, used by most tests below.
private let sample = """
    // een oefening
    scenario Oefening met Sanne
    client Sanne role=jongere
    cast Mentor role=mentor
    intro Sanne komt binnen.

    expect #vertrekpunt before #competentioneel
    guidance Begin bij het verhaal van de jongere.
    expect #motivationeel within 3
    expect network Oma
    expect score gezin.m1
    expect reach samen
    expect avoid dicht

    on #competentioneel if #vertrekpunt = 0
      say Sanne Alsof het aan mij ligt.
      goto dicht
    end

    part begin
    say Sanne Ik weet niet wat ik hier doe.
    on ask #vertrekpunt
      say Sanne Thuis is het druk.
      goto keuze
    end
    on ask
      say Sanne Weet ik veel.
      set weerstand +1
    end
    on turn 3 if weerstand >= 2
      goto weg
    end

    part keuze
    choice Wat doe je?
    option samen ask #m Wat wil je zelf?
    option dicht note #c Geeft advies.

    part samen
    say Sanne Dat ze me met rust laten.
    on network
      say Sanne Oma helpt altijd.
    end
    on score gezin.m1
      finish Afgesproken.
    end

    part dicht
    say Sanne Laat maar.
    finish Het gesprek stopt.

    part weg
    finish Sanne loopt weg.

    plan goed
    > ask #v Hoe gaat het?
    < Sanne Thuis is het druk.
    > 1
    < Sanne Dat ze me
    > network add Oma role=oma
    < Sanne Oma helpt
    > score gezin.m1 3
    finished
    met #vertrekpunt before #competentioneel
    met avoid dicht
    end
    """

private func scenario(_ text: String = sample) throws -> Scenario {
    let parsed = Scenario.parse(text)
    #expect(parsed.diagnostics.filter { $0.severity == .error } == [])
    return try #require(parsed.scenario)
}

private func run(_ text: String = sample) throws -> (ScenarioRun, [ScenarioOutput]) {
    let (session, _) = try makeSession(language: .nl)
    let run = ScenarioRun(scenario: try scenario(text), session: session)
    return (run, run.start())
}

private func spoken(_ outputs: [ScenarioOutput]) -> [String] {
    outputs.compactMap { if case let .line(speaker, text) = $0 { "\(speaker): \(text)" } else { nil } }
}

@Suite("Scenario language")
struct ScenarioLanguageTests {
    @Test func readsEveryPart() throws {
        let scenario = try scenario()
        #expect(scenario.title == "Oefening met Sanne")
        #expect(scenario.client == Participant(name: "Sanne", role: "jongere"))
        #expect(scenario.cast.map(\.name) == ["Sanne", "Mentor"])
        #expect(scenario.intro == ["Sanne komt binnen."])
        #expect(scenario.parts.map(\.label) == ["begin", "keuze", "samen", "dicht", "weg"])
        #expect(
            scenario.expectations.map(\.text) == [
                "#vertrekpunt before #competentioneel", "#motivationeel within 3",
                "network Oma", "score gezin.m1", "reach samen", "avoid dicht",
            ])
        #expect(scenario.expectations[0].guidance == ["Begin bij het verhaal van de jongere."])
        #expect(scenario.globalRules.count == 1)
        #expect(scenario.parts[0].rules.count == 3)
        #expect(scenario.plans.map(\.name) == ["goed"])
        #expect(scenario.plans[0].steps.count == 10)
        #expect(Scenario.isScenario(sample))
        #expect(!Scenario.isScenario("ask #v Hoe gaat het?"))
    }

    /// Each broken line: the message's position marked with 1️⃣ in the line as written.
    @Test(arguments: [
        ("1️⃣ask #v Hoe gaat het?", "een scenario begint met scenario en een titel"),
        ("part begin\n1️⃣optie a ask Vraag", "onbekend woord ‘optie’ in een scenario"),
        ("part begin\nsay 1️⃣Kees Hallo", "Kees hoort niet bij de cast"),
        ("part begin\nsay Sanne 1️⃣#v Hallo", "een regel van de cliënt telt niet mee voor de dekking; geef hem geen dimensietag"),
        ("part begin\ngoto 1️⃣nergens", "er is geen part nergens"),
        ("part begin\nset teller 1️⃣veel", "verwacht een heel getal, kreeg ‘veel’"),
        ("part begin\nif teller 1️⃣~ 2 goto begin", "verwacht een vergelijking (<, <=, =, !=, >=, >), kreeg ‘~’"),
        ("part begin\nchoice Wat nu?\noption begin score gezin.s1 1️⃣5", "score gaat van 0 tot en met 4, niet 5"),
        ("part begin\nchoice Wat nu?\noption begin 1️⃣summary", "een option legt een regel vast; ‘summary’ legt niets vast"),
        ("1️⃣option begin ask Vraag?", "option hoort direct onder een choice"),
        ("expect 1️⃣#kracht", "expect begrijpt ‘#kracht’ niet"),
        ("expect #v 1️⃣after #s", "expect begrijpt ‘after’ niet"),
        ("expect score 1️⃣gezin.x9", "onbekend item gezin.x9; items van gezin: v1–v4, s1–s2, c1–c3, m1–m4"),
        ("1️⃣guidance Zonder verwachting", "guidance hoort direct onder een expect"),
        ("part begin\npart 1️⃣begin", "part begin bestaat al (regel 3)"),
        ("1️⃣end", "end sluit een on of een plan, maar er is er geen open"),
        ("on ask\n1️⃣choice Wat?\nend", "choice kan niet binnen een reactie (on … end)"),
        ("on 1️⃣vraag\nend", "onbekend woord ‘vraag’ in een scenario"),
        ("plan p\n1️⃣typ ask Hoe?\nend", "een testplan kent ‘typ’ niet"),
        ("expect #v\nplan p\nmet 1️⃣#vertrekpunt\nend", "het scenario heeft geen verwachting ‘#vertrekpunt’"),
        ("part begin\nsay 1️⃣\"Tante Fatima Hallo", "aanhalingsteken niet gesloten"),
    ])
    func brokenLines(_ body: String, _ message: String) throws {
        let lines = body.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("1️⃣") })
        let (clean, column) = marked(lines[index])
        var all = lines
        all[index] = clean
        let header = body.hasPrefix("1️⃣ask") ? [] : ["scenario Test", "client Sanne role=jongere"]
        let text = (header + all).joined(separator: "\n")
        let lineNumber = header.count + index + 1
        let diagnostics = Scenario.parse(text).diagnostics
        let found = diagnostics.first { $0.location.line == lineNumber && $0.severity == .error }
        #expect(found?.message(in: .nl) == message, "\(diagnostics.map { $0.rendered(language: .nl) })")
        #expect(found?.location.column == column)
    }

    @Test func anUnclosedReactionIsNamedWhereItOpens() {
        let diagnostics = Scenario.parse("scenario T\nclient A\npart p\non ask\n  say A Ja.\n").diagnostics
        #expect(diagnostics.map { $0.message(in: .nl) } == ["on op regel 4 wordt niet afgesloten met end"])
        #expect(diagnostics.first?.location.line == 4)
    }

    @Test func aForgottenEndIsNamedWhereTheNextThingStarts() {
        let text = "scenario T\nclient A\npart p\non ask\n  say A Ja.\non note\n  say A Nee.\nend\npart q\nfinish\n"
        let messages = Scenario.parse(text).diagnostics.map { "\($0.location): \($0.message(in: .nl))" }
        #expect(messages == ["6:1: on op regel 4 wordt niet afgesloten met end"])
    }

    @Test func planLinesOutsideAPlan() {
        let messages = Scenario.parse("scenario T\nclient A\n> ask Hoe?\nmet #v\n").diagnostics.map { $0.message(in: .nl) }
        #expect(messages == ["> hoort in een testplan (plan … end)", "met hoort in een testplan (plan … end)"])
    }

    @Test func aMistypedWordDoesNotCloseTheChoice() {
        let text = "scenario T\nclient A\npart p\nchoice Wat?\noptoin p ask Een?\noption p ask Twee?\n"
        let diagnostics = Scenario.parse(text).diagnostics
        #expect(diagnostics.map { $0.message(in: .nl) } == ["onbekend woord ‘optoin’ in een scenario"])
        #expect(diagnostics.first?.hint(in: .nl) == "bedoel je option?")
    }

    @Test func anOptionNeedsALineToRecord() {
        let text = "scenario T\nclient A\npart p\nchoice Wat?\noption p Wat lukt er wel?\n"
        let diagnostic = Scenario.parse(text).diagnostics.first
        #expect(diagnostic?.message(in: .nl) == "na het label van een option komt de regel die de cursist vastlegt, niet ‘Wat’")
        #expect(diagnostic?.location.column == 10)
    }

    @Test func aMistypedPlanWordGetsASuggestion() {
        let text = "scenario T\nclient A\npart p\nfinish\nplan p\nfinishd\nend\n"
        #expect(Scenario.parse(text).diagnostics.first?.hint(in: .nl) == "bedoel je finished?")
    }

    @Test func aVariableNeverSetIsAWarning() {
        let diagnostics = Scenario.parse("scenario T\nclient A\npart p\nif boos > 1 goto p\n").diagnostics
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message(in: .en) == "boos is never set with set; it stays 0")
    }
}

@Suite("Playing a scenario")
struct ScenarioRunTests {
    @Test func theClientSpeaksAndReacts() throws {
        let (run, start) = try run()
        #expect(start.first == .intro("Sanne komt binnen."))
        #expect(spoken(start) == ["Sanne: Ik weet niet wat ik hier doe."])
        let answer = run.respond(to: "ask #v Hoe gaat het?")
        #expect(answer.result.event?.kind == .ask)
        #expect(spoken(answer.outputs) == ["Sanne: Thuis is het druk."])
        #expect(answer.outputs.last == .choice(prompt: "Wat doe je?", options: ["Wat wil je zelf?", "Geeft advies."]))
        #expect(run.currentPart == "keuze")
    }

    @Test func aChoiceRecordsItsLineAndJumps() throws {
        let (run, _) = try run()
        run.respond(to: "ask #v Hoe gaat het?")
        let chosen = run.respond(to: "1")
        #expect(chosen.result.event?.line == "ask #m Wat wil je zelf?")
        #expect(chosen.result.event?.dimensions == [.motivationeel])
        #expect(spoken(chosen.outputs) == ["Sanne: Dat ze me met rust laten."])
        #expect(run.currentPart == "samen")
        let wrong = run.respond(to: "7")
        #expect(wrong.result.diagnostics.first?.message(in: .nl) == "er staat nu geen keuze open")
    }

    @Test func aNumberOutsideTheChoiceIsRejected() throws {
        let (run, _) = try run()
        run.respond(to: "ask #v Hoe gaat het?")
        let result = run.respond(to: "3").result
        #expect(result.diagnostics.first?.message(in: .nl) == "keuze 3 bestaat niet; kies 1 tot en met 2")
        #expect(run.pendingChoice?.count == 2)
    }

    @Test func aTaggedReactionGoesBeforeTheFallback() throws {
        let (run, _) = try run()
        // The part's `on ask` would fit too; the global reaction names a tag and wins.
        let reaction = run.respond(to: "ask #c Waar ben je goed in?")
        #expect(spoken(reaction.outputs) == ["Sanne: Alsof het aan mij ligt.", "Sanne: Laat maar."])
        #expect(reaction.outputs.last == .finished("Het gesprek stopt."))
        #expect(run.isFinished)
    }

    @Test func variablesConditionsAndTurns() throws {
        let (run, _) = try run()
        #expect(spoken(run.respond(to: "ask Alles goed?").outputs) == ["Sanne: Weet ik veel."])
        run.respond(to: "note Kijkt weg.")  // a note is not a turn
        run.respond(to: "ask En op school?")
        let third = run.respond(to: "ask Zeg eens?")
        #expect(third.outputs.last == .finished("Sanne loopt weg."))
    }

    @Test func anUndoneQuestionIsNoTurn() throws {
        let (run, _) = try run()
        run.respond(to: "note Kijkt weg.")
        #expect(run.respond(to: "undo").result.event?.kind == .undo)
        run.respond(to: "ask #v Hoe gaat het?")
        run.respond(to: "1")
        #expect(run.feedback().result(for: "#motivationeel within 3")?.moment?.turn == 2)
        #expect(run.feedback().turns == 2)
    }

    @Test func undoTakesBackOnlyTheTraineesOwnLine() throws {
        let (run, _) = try run()
        run.respond(to: "ask Alles goed?")
        let refused = run.respond(to: "undo").result
        #expect(
            refused.diagnostics.first?.message(in: .en) == "undo is not possible here: the client has already reacted to your last line")
        run.respond(to: "note Een notitie.")
        #expect(run.respond(to: "undo").result.event?.kind == .undo)
    }

    @Test func theRunIsANormalTranscript() throws {
        let (session, memory) = try makeSession(language: .nl, details: try scenario().details())
        let run = ScenarioRun(scenario: try scenario(), session: session)
        _ = run.start()
        run.respond(to: "ask #v Hoe gaat het?", lineNumber: 1)
        run.respond(to: "1", lineNumber: 2)
        try session.close()
        let read = try TranscriptReader.read(text: memory.text)
        #expect(read.header.details.participants.map(\.name) == ["Sanne", "Mentor"])
        #expect(read.events.map(\.kind) == [Event.Kind.mark, .say, .ask, .say, .mark, .ask, .mark, .say])
        #expect(
            read.events.compactMap { (event: Event) -> String? in if case let .mark(label) = event.body { label } else { nil } } == [
                "begin", "keuze", "samen",
            ])
        // The client's lines carry their line in the scenario; the trainee's their own.
        #expect(read.events[1].lineNumber == 21)
        #expect(read.events[2].lineNumber == 1)
    }

    @Test func aLoopOfJumpsStopsAtTheStepLimit() throws {
        let text = "scenario Lus\nclient A\npart a\nset n +1\nif n > 0 goto b\npart b\ngoto a\n"
        let (run, outputs) = try run(text)
        guard case let .problem(diagnostic)? = outputs.first(where: { if case .problem = $0 { true } else { false } }) else {
            Issue.record("no problem reported: \(outputs)")
            return
        }
        #expect(diagnostic.message(in: .nl) == "het scenario liep vast: meer dan 100 stappen zonder beurt voor de cursist")
        #expect(run.isFinished && run.isStuck)
    }
}

@Suite("Scenario feedback")
struct ScenarioFeedbackTests {
    @Test func metAndMissedWithWhen() throws {
        let (run, _) = try run()
        run.respond(to: "ask #v Hoe gaat het?")
        run.respond(to: "1")
        run.respond(to: "network add Oma role=oma")
        let feedback = run.feedback()
        #expect(feedback.results.map(\.met) == [true, true, true, false, true, true])
        #expect(feedback.result(for: "#motivationeel within 3")?.moment?.turn == 2)
        #expect(feedback.coverage[.vertrekpunt] == 1)
        #expect(feedback.coverage[.sociaal] == 1)
        // `#v before #c` asks to cover vertrekpunt, not competentioneel.
        #expect(feedback.targets == [.vertrekpunt, .motivationeel])
        let text = ScenarioFeedbackText.render(feedback, language: .nl)
        #expect(text.contains("Verwachtingen: 5 van 6 gehaald"))
        // In plain words, not the scenario's syntax.
        #expect(text.contains("✗ Een score op gezin.m1: "))
        #expect(text.contains("✓ Eerst de situatie volgens het gezin, daarna pas de competenties — gehaald in beurt 1"))
        #expect(!text.contains("#vertrekpunt before"))
        #expect(text.contains("motivationeel    1   doel ✓"))
        #expect(text.contains("competentioneel  0\n"))
        #expect(!text.contains("Begin bij het verhaal"))  // its expectation was met
    }

    @Test func guidanceForWhatWasMissed() throws {
        let (run, _) = try run()
        run.respond(to: "ask #c Waar ben je goed in?")
        let feedback = run.feedback()
        #expect(feedback.result(for: "#vertrekpunt before #competentioneel")?.met == false)
        #expect(feedback.result(for: "avoid dicht")?.met == false)
        let text = ScenarioFeedbackText.render(feedback, language: .en)
        // The trainer's guidance right under what was missed.
        let lines = text.split(separator: "\n").map(String.init)
        let missed = try #require(
            lines.firstIndex { $0.hasPrefix("  ✗ First the situation as the family sees it, only then the competences") })
        #expect(lines[missed + 1] == "      Begin bij het verhaal van de jongere.")
        #expect(text.contains("✗ The conversation does not end up in ‘dicht’ — missed at turn 1"))
    }

    @Test func theClientsLinesDoNotCount() throws {
        let (run, _) = try run()
        run.respond(to: "note Zit met de jas aan.")
        #expect(run.feedback().coverage.values.allSatisfy { $0 == 0 })
        #expect(run.feedback().turns == 0)
    }
}

@Suite("Checking and testing scenarios")
struct ScenarioCheckTests {
    @Test func findsUnreachablePartsLoopsAndUnmeetableExpectations() {
        let text = """
            scenario Kapot
            client A
            expect reach eiland
            expect avoid start
            expect #v before #v
            expect #m within 0
            part start
            say A Hallo.
            goto rond
            part rond
            goto start
            part eiland
            finish
            """
        let messages = Scenario.check(text).map { "\($0.location.line): \($0.message(in: .nl))" }
        #expect(
            messages == [
                "3: geen enkel pad haalt deze verwachting: part eiland is onbereikbaar",
                "4: geen enkel pad haalt deze verwachting: elk pad gaat door part start",
                "5: geen enkel pad haalt deze verwachting: vertrekpunt kan niet vóór zichzelf komen",
                "6: geen enkel pad haalt deze verwachting: binnen 0 beurten kan niets",
                "7: deze sprongen lopen rond zonder dat de cursist aan de beurt komt: start → rond → start",
                "7: vanuit part start is er geen weg naar finish: de cursist blijft daar steken zonder feedback",
                "10: vanuit part rond is er geen weg naar finish: de cursist blijft daar steken zonder feedback",
                "12: part eiland is onbereikbaar: geen sprong, keuze of vorige part leidt erheen",
            ])
    }

    @Test func aLoopThatMayGoRoundIsAWarning() {
        let text = "scenario Lus\nclient A\npart a\nset n +1\nif n < 5000 goto b\nfinish\npart b\ngoto a\n"
        let findings = Scenario.check(text)
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.message(in: .nl) == "deze sprongen kunnen rondlopen zonder dat de cursist aan de beurt komt: a → b → a")
    }

    @Test func pathsThatEndWithoutFeedback() throws {
        let text = """
            scenario Paden
            client A
            part start
            choice Wat?
            option klaar ask Klaar?
            option vast ask Vast?
            part klaar
            finish
            part vast
            on ask
              say A Hm.
            end
            """
        let paths = ScenarioTester.paths(try scenario(text))
        #expect(
            paths == [
                ScenarioTester.PathReport(parts: ["start", "klaar"], ends: true),
                ScenarioTester.PathReport(parts: ["start", "vast"], ends: false),
            ])
    }

    @Test func aPlanReportsEachDifference() throws {
        var text = sample
        text = text.replacingOccurrences(of: "< Sanne Thuis is het druk.", with: "< Sanne Thuis is het rustig.")
        text = text.replacingOccurrences(of: "met avoid dicht", with: "missed avoid dicht")
        let report = try #require(ScenarioTester.run(try scenario(text), language: .nl).first)
        let lines = text.components(separatedBy: "\n")
        let expected = [lines.firstIndex(of: "< Sanne Thuis is het rustig.")!, lines.firstIndex(of: "missed avoid dicht")!].map { $0 + 1 }
        #expect(report.differences.map(\.line) == expected)
        #expect(report.differences[0].message == "verwacht Sanne: ‘Thuis is het rustig.…’, maar: Sanne: Thuis is het druk.")
        #expect(report.differences[1].message == "verwacht gemist: avoid dicht; maar gehaald")
    }

    @Test func theSamplePlanPasses() throws {
        #expect(ScenarioTester.run(try scenario(), language: .nl).map(\.differences) == [[]])
    }

    /// Every scenario shipped in Scripts/ is clean and passes its own plans.
    @Test func theShippedScenariosPassTheirPlans() throws {
        let folder = repositoryRoot.appendingPathComponent("Scripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scenario") }.sorted()
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(Scenario.check(text) == [], "\(file)")
            let scenario = try #require(Scenario.parse(text).scenario, "\(file)")
            #expect(scenario.plans.count >= 2, "\(file)")
            for report in ScenarioTester.run(scenario, language: .nl) {
                #expect(report.differences == [], "\(file): \(report.name)")
            }
            let paths = ScenarioTester.paths(scenario)
            #expect(paths.allSatisfy { $0.ends }, "\(file)")
        }
    }
}
