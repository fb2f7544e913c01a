import Foundation
import Testing
@testable import GesprekKit

@Suite struct ExportTests {
    static let script = """
        session case=OKT-7 advisor="Sanne Bakker"
        participant Lisa role=moeder
        participant Noor role=dochter
        ask #v Hoe gaat het?
        say Lisa #v #kwetsbaarheid Zwaar, "echt" | <b>zwaar</b>, & meer.
        say Noor #v Gaat wel.
        note #c #kracht Plant alles, ook de week.
        score gezin.v1 3 Voelt zich gehoord.
        score gezin.v2 4
        score sociaal 2
        network add "Oma Ria" role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes
        network add Marco role=vader influence=- distance=yes
        network add Buurman influence==
        mark einde-verkenning
        say Lisa #s Dit neem ik terug.
        undo
        """

    static func sample() throws -> Transcript { try transcript(of: script) }

    // MARK: - Markdown

    @Test func summaryMarkdownHasEveryPart() throws {
        let summary = Summary(try Self.sample())
        let md = SummaryMarkdown.render(summary, language: .nl)
        #expect(md.hasPrefix("# Overzicht — OKT-7\n"))
        #expect(md.contains("| **vertrekpunt** | 1 | 0 | 2 | 2 | 0 | 0:04 | 0:09 | gezin.v1 3 (tevreden), gezin.v2 4 (zeer tevreden) |"))
        #expect(md.contains("| **motivationeel** | 0 | 0 | 0 | 0 | 0 | – | – | **niet aan bod geweest** |"))
        #expect(md.contains("- motivationeel: niet aan bod geweest"))
        #expect(md.contains("- competentioneel: geen vragen gesteld"))
        #expect(md.contains("| vertrekpunt | gezin.v1 | Er is aandacht voor hoe het met mij gaat. | 3 | tevreden |"))
        #expect(md.contains("| Situatie volgens het gezin als vertrekpunt | 2/4 | 3,5 |"))
        #expect(md.contains("| aantal items | 0 | 0 | 0 | 1 | 1 |"))
        #expect(md.contains("- **Steunend:** Oma Ria"))
        #expect(md.contains("- **Op afstand houden:** Marco"))
        #expect(md.contains("| Krachten (1) | Kwetsbaarheden (1) |"))
        let english = SummaryMarkdown.render(summary, language: .en, level: 2)
        #expect(english.hasPrefix("## Summary — OKT-7\n"))
        #expect(english.contains("| Situatie volgens het gezin als vertrekpunt | 2/4 | 3.5 |"))
    }

    @Test func transcriptMarkdownStrikesRetractedLinesAndGroupsQuotes() throws {
        let md = TranscriptMarkdown.render(try Self.sample(), language: .nl)
        #expect(md.contains("- **Deelnemers:** Lisa (moeder), Noor (dochter)"))
        #expect(md.contains("- **Adviseur:** Sanne Bakker"))
        #expect(md.contains("| 15 | 0:15 |"))
        #expect(md.contains("~~Lisa: Dit neem ik terug.~~ *(ingetrokken)*"))
        #expect(md.contains("### Lisa (moeder)\n\n- „Zwaar, \"echt\" \\| \\<b\\>zwaar\\</b\\>, \\& meer.”"))
        #expect(md.contains("### Noor (dochter)\n\n- „Gaat wel.”"))
        #expect(md.contains("## Overzicht — OKT-7"))
        // Every table row has as many cells as its head: no unescaped | broke one.
        for block in md.components(separatedBy: "\n\n") where block.hasPrefix("|") {
            let rows = block.split(separator: "\n").map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
            #expect(Set(rows).count == 1, "\(block)")
        }
    }

    // MARK: - HTML

