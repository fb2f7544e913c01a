import Foundation
import Testing
@testable import GesprekKit

/// `TranscriptFormat` is the code's one description of the format;
/// `Transcripts/transcript.schema.json` is the one for other tools. They must
/// say the same: the same keys, the table's required keys required by the
/// schema too (the schema also requires what the writer always writes), the same ranges.
@Suite struct TranscriptFormatTests {
    static var schema: [String: Any] {
        let url = repositoryRoot.appendingPathComponent("Transcripts/transcript.schema.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }
    static var definitions: [String: [String: Any]] { schema["$defs"] as? [String: [String: Any]] ?? [:] }

    /// The schema's definition of an event of `kind`, found as the schema finds it: by `kind`'s const.
    static func definition(of kind: Event.Kind) -> [String: Any]? {
        let cases = (definitions["event"]?["allOf"] as? [[String: Any]]) ?? []
        for branch in cases {
            let condition = ((branch["if"] as? [String: Any])?["properties"] as? [String: Any])?["kind"] as? [String: Any]
            guard condition?["const"] as? String == kind.rawValue else { continue }
            let reference = (branch["then"] as? [String: Any])?["$ref"] as? String ?? ""
            return definitions[String(reference.split(separator: "/").last ?? "")]
        }
        return nil
    }

    static func keys(_ definition: [String: Any]?) -> Set<String> {
        Set((definition?["properties"] as? [String: Any])?.keys.map { $0 } ?? []).subtracting(["hash", "sig"])
    }

    @Test func theSchemaHasTheTablesKeys() throws {
        var all = Set<String>()
        for kind in Event.Kind.allCases {
            let definition = try #require(Self.definition(of: kind), "no schema for \(kind.rawValue)")
            let keys = Self.keys(definition)
            all.formUnion(keys)
            let required = Set(definition["required"] as? [String] ?? [])
            let tableRequires = Set((TranscriptFormat.keysOfEveryEvent + TranscriptFormat.requiredKeys(of: kind)).map { "\($0.name)" })
            #expect(tableRequires.isSubset(of: required), "\(kind.rawValue): \(tableRequires.subtracting(required))")
            #expect(keys.isSubset(of: Set(TranscriptFormat.EventKey.allCases.map { "\($0.name)" })), "\(kind.rawValue)")
        }
        #expect(all == Set(TranscriptFormat.EventKey.allCases.map { "\($0.name)" }))
        #expect(Self.keys(Self.definitions["header"]) == Set(TranscriptFormat.HeaderKey.allCases.map { "\($0.name)" }))
        #expect(Self.keys(Self.definitions["participant"]) == Set(TranscriptFormat.ParticipantKey.allCases.map { "\($0.name)" }))
        #expect(Self.keys(Self.definitions["closing"]) == Set(TranscriptFormat.ClosingKey.allCases.map { "\($0.name)" }))
        let closingRequired = Set(Self.definitions["closing"]?["required"] as? [String] ?? [])
        #expect(closingRequired == Set(TranscriptFormat.ClosingKey.allCases.map { "\($0.name)" } + ["hash", "sig"]))
    }

    @Test func theSchemaHasTheTablesRanges() throws {
        let common = try #require(Self.definitions["eventCommon"]?["properties"] as? [String: [String: Any]])
        #expect(common["elapsed"]?["minimum"] as? Double == TranscriptFormat.elapsedRange.lowerBound)
        #expect(common["elapsed"]?["maximum"] as? Double == TranscriptFormat.elapsedRange.upperBound)
        let score = try #require(Self.definition(of: .score)?["properties"] as? [String: [String: Any]])
        #expect(score["value"]?["minimum"] as? Int == TranscriptFormat.valueRange.lowerBound)
        #expect(score["value"]?["maximum"] as? Int == TranscriptFormat.valueRange.upperBound)
    }

    /// What the writer writes is in the table, in the table's order.
    @Test func theWriterWritesTheTablesKeysInOrder() throws {
        let (session, memory) = try makeSession()
        session.execute("network add Oma role=oma influence=+ support=praktisch stays=yes distance=no contact=dagelijks #s")
        let line = try #require(memory.lines.last)
        let written = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(written.keys).subtracting(["hash", "sig"]).isSubset(of: Set(TranscriptFormat.EventKey.allCases.map { "\($0.name)" })))
        let positions = TranscriptFormat.EventKey.allCases.compactMap { line.range(of: "\"\($0.name)\":")?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == written.count - 2)
    }

    /// The closing record's keys are in the table, in the table's order, and the header's new keys too.
    @Test func theClosingRecordAndTheHeaderHaveTheTablesKeysInOrder() throws {
        let (session, memory) = try makeSession()
        session.execute("note Eén.")
        try session.close()
        let closing = try #require(memory.lines.last)
        #expect(closing.hasPrefix(#"{"close":"normal","#))
        let positions = TranscriptFormat.ClosingKey.allCases.compactMap { closing.range(of: "\"\($0.name)\":")?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == TranscriptFormat.ClosingKey.allCases.count)
        let header = try #require(memory.lines.first)
        let headerPositions = TranscriptFormat.HeaderKey.allCases.compactMap { header.range(of: "\"\($0.name)\":")?.lowerBound }
        #expect(headerPositions == headerPositions.sorted())
        #expect(header.contains(#""version":3"#) && header.contains(#""file":""#) && header.contains(#""signer":""#))
    }
}
