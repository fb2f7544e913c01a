import Testing
@testable import GesprekKit

@Suite struct TagTests {
    @Test(arguments: [
        ("#c", Dimension.competentioneel), ("#comp", .competentioneel), ("#competentioneel", .competentioneel),
        ("#competence", .competentioneel),
        ("#s", .sociaal), ("#soc", .sociaal), ("#social", .sociaal), ("#SOCIAAL", .sociaal),
        ("#m", .motivationeel), ("#motivation", .motivationeel), ("#moti", .motivationeel),
        ("#v", .vertrekpunt), ("#vertrek", .vertrekpunt), ("#start", .vertrekpunt), ("#starting-point", .vertrekpunt),
    ])
    func dimensionTags(tag: String, dimension: Dimension) throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("note \(tag) Iets gezien.").event)
        #expect(event.dimensions == [dimension])
        #expect(event.tags.isEmpty)
    }

    @Test func strengthAndVulnerability() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("note #c #kracht #vulnerability Houdt de ochtendroutine vol.").event)
        #expect(event.dimensions == [.competentioneel])
        #expect(event.tags == ["kracht", "kwetsbaarheid"])
    }

    @Test func tagsAtTheEndAndTextInBetween() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("ask #v Hoe gaat het met je? #s #school").event)
        #expect(event.body == .ask(text: "Hoe gaat het met je?"))
        #expect(event.dimensions == [.vertrekpunt, .sociaal])
        #expect(event.tags == ["school"])
    }

    @Test func aHashInTheMiddleStaysText() throws {
        let (session, _) = try makeSession()
        let event = try #require(session.execute("note Kamer #3 is te klein en #nu rommelig.").event)
        #expect(event.body == .note(text: "Kamer #3 is te klein en #nu rommelig."))
        #expect(event.tags.isEmpty)
    }

    @Test func aFreeTagOneTypoFromAKnownOneWarnsButRecords() throws {
        let (session, _) = try makeSession()
        let (line, column) = marked("note 1️⃣#socaal Belt soms haar zus.")
        let result = session.execute(line)
        #expect(result.event != nil)
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location.column == column)
        #expect(warning.message(in: .en) == "#socaal is a free tag; did you mean #sociaal?")
        #expect(warning.message(in: .nl) == "#socaal is een vrije tag; bedoel je #sociaal?")
    }

    @Test func aFreeTagOneTypoFromAnEarlierFreeTagWarns() throws {
        let (session, _) = try makeSession()
        #expect(session.execute("note #school Gaat graag.").diagnostics.isEmpty)
        let result = session.execute("note #schol Spijbelt soms.")
        #expect(result.diagnostics.first?.message(in: .en) == "#schol is a free tag; did you mean #school?")
    }

    @Test func unrelatedFreeTagsDoNotWarn() throws {
        let (session, _) = try makeSession()
        #expect(session.execute("note #slaap #werk Slaapt slecht door de nachtdiensten.").diagnostics.isEmpty)
    }
}