    @Test func htmlIsSelfContainedEscapedAndHasBothPictures() throws {
        let html = TranscriptHTML.render(try Self.sample(), language: .nl)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for outside in ["http:", "https:", "src=", "url(", "<link", "@import"] { #expect(!html.contains(outside), "\(outside)") }
        // One inline script, the player's, allowed by its hash and nothing else.
        #expect(html.components(separatedBy: "<script").count - 1 == 1)
        #expect(html.contains("<script>" + ReplayPlayerScript.script + "</script>"))
        #expect(html.contains("script-src \(ReplayPlayerScript.hashSource);") && !html.contains("'unsafe-eval'"))
        #expect(html.contains("<section class=\"player\" id=\"player\" hidden"))
        #expect(html.contains("Zwaar, &quot;echt&quot; | &lt;b&gt;zwaar&lt;/b&gt;, &amp; meer."))
        #expect(!html.contains("<b>zwaar"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.contains("class=\"timeline\"") && html.contains("class=\"ecogram\""))
        #expect(html.contains("@media print"))
        #expect(html.contains(" class=\"retracted\" data-seq="))
    }

    @Test func timelineHasAMarkPerDimensionPerMoment() throws {
        let sample = try Self.sample()
        let summary = Summary(sample)
        let svg = TimelineSVG.render(summary, events: sample.events, language: .nl)
        let expected = summary.timeline.map(\.dimensions.count).reduce(0, +)
        #expect(expected > 5)
        #expect(svg.components(separatedBy: "class=\"mark\"").count - 1 == expected)
        #expect(svg.contains("⚑ einde-verkenning"))
    }

    @Test func ecogramStylesLinesByInfluenceAndPutsDistanceFurtherOut() throws {
        let svg = EcogramSVG.render(Summary(try Self.sample()), language: .nl)
        #expect(svg.components(separatedBy: "class=\"influence positive\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "class=\"influence negative\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "class=\"influence neutral\"").count - 1 == 1)
        #expect(svg.contains("stroke=\"#1b7a34\" stroke-width=\"5\""))
        #expect(svg.contains("stroke-dasharray=\"10 6\""))
        #expect(svg.contains("<g class=\"member stays\">") && svg.contains("<g class=\"member distance\">"))
        // Each member's circle: Marco (kept at a distance) stands further from the centre than Oma Ria.
        func distance(of name: String) -> Double? {
            guard let title = svg.range(of: "<title>\(name)"),
                let circle = svg[title.upperBound...].range(of: "r=\"24\""),
                let start = svg[..<circle.lowerBound].range(of: "<circle cx=\"", options: .backwards)
            else { return nil }
            let numbers = svg[start.upperBound..<circle.lowerBound].split(whereSeparator: { !"0123456789.".contains($0) }).compactMap {
                Double($0)
            }
            guard numbers.count >= 2 else { return nil }
            let (dx, dy) = ((numbers[0] - EcogramSVG.centre.x) / EcogramSVG.far.x, (numbers[1] - EcogramSVG.centre.y) / EcogramSVG.far.y)
            return (dx * dx + dy * dy).squareRoot()
        }
        let oma = try #require(distance(of: "Oma Ria")), marco = try #require(distance(of: "Marco"))
        #expect(marco > oma + 0.1)
        #expect(svg.contains(">P</text>") && svg.contains(">E</text>"))
        #expect(svg.contains("Lisa (moeder)"))
    }

    // MARK: - CSV

    @Test func eventsCSVIsOneRFC4180RowPerEvent() throws {
        let sample = try Self.sample()
        let csv = EventsCSV.render(sample)
        let records = csv.components(separatedBy: "\r\n").dropLast()
        #expect(csv.hasSuffix("\r\n"))
        #expect(records.count == sample.events.count + 1)
        #expect(records.first == EventsCSV.columns.joined(separator: ","))
        #expect(
            records.contains(
                "5,5.000,\(sample.events[4].time),say,vertrekpunt,kwetsbaarheid,Lisa,,,,\"Zwaar, \"\"echt\"\" | <b>zwaar</b>, & meer.\",false"
            ))
        #expect(records.contains { $0.hasPrefix("15,") && $0.hasSuffix(",true") })
        #expect(records.contains { $0.hasPrefix("16,") && $0.contains(",undo,,,,15,") })
    }

