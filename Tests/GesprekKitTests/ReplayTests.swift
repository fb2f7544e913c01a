import Foundation
import Testing
@testable import GesprekKit

/// The pure side of `gesprek replay`: positions, the first pass, the window,
/// the pace, and the player driven by a scripted console on a fake clock.
@Suite struct ReplayTests {
    // MARK: - Positions

    @Test func timesAndMarkersAreTold() throws {
        #expect(try ReplayPosition.parse("5:00") == .time(300))
        #expect(try ReplayPosition.parse("1:02:03") == .time(3723))
        #expect(try ReplayPosition.parse("90") == .time(90))
        #expect(try ReplayPosition.parse("2:30.5") == .time(150.5))
        #expect(try ReplayPosition.parse(" 0:07 ") == .time(7))
        #expect(try ReplayPosition.parse("einde-verkenning") == .marker("einde-verkenning"))
        #expect(try ReplayPosition.parse("fase 2") == .marker("fase 2"))
        #expect(try ReplayPosition.parse("5:") == .marker("5:"))
        #expect(throws: ReplayError.invalidTime("5:75")) { try ReplayPosition.parse("5:75") }
        #expect(throws: ReplayError.invalidTime("1:60:00")) { try ReplayPosition.parse("1:60:00") }
    }

    // MARK: - The first pass

    @Test func theIndexCollectsRetractionsMarkersAndDetails() throws {
        let url = try transcriptFile(
            """
            session case=OKT-9
            participant Lisa role=moeder
            ask #v Hoe gaat het?
            mark begin
            note Wordt ingetrokken.
            undo
            mark weg
            undo
            participant Noor
            mark einde
            """)
        let (header, index, warnings) = try ReplayIndex.scan(contentsOf: url)
        #expect(warnings.isEmpty)
        #expect(index.retracted == [5, 7])
        #expect(index.markers.map(\.label) == ["begin", "einde"])
        #expect(index.markers.map(\.sequence) == [4, 10])
        #expect(index.markers.map(\.elapsed) == [4, 10])
        #expect(index.eventCount == 10)
        #expect(index.duration == 10)
        let details = index.details(from: header.details)
        #expect(details.caseReference == "OKT-9")
        #expect(details.participants == [Participant(name: "Lisa", role: "moeder"), Participant(name: "Noor")])
    }

    @Test func aRetractedParticipantIsLeftOutOfTheDetails() {
        var index = ReplayIndex()
        index.add(event(1, 1, .participant(Participant(name: "Lisa"))))
        index.add(event(2, 2, .undo(retracts: 1)))
        #expect(index.details(from: SessionDetails()).participants.isEmpty)
        #expect(index.isRetracted(event(1, 1, .note(text: ""))))
    }

    @Test func aCutOffLastLineIsAWarningAndTheRestIsRead() throws {
        let url = try transcriptFile("ask Eén\nmark m\nask Twee")
        let text = try String(contentsOf: url, encoding: .utf8)
        try String(text.dropLast(20)).write(to: url, atomically: true, encoding: .utf8)
        let (_, index, warnings) = try ReplayIndex.scan(contentsOf: url)
        #expect(warnings == [.truncatedLastLine(line: 4)])
        #expect(index.eventCount == 2)
        #expect(index.markers.map(\.label) == ["m"])
    }

    // MARK: - The window

    @Test func fromAndUntilByTimeIncludeBothEnds() throws {
        let window = try ReplayWindow(from: .time(20), until: .time(40), markers: [])
        let kept = sample.filter { !window.isBeforeStart($0) && !window.isAfterEnd($0) }.map(\.sequence)
        #expect(kept == [2, 3, 4])
        #expect(window.startElapsed == 20)
    }

    @Test func fromAndUntilByMarkerStartAndStopAtTheMarkerEvent() throws {
        let markers = [marker("a", 3, 30), marker("b", 5, 50)]
        let window = try ReplayWindow(from: .marker("a"), until: .marker("B"), markers: markers)
        let kept = sample.filter { !window.isBeforeStart($0) && !window.isAfterEnd($0) }.map(\.sequence)
        #expect(kept == [3, 4, 5])
        #expect(window.startElapsed == 30)
        #expect(window.contains(markers[0]) && window.contains(markers[1]))
    }

