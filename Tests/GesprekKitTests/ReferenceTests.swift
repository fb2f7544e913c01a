import Foundation
import Testing
@testable import GesprekKit

@Suite struct ReferenceTests {
    let reference: [String: Any] = {
        let url = repositoryRoot.appendingPathComponent("Tests/GesprekKitTests/Fixtures/eigen-kracht.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    @Test func questionnairesMatchTheHandreikingVerbatim() throws {
        let instruments = reference["instruments"] as! [[String: Any]]
        #expect(instruments.count == Questionnaire.all.count)
        for (json, questionnaire) in zip(instruments, Questionnaire.all) {
            #expect(json["id"] as? String == questionnaire.id)
            #expect(json["title"] as? String == questionnaire.title)
            let sections = json["sections"] as! [[String: Any]]
            let items = sections.flatMap { $0["items"] as! [[String: String]] }
            #expect(items.map { $0["id"]! } == questionnaire.items.map(\.id))
            #expect(items.map { $0["text"]! } == questionnaire.items.map(\.text))
            #expect(sections.map { $0["dimension"] as! String } == questionnaire.sections.map(\.dimension.rawValue))
        }
        #expect(Questionnaire.all.flatMap(\.items).count == 27)
    }

    @Test func scaleLabelsMatch() {
        let scale = reference["scale"] as! [String: String]
        for value in 0...4 { #expect(Scale.label(for: value) == scale[String(value)]) }
        #expect(Scale.label(for: 5) == nil)
    }

    @Test func dimensionsMatch() {
        let dimensions = reference["dimensions"] as! [[String: String]]
        #expect(Set(dimensions.map { $0["id"]! }) == Set(Dimension.allCases.map(\.rawValue)))
        for json in dimensions {
            #expect(Dimension(rawValue: json["id"]!)!.question == json["question"])
        }
    }

    @Test(arguments: Questionnaire.all.flatMap(\.items))
    func everyItemCanBeScored(item: Questionnaire.Item) throws {
        let (session, _) = try makeSession()
        let result = session.execute("score \(item.id) 2")
        let event = try #require(result.event)
        #expect(event.body == .score(target: item.id, value: 2, text: nil))
        #expect(event.dimensions == [item.dimension])
    }

    @Test func itemRangesReadAsOnTheForm() {
        #expect(Questionnaire.named("gezin")!.itemRanges == "v1–v4, s1–s2, c1–c3, m1–m4")
        #expect(Questionnaire.named("professional")!.itemRanges == "c1–c3, s1–s2, m1–m3")
    }
}