    @Test func scoresCSVHasEveryItemOfTheFormAndTheDimensionScores() throws {
        let csv = ScoresCSV.render(Summary(try Self.sample()))
        let records = csv.components(separatedBy: "\r\n").dropLast()
        #expect(records.count == 1 + 13 + 1)
        #expect(
            records.contains(
                "gezin,Situatie volgens het gezin als vertrekpunt,vertrekpunt,gezin.v1,Er is aandacht voor hoe het met mij gaat.,3,tevreden,Voelt zich gehoord.,8"
            ))
        #expect(
            records.contains(
                "gezin,Situatie volgens het gezin als vertrekpunt,vertrekpunt,gezin.v3,De hulpverlener weet welke problemen ik heb.,,,,"))
        #expect(records.last == ",,sociaal,sociaal,Wie iemand kent,2,neutraal,,10")
    }

    // MARK: - JSON

    @Test func summaryJSONIsStableAndComplete() throws {
        let summary = Summary(try Self.sample())
        let json = SummaryJSON.render(summary, language: .nl)
        #expect(json == SummaryJSON.render(summary, language: .nl))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "gesprek-summary")
        #expect(object["version"] as? Int == 1)
        #expect(object["case"] as? String == "OKT-7")
        let gaps = try #require(object["gaps"] as? [[String: Any]])
        #expect(gaps.first?["code"] as? String == "noQuestions")
        #expect(gaps.contains { $0["code"] as? String == "untouched" && $0["dimension"] as? String == "motivationeel" })
        let forms = try #require(object["questionnaires"] as? [[String: Any]])
        #expect(forms.first?["totalsPerCategory"] as? [Int] == [0, 0, 0, 1, 1])
        let sections = try #require(forms.first?["sections"] as? [[String: Any]])
        #expect(sections.first?["mean"] as? Double == 3.5)
        #expect(sections.last?["mean"] == nil, "no mean when nothing was scored")
        let network = try #require(object["network"] as? [String: Any])
        let groups = try #require(network["groups"] as? [String: Any])
        #expect(groups["atDistance"] as? [String] == ["Marco"])
        #expect((groups["support"] as? [String: [String]])?["praktisch"] == ["Oma Ria"])
        let timeline = try #require(object["timeline"] as? [String: Any])
        #expect(timeline["buckets"] as? Int == 24)
        // Keys come sorted, so that the output diffs well.
        #expect(json.range(of: "\"advisor\"")!.lowerBound < json.range(of: "\"case\"")!.lowerBound)
        #expect(json.hasSuffix("}\n"))
    }

    // MARK: - Asciicast

    @Test func castReplaysEveryTypedLineAtItsTime() throws {
        let sample = try Self.sample()
        let cast = TranscriptCast.render(sample, language: .nl)
        let lines = cast.split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect((header["width"] as? Int ?? 0) >= 80 && header["height"] as? Int == 30)
        #expect(header["timestamp"] as? Int == 1_795_424_400)
        #expect(header["title"] as? String == "gesprek — OKT-7")
        let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let times = events.compactMap { $0[0] as? Double }
        #expect(times.count == events.count && times == times.sorted(), "times never go back")
        let output = events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }.joined()
        for event in sample.events { #expect(output.contains(event.line + "\r\n"), "\(event.line)") }
        #expect(output.contains("OKT-7\u{1B}[0m \u{1B}[2m0:04\u{1B}[0m › "))
        #expect(output.contains("✓\u{1B}[0m vraag · vertrekpunt"))
        let markers = events.filter { $0[1] as? String == "m" }
        #expect(markers.count == 1 && markers[0][2] as? String == "einde-verkenning" && markers[0][0] as? Double == 14)
        // The line appears before the moment it was recorded, character by character.
        let lastTyped = try #require(events.firstIndex { ($0[2] as? String) == "u" && ($0[0] as? Double ?? 0) > 15 })
        #expect((events[lastTyped][0] as? Double ?? 99) < 16)
    }

    // MARK: - Anonymized exports

    @Test(arguments: ExportFormat.allCases)
    func anonymizedExportsNameNobody(format: ExportFormat) throws {
        let sample = try Self.sample()
        let text = TranscriptExport.render(sample, format: format, language: .nl, anonymize: true)
        for name in ["Lisa", "Noor", "Oma Ria", "Ria", "Marco", "Sanne", "Bakker", "OKT-7"] {
            #expect(!mentions(text, name), "\(name) in \(format)")
        }
        #expect(mentions(text, "grootmoeder"))
        // A member called only by a role word (`network add Buurman`) names nobody: the word stays.
        if format != .cast { #expect(mentions(text, "Buurman"), "\(format)") }
    }
}
