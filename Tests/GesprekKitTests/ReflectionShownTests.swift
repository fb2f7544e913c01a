import Foundation
import Testing
@testable import GesprekKit

/// The team's reflections (`gesprek annotate`) where readers show them: replay,
/// the summary in every form, every export and the case history; and the
/// anonymizer that covers them.
@Suite struct ReflectionShownTests {
    static let script = """
        session case=OKT-15 advisor="Sanne Bakker"
        participant Lisa role=moeder
        ask #v Hoe gaat het thuis?
        say Lisa #m Ik durf het nog niet te vragen.
        mark afspraken
        note #s Oma Ria helpt op woensdag.
        """

    /// Lines: 1 session, 2 participant, 3 ask, 4 say, 5 mark, 6 note.
    static func sample(_ reflections: [Reflection] = standard) throws -> Transcript {
        var read = try transcript(of: script, details: SessionDetails(caseReference: "OKT-15"))
        read.reflections = reflections
        return read
    }

    static let standard = [
        Reflection(
            sequence: 1, moment: 4, kind: .hypothesis, dimensions: [.motivationeel], tags: ["kwetsbaarheid"],
            text: "Lisa durft nog niet", time: "2026-11-30T10:00:00+01:00"),
        Reflection(
            sequence: 2, moment: 5, marker: "afspraken", kind: .agreement, dimensions: [], tags: [],
            text: "Volgende keer Oma Ria uitnodigen", time: "2026-11-30T10:01:00+01:00"),
        Reflection(
            sequence: 3, moment: 3, kind: .observation, dimensions: [.vertrekpunt], tags: [],
            text: "Open vraag, goed", time: "2026-11-30T10:02:00+01:00"),
    ]

    // MARK: - Replay

    @Test func replayShowsEachReflectionRightAfterItsLine() throws {
        let read = try Self.sample()
        var index = ReplayIndex()
        read.events.forEach { index.add($0) }
        let player = try ReplayPlayer(index: index, speed: .infinity, reflections: read.reflections)
        let console = ListConsole()
        _ = try player.play(ReplayPlayer.source(read.events), on: console, clock: FakeClock())
        let order = console.shown.map { output -> String in
            switch output {
            case let .event(event, _): "e\(event.sequence)"
            case let .reflection(r): "r\(r.sequence)"
            case .undo, .note: "?"
            }
        }
        #expect(order == ["e1", "e2", "e3", "r3", "e4", "r1", "e5", "r2", "e6"])
        let line = ReplayText.reflection(Self.standard[0], language: .nl)
        #expect(line == "        ↳ team · hypothese · motivationeel: Lisa durft nog niet #kwetsbaarheid")
        #expect(ReplayText.reflection(Self.standard[0], language: .en).contains("↳ team · hypothesis · motivationeel: "))
    }

    @Test func inStepModeAReflectionTakesNoKeyOfItsOwnAndNIsUnchanged() throws {
        let read = try Self.sample()
        var index = ReplayIndex()
        read.events.forEach { index.add($0) }
        let clock = FakeClock()
        // Step: the first line without a key, then one key per line; `n` jumps to the marker (5).
        let console = ScriptedConsole(clock: clock, readsKeys: true, keys: [(0, .forward), (0, .forward), (0, .nextMarker), (0, .forward)])
        let player = try ReplayPlayer(index: index, step: true, reflections: read.reflections)
        _ = try player.play(ReplayPlayer.source(read.events), on: console, clock: clock)
        #expect(console.lines == ["1", "2", "3", "r3", "⏭1", "5", "r2", "6"])
    }

    @Test func aReflectionOutsideTheWindowIsNotShown() throws {
        let read = try Self.sample()
        var index = ReplayIndex()
        read.events.forEach { index.add($0) }
        let console = ListConsole()
        let window = ReplayWindow(start: .elapsed(5), end: nil)
        let player = try ReplayPlayer(index: index, window: window, speed: .infinity, reflections: read.reflections)
        _ = try player.play(ReplayPlayer.source(read.events), on: console, clock: FakeClock())
        #expect(console.shown.filter { if case .reflection = $0 { true } else { false } } == [.reflection(Self.standard[1])])
    }

    @Test func aReflectionAboutALineThatIsNotThereComesAtTheEnd() throws {
        let read = try Self.sample()
        let stray = Reflection(sequence: 4, moment: 99, kind: .question, dimensions: [], tags: [], text: "Waar?", time: "")
        var index = ReplayIndex()
        read.events.forEach { index.add($0) }
        let player = try ReplayPlayer(index: index, speed: .infinity, reflections: [stray])
        let console = ListConsole()
        _ = try player.play(ReplayPlayer.source(read.events), on: console, clock: FakeClock())
        #expect(console.shown.last == .reflection(stray))
    }