    @Test func anUnknownMarkerListsTheKnownOnes() {
        let markers = [marker("einde-verkenning", 3, 800)]
        #expect(throws: ReplayError.unknownMarker("x", known: markers)) {
            try ReplayWindow(from: .marker("x"), until: nil, markers: markers)
        }
        let message = ReplayError.unknownMarker("x", known: markers).message(in: .nl)
        #expect(message == "onbekende markering \"x\"; markeringen in dit transcript: einde-verkenning (13:20)")
        #expect(ReplayError.unknownMarker("x", known: []).message(in: .en).hasSuffix("this transcript has no markers"))
        #expect(throws: ReplayError.unknownMarker("x", known: [])) {
            _ = try ReplayPlayer(index: ReplayIndex(), pauseAt: ["x"])
        }
    }

    @Test func fromAfterUntilIsRefused() {
        #expect(throws: ReplayError.emptyWindow(from: 60, until: 30)) {
            try ReplayWindow(from: .time(60), until: .time(30), markers: [])
        }
    }

    // MARK: - The pace

    @Test func delaysFollowTheRecordedGaps() {
        var pacer = ReplayPacer()
        #expect([10, 25, 25, 90].map { pacer.delay(before: event(1, $0, .note(text: ""))) } == [10, 15, 0, 65])
    }

    @Test func speedDividesAndTheIdleLimitCapsAfterIt() {
        var pacer = ReplayPacer(speed: 2, idleLimit: 5, startingAt: 100)
        #expect([104, 110, 160].map { pacer.delay(before: event(1, $0, .note(text: ""))) } == [2, 3, 5])
        pacer.restart(at: 200)
        #expect(pacer.delay(before: event(1, 201, .note(text: ""))) == 0.5)
        var instant = ReplayPacer(speed: .infinity)
        #expect(instant.delay(before: event(1, 60, .note(text: ""))) == 0)
        var zero = ReplayPacer(idleLimit: 0.2)
        #expect(zero.delay(before: event(1, 60, .note(text: ""))) == 0.2)
    }

    // MARK: - Playing

    @Test func playsEverythingInOrderAtThePace() throws {
        let (console, ending) = try play(sample, keys: nil, speed: 2)
        #expect(console.lines == ["1", "2", "3", "4", "5", "6"])
        #expect(console.waits == [5, 5, 5, 5, 5, 5])
        #expect(ending == ReplayEnding(reason: .end, shown: 6, lastElapsed: 60))
    }

    @Test func theIdleLimitShortensALongSilence() throws {
        let events = [event(1, 1, .note(text: "a")), event(2, 61, .note(text: "b"))]
        let (console, _) = try play(events, keys: nil, idleLimit: 0.2)
        #expect(console.waits.count == 2 && console.waits.allSatisfy { abs(($0 ?? 0) - 0.2) < 1e-9 })
        #expect(console.clock.time - 100 <= 0.4 + 1e-9)
    }

    @Test func fromAndUntilByMarkerPlayOnlyThatPart() throws {
        let index = indexOf(sample)
        let window = try ReplayWindow(from: .marker("a"), until: .marker("b"), markers: index.markers)
        let (console, ending) = try play(sample, keys: nil, window: window)
        #expect(console.lines == ["3", "4", "5"])
        #expect(console.waits == [0, 10, 10], "the pace counts from the marker")
        #expect(ending.reason == .until)
    }

    @Test func retractedEventsAreMarkedAndUndoSaysWhatItTookBack() throws {
        let events = [
            event(1, 1, .note(text: "a")), event(2, 2, .score(target: "gezin.s1", value: 5, text: nil)),
            event(3, 3, .undo(retracts: 2)), event(4, 4, .note(text: "b")),
        ]
        let (console, _) = try play(events, keys: nil)
        #expect(console.lines == ["1", "2x", "3↶", "4"])
        #expect(console.shown[2] == .undo(events[2], retracting: RetractedEvent(kind: .score, elapsed: 2)))
        #expect(console.shown.count == 4)
    }

    @Test func stepModeShowsOneLinePerKey() throws {
        let (console, ending) = try play(sample, keys: [(1, .forward), (2, .space), (3, .other), (4, .quit)], step: true)
        #expect(console.lines == ["1", "2", "3"])
        #expect(console.waits.allSatisfy { $0 == nil }, "step mode never waits for the clock")
        #expect(ending == ReplayEnding(reason: .quit, shown: 3, lastElapsed: 30))
    }

    @Test func stepModeJumpsToTheNextAndPreviousMarker() throws {
        // 1 shown; n → marker a (3), skipping 2; n → marker b (5), skipping 4; p → back to a; Enter → 4; q.
        let keys: [(Double, ReplayKey)] = [(1, .nextMarker), (2, .nextMarker), (3, .previousMarker), (4, .forward), (5, .quit)]
        let (console, ending) = try play(sample, keys: keys, step: true)
        #expect(console.lines == ["1", "⏭1", "3", "⏭1", "5", "⏮a", "3", "4"])
        #expect(ending.reason == .quit)
    }

    @Test func previousMarkerFromAfterAMarkerGoesBackToIt() throws {
        let keys: [(Double, ReplayKey)] = [
            (1, .forward), (2, .forward), (3, .forward), (4, .previousMarker), (5, .previousMarker),
            (6, .nextMarker), (7, .quit),
        ]
        let (console, _) = try play(sample, keys: keys, step: true)
        #expect(console.lines == ["1", "2", "3", "4", "⏮a", "3", "no earlier marker", "⏭1", "5"])
    }

    @Test func withoutKeysStepModePlaysWithoutDelays() throws {
        let (console, ending) = try play(sample, keys: nil, step: true, readsKeys: false)
        #expect(console.lines == ["1", "2", "3", "4", "5", "6"])
        #expect(console.waits.allSatisfy { $0 == 0 })
        #expect(ending.reason == .end)
    }

    @Test func pauseAtStopsAfterTheMarkerUntilAKey() throws {
        let (console, _) = try play(sample, keys: [(45, .forward)], pauseAt: ["a"])
        #expect(console.lines == ["1", "2", "3", "⏸a", "4", "5", "6"])
        // 10 s to each line; after the marker an unlimited wait; then the pace counts from the key.
        #expect(console.waits == [10, 10, 10, nil, 10, 10, 10])
    }

    @Test func pauseAtIsIgnoredWithoutKeys() throws {
        let (console, _) = try play(sample, keys: nil, pauseAt: ["a"], readsKeys: false)
        #expect(console.lines == ["1", "2", "3", "4", "5", "6"])
    }

    @Test func spacePausesAndTheRestOfTheWaitFollowsTheResume() throws {
        // After 4 of the 10 s before line 2, Space; 100 s later Space again: 6 s still to wait.
        let (console, _) = try play(sample, keys: [(14, .space), (114, .space)])
        #expect(console.lines.prefix(3) == ["1", "⏸", "2"])
        #expect(console.waits.prefix(4) == [10, 10, nil, 6])
    }

    @Test func enterShowsTheNextLineAtOnceAndNSkipsAhead() throws {
        // Enter at 12 s shows line 2 early; n while waiting for marker a shows it at once; n again skips 4 to reach b.
        let (console, _) = try play(sample, keys: [(12, .forward), (13, .nextMarker), (14, .nextMarker), (15, .quit)])
        #expect(console.lines == ["1", "2", "3", "⏭1", "5"])
    }

    @Test func quitEndsAtOnce() throws {
        let (console, ending) = try play(sample, keys: [(1, .quit)])
        #expect(console.lines.isEmpty)
        #expect(ending == ReplayEnding(reason: .quit, shown: 0, lastElapsed: nil))
    }

    // MARK: - The words

    @Test func lineTexts() {
        let ask = Event(
            sequence: 3, elapsed: 192, time: "", dimensions: [.vertrekpunt], tags: [],
            body: .ask(text: "Hoe gaat het met je?"), line: "", lineNumber: 3)
        #expect(ReplayText.event(ask, retracted: false, language: .nl) == "  3:12  vraag · vertrekpunt       Hoe gaat het met je?")
        #expect(ReplayText.event(ask, retracted: true, language: .en).hasSuffix("Hoe gaat het met je? (retracted)"))
        let undo = event(4, 200, .undo(retracts: 3))
        #expect(
            ReplayText.undo(undo, retracting: RetractedEvent(kind: .ask, elapsed: 192), language: .nl)
                == "  3:20  ↶ vraag van 3:12 ingetrokken")
        #expect(ReplayText.undo(undo, retracting: nil, language: .en) == "  3:20  ↶ line #3 retracted")
    }

    @Test func headerAndClosing() {
        let header = TranscriptHeader(
            sessionID: "x", started: "2026-11-23T10:46:10.872+01:00", details: SessionDetails(),
            tool: "gesprek", language: .nl)
        let details = SessionDetails(caseReference: "OKT-1", advisor: "Sanne", participants: [Participant(name: "Lisa", role: "moeder")])
        #expect(
            ReplayText.header(header, details: details, duration: 2080, language: .nl)
                == "Dossier OKT-1 · adviseur Sanne · Lisa (moeder) · gestart 23-11-2026 10:46 · duur 34:40")
        #expect(
            ReplayText.header(header, details: SessionDetails(), duration: 0, language: .en) == "Started 2026-11-23 10:46 · length 0:00")
        #expect(
            ReplayText.closing(ReplayEnding(reason: .end, shown: 1, lastElapsed: 60), language: .nl)
                == "Einde van het gesprek (1:00) · 1 regel getoond")
        #expect(ReplayText.closing(ReplayEnding(reason: .quit, shown: 0, lastElapsed: nil), language: .en) == "Stopped · 0 lines shown")
        let window = ReplayWindow(start: .elapsed(300), end: .marker(marker("b", 5, 600)))
        #expect(ReplayText.window(window, language: .nl) == "Van 5:00 tot en met 10:00 (b)")
        #expect(ReplayText.window(ReplayWindow(), language: .nl) == nil)
    }

    // MARK: - Helpers

    /// Notes at 10, 20, …, 60 s; 3 is marker `a` and 5 marker `b`.
    let sample: [Event] = (1...6).map { n in
        let body: Event.Body = n == 3 ? .mark(label: "a") : n == 5 ? .mark(label: "b") : .note(text: "\(n)")
        return event(n, Double(n * 10), body)
    }

    func indexOf(_ events: [Event]) -> ReplayIndex {
        var index = ReplayIndex()
        events.forEach { index.add($0) }
        return index
    }

    func play(
        _ events: [Event], keys: [(Double, ReplayKey)]?, speed: Double = 1, idleLimit: Double? = nil,
        window: ReplayWindow = ReplayWindow(), step: Bool = false, pauseAt: [String] = [],
        readsKeys: Bool? = nil
    ) throws -> (ScriptedConsole, ReplayEnding) {
        let clock = FakeClock()
        let console = ScriptedConsole(clock: clock, readsKeys: readsKeys ?? (keys != nil), keys: keys ?? [])
        let player = try ReplayPlayer(
            index: indexOf(events), window: window, speed: speed, idleLimit: idleLimit,
            step: step, pauseAt: pauseAt)
        let ending = try player.play(ReplayPlayer.source(events), on: console, clock: clock)
        return (console, ending)
    }

    /// A transcript file written by a session whose clock steps one second per line.
    func transcriptFile(_ script: String) throws -> URL {
        let clock = SteppingClock(step: 1)
        let memory = MemoryTranscript()
        let session = try Session(configuration: SessionConfiguration(language: .nl, clock: { clock.read() }), transcript: memory)
        #expect(session.run(script: script).errors.isEmpty)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-replay-\(UUID()).jsonl")
        try memory.text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

private func event(_ sequence: Int, _ elapsed: Double, _ body: Event.Body) -> Event {
    Event(sequence: sequence, elapsed: elapsed, time: "", dimensions: [], tags: [], body: body, line: "", lineNumber: sequence)
}

private func marker(_ label: String, _ sequence: Int, _ elapsed: Double) -> ReplayMarker {
    ReplayMarker(label: label, sequence: sequence, elapsed: elapsed)
}

/// A clock that moves only when the console waits.
final class FakeClock: ReplayClock {
    var time = 100.0
    func now() -> Double { time }
}

/// Shows into a list and plays scripted keys, each pressed so many seconds
/// after the start (the clock starts at 100) when a wait lasts that long.
/// `waits` records how long each wait could last (nil: no limit).
final class ScriptedConsole: ReplayConsole {
    let clock: FakeClock
    let readsKeys: Bool
    var keys: [(at: Double, key: ReplayKey)]
    var shown: [ReplayOutput] = []
    var waits: [Double?] = []

    init(clock: FakeClock, readsKeys: Bool, keys: [(Double, ReplayKey)]) {
        self.clock = clock
        self.readsKeys = readsKeys
        self.keys = keys.map { (at: 100 + $0.0, key: $0.1) }
    }

    func show(_ output: ReplayOutput) { shown.append(output) }

    func waitForKey(until deadline: Double?) -> ReplayKey? {
        waits.append(deadline.map { $0 - clock.time })
        if readsKeys, let next = keys.first, deadline.map({ next.at < $0 }) ?? true {
            keys.removeFirst()
            clock.time = max(clock.time, next.at)
            return next.key
        }
        guard let deadline else { return .quit }
        clock.time = max(clock.time, deadline)
        return nil
    }

    /// The outputs in short: `3` an event, `3x` retracted, `3↶` an undo, `r1` a reflection, `⏭2` skipped, `⏮a` back, `⏸` paused, `⏸a` paused at a.
    var lines: [String] {
        shown.map { output in
            switch output {
            case let .event(event, retracted): "\(event.sequence)" + (retracted ? "x" : "")
            case let .undo(event, _): "\(event.sequence)↶"
            case let .reflection(reflection): "r\(reflection.sequence)"
            case let .note(.skipped(count)): "⏭\(count)"
            case let .note(.back(label)): "⏮\(label)"
            case .note(.paused): "⏸"
            case let .note(.pausedAtMarker(label)): "⏸\(label)"
            case let .note(note): ReplayText.note(note, language: .en).trimmingCharacters(in: .whitespaces)
            }
        }
    }
}
