import FoundationEssentials

/// How a caseload summary is written, row by row, so that any number of
/// transcripts stream through in constant memory.
public enum CaseloadFormat: String, Sendable, CaseIterable {
    case text, md, json

    /// What comes before the first row.
    public func header(language l: DisplayLanguage) -> String {
        let dims = Dimension.allCases.map { String($0.rawValue.prefix(1)) }
        switch self {
        case .text:
            return "transcript".padding(toLength: 34) + " " + l.pick("dossier", "case").padding(toLength: 16)
                + l.pick(" regels", "  lines") + dims.map { $0.leftPadded(5) }.joined()
                + l.pick("   vragen v/c/s/m", " questions v/c/s/m") + l.pick("  netwerk  gemist", "  network  missed")
        case .md:
            return "| transcript | " + l.pick("dossier | regels | ", "case | lines | ") + dims.joined(separator: " | ")
                + l.pick(" | vragen v/c/s/m | netwerk | gemist |", " | questions v/c/s/m | network | missed |") + "\n"
                + "|---|---|---:|" + String(repeating: "---:|", count: dims.count) + "---|---:|---|"
        case .json:
            return "{\"transcripts\":["
        }
    }

    /// One transcript; `index` counts from 0 (JSON needs commas between rows).
    public func row(_ row: SummaryRow, index: Int, language l: DisplayLanguage) -> String {
        let counts = Dimension.allCases.map { row.perDimension[$0] ?? 0 }
        let questions = Dimension.allCases.map { String(row.questions[$0] ?? 0) }.joined(separator: "/")
        let missed = row.untouched.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .text:
            return String(row.name.prefix(34)).padding(toLength: 34) + " " + String((row.caseReference ?? "–").prefix(16)).padding(toLength: 16)
                + String(row.events).leftPadded(7) + counts.map { String($0).leftPadded(5) }.joined()
                + "   " + questions.padding(toLength: 15) + String(row.networkMembers).leftPadded(9) + "  " + missed
        case .md:
            return "| \(row.name) | \(row.caseReference ?? "–") | \(row.events) | " + counts.map(String.init).joined(separator: " | ")
                + " | \(questions) | \(row.networkMembers) | \(missed) |"
        case .json:
            return (index > 0 ? "," : "") + Self.json(RowDocument(row))
        }
    }

    /// The total, and what closes the output.
    public func footer(_ total: CaseloadTotal, language l: DisplayLanguage) -> String {
        let counts = Dimension.allCases.map { total.perDimension[$0] ?? 0 }
        let questions = Dimension.allCases.map { String(total.questions[$0] ?? 0) }.joined(separator: "/")
        let missed = Dimension.allCases.compactMap { d in total.untouched[d].flatMap { $0 > 0 ? "\(d.rawValue) \($0)×" : nil } }
            .joined(separator: ", ")
        let label = l.pick("totaal (\(total.transcripts) transcripten)", "total (\(total.transcripts) transcripts)")
        switch self {
        case .text:
            return label.padding(toLength: 51) + String(total.events).leftPadded(7) + counts.map { String($0).leftPadded(5) }.joined()
                + "   " + questions.padding(toLength: 15) + String(total.networkMembers).leftPadded(9) + "  " + missed
        case .md:
            return "| **\(label)** | | \(total.events) | " + counts.map(String.init).joined(separator: " | ")
                + " | \(questions) | \(total.networkMembers) | \(missed) |"
        case .json:
            return "],\"total\":" + Self.json(TotalDocument(total)) + "}"
        }
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private static func byDimension(_ counts: [Dimension: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }

    private struct RowDocument: Encodable {
        let transcript: String, caseReference: String?, events: Int, retracted: Int, duration: Double
        let dimensions: [String: Int], questions: [String: Int], scores: Int, network: Int
        let strengths: Int, vulnerabilities: Int, untouched: [String]
        init(_ row: SummaryRow) {
            (transcript, caseReference, events, retracted, duration) = (row.name, row.caseReference, row.events, row.retracted, row.duration)
            (dimensions, questions) = (CaseloadFormat.byDimension(row.perDimension), CaseloadFormat.byDimension(row.questions))
            (scores, network, strengths, vulnerabilities) = (row.scores, row.networkMembers, row.strengths, row.vulnerabilities)
            untouched = row.untouched.map(\.rawValue)
        }
    }

    private struct TotalDocument: Encodable {
        let transcripts: Int, events: Int, retracted: Int, duration: Double
        let dimensions: [String: Int], questions: [String: Int], scores: Int, network: Int
        let strengths: Int, vulnerabilities: Int, untouched: [String: Int]
        init(_ t: CaseloadTotal) {
            (transcripts, events, retracted, duration) = (t.transcripts, t.events, t.retracted, t.duration)
            (dimensions, questions) = (CaseloadFormat.byDimension(t.perDimension), CaseloadFormat.byDimension(t.questions))
            (scores, network, strengths, vulnerabilities) = (t.scores, t.networkMembers, t.strengths, t.vulnerabilities)
            untouched = CaseloadFormat.byDimension(t.untouched)
        }
    }
}
