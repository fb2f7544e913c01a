import Foundation
import Testing
@testable import GesprekKit

@Suite struct SessionTests {
    @Test func undoAppendsARetractionAndErasesNothing() throws {
        let (session, memory) = try makeSession()
        session.execute("network add Oma role=grootmoeder")
        session.execute("score gezin.s1 4")
        let undo = try #require(session.execute("undo").event)
        #expect(undo.body == .undo(retracts: 2))
        #expect(memory.lines.count == 4, "header, two events, the undo")
        #expect(session.activeEvents.map(\.sequence) == [1])
        #expect(session.summary().scores.isEmpty)
    }

    @Test func undoRestoresTheNetworkStepByStep() throws {
        let (session, _) = try makeSession()
        session.execute("network add Oma role=grootmoeder")
        session.execute("network set Oma contact=dagelijks")
        session.execute("network remove Oma")
        #expect(session.network.members.isEmpty)
        session.execute("undo")
        #expect(session.network.member(named: "Oma")?.attributes.contact == .dagelijks)
        session.execute("undo")
        #expect(session.network.member(named: "Oma")?.attributes == NetworkAttributes(role: "grootmoeder"))
        session.execute("undo")
        #expect(session.network.members.isEmpty)
        #expect(session.execute("undo").diagnostics.first?.problem == .nothingToUndo)
    }

    /// The REPL shows these after every line; they must be what `summary` counts, undo and all.
    @Test func runningCoverageCountsEqualTheSummarys() throws {
        let (session, _) = try makeSession()
        let lines = [
            "ask #v #c Hoe gaat het?", "note #c Kookt.", "mark begin", "undo", "undo", "say Oma #s #kracht Ik help.",
            "network add Oma #s role=oma", "network set Oma #s #m contact=dagelijks", "undo", "score gezin.s1 3",
            "score sociaal 2 #s", "session case=X", "note #m #kwetsbaarheid Twijfel.", "undo", "ask #m Wat wil je?",
        ]
        for line in lines {
            session.execute(line)
            let summary = session.summary()
            for dimension in Dimension.allCases {
                #expect(session.coverageCounts[dimension] == summary.coverage[dimension]?.events ?? 0, "\(line): \(dimension)")
            }
        }
        // The undos took back the mark and the note; the scored item counts toward its dimension.
        #expect(session.coverageCounts == [.vertrekpunt: 1, .competentioneel: 1, .sociaal: 4, .motivationeel: 1])
    }

    @Test func aRetractedNameCanBeAddedAgain() throws {
        let (session, _) = try makeSession()
        session.execute("network add Oma")
        session.execute("undo")
        #expect(session.execute("network add Oma role=grootmoeder").event != nil)
    }

    @Test func stateReplayedFromEventsMatchesTheLiveState() throws {
        let (session, memory) = try makeSession()
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("Scripts/netwerk-na-scheiding.gesprek"), encoding: .utf8)
        #expect(session.run(script: script).errors.isEmpty)
        let transcript = try TranscriptReader.read(text: memory.text)
        #expect(transcript.state == session.state)
    }

    @Test func twoSessionsInOneProcessDoNotInterfere() throws {
        let (a, memoryA) = try makeSession()
        let (b, memoryB) = try makeSession(language: .nl)
        a.execute("network add Oma")
        b.execute("note #free Eerste.")
        #expect(b.execute("network set Oma contact=dagelijks").isRejected)
        #expect(a.execute("network set Oma contact=dagelijks").event?.sequence == 2)
        #expect(b.execute("note #fre Tweede.").diagnostics.count == 1)
        #expect(a.execute("note #fre Tweede.").diagnostics.isEmpty)
        #expect(memoryA.lines.count == 4)
        #expect(memoryB.lines.count == 3)
        #expect(a.header.sessionID != b.header.sessionID)
    }

    @Test func runStopsAtTheFirstErrorUnlessToldToGoOn() throws {
        let script = "ask #v Hoe gaat het?\nscore gezin.s1 9\nnote #c Kookt elke dag.\n"
        let (stopping, _) = try makeSession()
        let first = stopping.run(script: script)
        #expect(first.stoppedEarly)
        #expect(first.events.count == 1)
        #expect(first.errors.map(\.location.line) == [2])
        let (going, _) = try makeSession()
        let all = going.run(script: script, stopAtFirstError: false)
        #expect(all.events.count == 2)
        #expect(all.events.map(\.lineNumber) == [1, 3])
    }

    @Test func hostCommandsRecordShowAndReject() throws {
        let (session, memory) = try makeSession()
        try session.register(
            HostCommand(name: "afspraak", usage: "afspraak DATUM", help: "Een vervolgafspraak.") { invocation in
                guard let date = invocation.words.first else {
                    throw HostCommand.Failure("afspraak needs a date", hint: "afspraak 2026-12-01")
                }
                if date == "?" { return .show("nog geen afspraak") }
                return .record(text: invocation.text, fields: ["datum": date])
            })
        let event = try #require(session.execute("afspraak 2026-12-01 \"bij oma thuis\" #s").event)
        #expect(event.body == .host(command: "afspraak", text: "2026-12-01 \"bij oma thuis\"", fields: ["datum": "2026-12-01"]))
        #expect(event.dimensions == [.sociaal])
        #expect(session.execute("afspraak ?").output == "nog geen afspraak")
        let rejected = session.execute("afspraak")
        #expect(rejected.diagnostics.first?.message(in: .nl) == "afspraak needs a date")
        #expect(rejected.diagnostics.first?.hint(in: .nl) == "afspraak 2026-12-01")
        #expect(session.execute("help afspraak").output == "afspraak DATUM\n  Een vervolgafspraak.")
        #expect(memory.lines.count == 2)
        #expect(throws: HostCommand.RegistrationError.nameTaken("score")) {
            try session.register(HostCommand(name: "score", usage: "", help: "") { _ in .show("") })
        }
        #expect(throws: HostCommand.RegistrationError.invalidName("twee woorden")) {
            try session.register(HostCommand(name: "twee woorden", usage: "", help: "") { _ in .show("") })
        }
    }

    @Test func summaryCountsPerDimensionAndNamesGaps() throws {
        let (session, _) = try makeSession()
        session.run(
            script: """
                ask #v Hoe gaat het?
                say moeder #v Het gaat wel.
                note #c #kracht Houdt de ochtendroutine vol.
                score gezin.c1 3
                note Zonder dimensie.
                note #c #kwetsbaarheid Vergeet afspraken.
                undo
                """)
        let summary = session.summary()
        #expect(
            summary.coverage[.vertrekpunt] == Summary.Coverage(questions: 1, notes: 0, quotes: 1, scores: 0, events: 2, first: 1, last: 2))
        #expect(
            summary.coverage[.competentioneel]
                == Summary.Coverage(questions: 0, notes: 1, quotes: 0, scores: 1, events: 2, first: 3, last: 4))
        #expect(summary.untouchedDimensions == [.sociaal, .motivationeel])
        #expect(summary.gaps.prefix(3) == [.noQuestions(.competentioneel), .untouched(.sociaal), .untouched(.motivationeel)])
        #expect(summary.gaps.map { $0.text(in: .nl) }.contains("competentioneel: geen vragen gesteld"))
        #expect(summary.untagged == 1)
        #expect(summary.strengths.map(\.text) == ["Houdt de ochtendroutine vol."])
        #expect(summary.vulnerabilities.isEmpty)
        #expect(summary.retracted == 1)
        #expect(summary.scores.map(\.label) == ["tevreden"])
    }
}