    @Test func hiddenCharactersInAReflectionAreShownEscaped() {
        let hostile = Reflection(
            sequence: 1, moment: 1, kind: .observation, dimensions: [], tags: ["x\u{1B}[2J"], text: "a\u{1B}[31mrood\u{202E}",
            time: "")
        let line = ReplayText.reflection(hostile, language: .nl)
        #expect(!line.unicodeScalars.contains { VisibleText.isHidden($0) })
        #expect(line.contains("a\\u{1B}[31mrood\\u{202E}"))
        #expect(line.contains("#x\\u{1B}[2J"))
    }

    // MARK: - Summary

    @Test func theSummaryListsThemByMomentInEveryForm() throws {
        let summary = Summary(try Self.sample())
        #expect(summary.reflections.map(\.sequence) == [3, 1, 2])
        let text = SummaryText.render(summary, language: .nl)
        #expect(text.contains("Reflecties van het team (3):"))
        #expect(text.contains("  - bij #4 (0:04) hypothese · motivationeel: Lisa durft nog niet #kwetsbaarheid"))
        #expect(text.contains("  - bij #5 „afspraken” (0:05) afspraak: Volgende keer Oma Ria uitnodigen"))
        #expect(SummaryText.render(summary, language: .en).contains("Team reflections (3):"))
        let md = SummaryMarkdown.render(summary, language: .nl)
        #expect(md.contains("## Reflecties van het team"))
        #expect(md.contains("| #4 | 0:04 | hypothese | motivationeel | Lisa durft nog niet `#kwetsbaarheid` |"))
        let html = SummaryHTML.render(summary, language: .en)
        #expect(html.contains("<h3>Team reflections</h3>"))
        #expect(html.contains("<td>hypothesis</td>"))
        let json = try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(summary, language: .nl).utf8)) as! [String: Any]
        let reflections = json["reflections"] as! [[String: Any]]
        #expect(reflections.count == 3)
        #expect(reflections[1]["kind"] as? String == "hypothesis")
        #expect(reflections[1]["kindText"] as? String == "hypothese")
        #expect(reflections[1]["moment"] as? Int == 4)
        #expect(reflections[2]["marker"] as? String == "afspraken")
    }

    @Test func aSummaryWithoutReflectionsHasNoSection() throws {
        let summary = Summary(try Self.sample([]))
        #expect(!SummaryText.render(summary, language: .nl).contains("Reflecties"))
        #expect(!SummaryMarkdown.render(summary, language: .nl).contains("Reflecties"))
    }

    // MARK: - Exports

    @Test func markdownAndHTMLShowThemInlineAfterTheLine() throws {
        let read = try Self.sample()
        let md = TranscriptMarkdown.render(read, language: .nl)
        let lines = md.split(separator: "\n").map(String.init)
        let say = try #require(lines.firstIndex { $0.hasPrefix("| 4 |") })
        #expect(lines[say + 1] == "|  |  |  | ↳ **team · hypothese** | motivationeel | *Lisa durft nog niet* `#kwetsbaarheid` |")
        let html = TranscriptHTML.render(read, language: .nl)
        let row = try #require(html.range(of: "<tr id=\"line-4\""))
        let next = try #require(html.range(of: "<tr", range: row.upperBound..<html.endIndex))
        #expect(html[next.lowerBound...].hasPrefix("<tr class=\"reflection reflection-hypothesis\" data-about=\"4\">"))
        // The player takes only rows with data-seq for lines: a reflection row has none.
        let reflectionRows = html.components(separatedBy: "\n").filter { $0.hasPrefix("<tr class=\"reflection ") && $0.contains("↳") }
        #expect(reflectionRows.count == 3)
        #expect(reflectionRows.allSatisfy { !$0.contains("data-seq") && !$0.contains("data-answer") })
    }

    @Test func csvGivesThemRowsOfTheirOwnAndNeutralisesFormulas() throws {
        let formula = Reflection(
            sequence: 1, moment: 4, kind: .question, dimensions: [.sociaal], tags: [], text: "=HYPERLINK(\"x\")", time: "t")
        let csv = EventsCSV.render(try Self.sample([formula]))
        let rows = csv.components(separatedBy: "\r\n")
        let say = try #require(rows.firstIndex { $0.hasPrefix("4,") && $0.contains(",say,") })
        #expect(rows[say + 1] == "4,4.000,t,reflection,sociaal,,team,1,,question,\"'=HYPERLINK(\"\"x\"\")\",false")
    }

    @Test func castShowsThemAsReplayDoesAndNotebookKeepsThemOutOfTheCode() throws {
        let read = try Self.sample()
        let cast = TranscriptCast.render(read, language: .nl)
        #expect(cast.contains("↳ team · hypothese · motivationeel: Lisa durft nog niet"))
        let notebook = TranscriptNotebook.render(read, language: .nl)
        let json = try JSONSerialization.jsonObject(with: Data(notebook.utf8)) as! [String: Any]
        let cells = json["cells"] as! [[String: Any]]
        let code = cells.filter { $0["cell_type"] as? String == "code" }.flatMap { $0["source"] as! [String] }.joined()
        #expect(!code.contains("durft"))
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.flatMap { $0["source"] as! [String] }.joined()
        #expect(markdown.contains("↳ **team · hypothese** · motivationeel (#4): Lisa durft nog niet"))
        // The summary cell keeps its execution count: one more than the code cells before it.
        let counts = cells.compactMap { $0["execution_count"] as? Int }
        #expect(counts == Array(1...counts.count))
    }

    @Test func theFamilyViewNeverShowsThem() throws {
        let read = try Self.sample()
        for format in FamilyView.Format.allCases {
            for notes in [false, true] {
                let text = FamilyView.render(read, format: format, language: .nl, includingNotes: notes)
                #expect(!text.contains("durft nog niet") && !text.contains("uitnodigen") && !text.contains("Open vraag"))
            }
        }
    }

    // MARK: - Case

    @Test func theCaseHistoryShowsThemPerConversation() throws {
        let history = CaseHistory(caseReference: "OKT-15", transcripts: [("a.jsonl", try Self.sample())])
        let text = CaseReport.render(history, format: .text, language: .nl)
        #expect(text.contains("Reflecties van het team per gesprek"))
        #expect(text.contains("     - bij #4 (0:04) hypothese · motivationeel: Lisa durft nog niet #kwetsbaarheid"))
        #expect(CaseReport.render(history, format: .md, language: .en).contains("## Team reflections per conversation"))
        #expect(CaseReport.render(history, format: .html, language: .nl).contains("<ul class=\"reflections\">"))
        let json = try JSONSerialization.jsonObject(with: Data(CaseReport.render(history, format: .json, language: .nl).utf8))
        let conversation = ((json as! [String: Any])["conversations"] as! [[String: Any]])[0]
        #expect((conversation["reflections"] as! [[String: Any]]).count == 3)
    }

    // MARK: - Anonymize

    @Test func anonymizeCoversThemWithTheSamePseudonyms() throws {
        let child = Reflection(
            sequence: 4, moment: 6, kind: .observation, dimensions: [], tags: [],
            text: "LISA noemt Ilias niet; oma ria wel. Sanne Bakker vraagt door.", time: "")
        let read = try Self.sample(Self.standard + [child])
        let anonymizer = Anonymizer(read)
        let anonymous = anonymizer.transcript(read)
        let texts = anonymous.reflections.map(\.text).joined(separator: "\n")
        for name in ["Lisa", "Ilias", "Ria", "Sanne", "Bakker"] { #expect(!mentions(texts, name), "\(name) in \(texts)") }
        #expect(anonymous.reflections[0].text == "moeder durft nog niet")
        // The child named only in a reflection is found by the detector.
        #expect(anonymizer.replaced.contains { $0.name == "Ilias" })
        // Every export of the anonymized transcript.
        for format in ExportFormat.allCases {
            let text = TranscriptExport.render(read, format: format, language: .nl, anonymize: true)
            for name in ["Lisa", "Ilias", "Sanne"] { #expect(!mentions(text, name), "\(name) in \(format)") }
        }
        // --keep leaves a word, in a reflection too.
        let keeping = Anonymizer(read, keeping: ["Ilias"]).transcript(read)
        #expect(keeping.reflections[3].text.contains("Ilias"))
    }
}

/// Shows into a list, reads no keys.
final class ListConsole: ReplayConsole {
    var shown: [ReplayOutput] = []
    var readsKeys: Bool { false }
    func show(_ output: ReplayOutput) { shown.append(output) }
    func waitForKey(until deadline: Double?) -> ReplayKey? { nil }
}
