import FoundationEssentials
import Testing
@testable import GesprekKit

/// The JSON rows of `gesprek summary --format json` are written by hand; they
/// must be what `JSONEncoder` wrote before, byte for byte.
@Suite struct CaseloadFormatTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let names = [
        "t00001.jsonl", "2026-11-23T104054-1a2b3c4d.jsonl", "a/b\\c\"d.jsonl", "Zoë 🙂.jsonl",
        "tab\tnew\nline\u{1}\u{1F}\u{7F}.jsonl", "e\u{301}.jsonl", "",
    ]
    static let durations = [
        0, 440, 6700.758, 0.1 + 0.2, 66592790.02799978, 1e16, 1.5e300, 1e-7, 123456789.125, Double.leastNonzeroMagnitude,
    ]

    @Test func rowsAreWhatJSONEncoderWrites() throws {
        for (i, name) in Self.names.enumerated() {
            var row = SummaryRow(name: name)
            row.caseReference = i % 3 == 0 ? nil : "OKT-\(name)"
            row.events = 200 + i
            row.retracted = i
            row.duration = Self.durations[i % Self.durations.count]
            row.perDimension = [.vertrekpunt: 1, .competentioneel: 22, .sociaal: 333, .motivationeel: 0]
            row.questions = [.vertrekpunt: 4, .sociaal: 5]
            row.scores = 7
            row.networkMembers = i * 2
            row.strengths = 3
            row.vulnerabilities = 9
            row.untouched = i % 2 == 0 ? [.motivationeel] : [.competentioneel, .motivationeel]
            #expect(CaseloadFormat.json.row(row, index: 0, language: .nl) == (try Self.encoded(RowDocument(row))), "\(name)")
            #expect(CaseloadFormat.json.row(row, index: 1, language: .nl) == "," + (try Self.encoded(RowDocument(row))))
        }
    }

    @Test func theTotalIsWhatJSONEncoderWrites() throws {
        for duration in Self.durations {
            var total = CaseloadTotal()
            var row = SummaryRow(name: "t.jsonl")
            row.duration = duration
            row.events = 12
            row.perDimension = [.vertrekpunt: 3, .competentioneel: 1]
            row.questions = [.vertrekpunt: 1]
            row.untouched = [.sociaal, .motivationeel]
            total.add(row)
            total.add(row)
            #expect(CaseloadFormat.json.footer(total, language: .en) == "],\"total\":" + (try Self.encoded(TotalDocument(total))) + "}")
        }
    }

    private static func byDimension(_ counts: [Dimension: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }

    /// The documents `CaseloadFormat` encoded before.
    private struct RowDocument: Encodable {
        let transcript: String, caseReference: String?, events: Int, retracted: Int, duration: Double
        let dimensions: [String: Int], questions: [String: Int], scores: Int, network: Int
        let strengths: Int, vulnerabilities: Int, untouched: [String], noQuestions: [String]
        init(_ row: SummaryRow) {
            (transcript, caseReference, events, retracted, duration) = (
                row.name, row.caseReference, row.events, row.retracted, row.duration
            )
            (dimensions, questions) = (byDimension(row.perDimension), byDimension(row.questions))
            (scores, network, strengths, vulnerabilities) = (row.scores, row.networkMembers, row.strengths, row.vulnerabilities)
            untouched = row.untouched.map(\.rawValue)
            noQuestions = row.missed.compactMap { if case let .noQuestions(d) = $0 { d.rawValue } else { nil } }
        }
    }

    private struct TotalDocument: Encodable {
        let transcripts: Int, events: Int, retracted: Int, duration: Double
        let dimensions: [String: Int], questions: [String: Int], scores: Int, network: Int
        let strengths: Int, vulnerabilities: Int, untouched: [String: Int], noQuestions: [String: Int]
        init(_ t: CaseloadTotal) {
            (transcripts, events, retracted, duration) = (t.transcripts, t.events, t.retracted, t.duration)
            (dimensions, questions) = (byDimension(t.perDimension), byDimension(t.questions))
            (scores, network, strengths, vulnerabilities) = (t.scores, t.networkMembers, t.strengths, t.vulnerabilities)
            untouched = byDimension(t.untouched)
            noQuestions = byDimension(t.noQuestions)
        }
    }
}
