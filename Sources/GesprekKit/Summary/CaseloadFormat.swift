#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// How a caseload summary is written, row by row, so that any number of
/// transcripts stream through in constant memory.
package enum CaseloadFormat: String, Sendable, CaseIterable {
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
        let missed = row.missed.map { $0.shortText(in: l) }.joined(separator: ", ")
        switch self {
        case .text:
            return Self.cut(row.name, to: 34).padding(toLength: 34) + " "
                + Self.cut(row.caseReference ?? "–", to: 16).padding(toLength: 16)
                + String(row.events).leftPadded(7) + counts.map { String($0).leftPadded(5) }.joined()
                + "   " + questions.padding(toLength: 15) + String(row.networkMembers).leftPadded(9) + "  " + missed
        case .md:
            return "| \(row.name) | \(row.caseReference ?? "–") | \(row.events) | " + counts.map(String.init).joined(separator: " | ")
                + " | \(questions) | \(row.networkMembers) | \(missed) |"
        case .json:
            return (index > 0 ? "," : "") + Self.json(row)
        }
    }

    /// The total, and what closes the output.
    public func footer(_ total: CaseloadTotal, language l: DisplayLanguage) -> String {
        let counts = Dimension.allCases.map { total.perDimension[$0] ?? 0 }
        let questions = Dimension.allCases.map { String(total.questions[$0] ?? 0) }.joined(separator: "/")
        let missed = Dimension.allCases.compactMap { d in total.missed[d].flatMap { $0 > 0 ? "\(d.rawValue) \($0)×" : nil } }
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
            return "],\"total\":" + Self.json(total) + "}"
        }
    }

    /// `text` cut to `length` characters, ending in "…" when it was longer.
    static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// A row as JSON, with sorted keys, written by hand: as `JSONEncoder` with
    /// `.sortedKeys` and `.withoutEscapingSlashes` writes it (the tests compare), several times faster.
    private static func json(_ row: SummaryRow) -> String {
        var json = "{"
        json.reserveCapacity(400)
        if let caseReference = row.caseReference {
            json += "\"caseReference\":"
            appendQuoted(caseReference, to: &json)
            json += ","
        }
        json += "\"dimensions\":"
        appendByDimension(row.perDimension, to: &json)
        json += ",\"duration\":"
        json += number(row.duration)
        json += ",\"events\":"
        json += String(row.events)
        json += ",\"network\":"
        json += String(row.networkMembers)
        json += ",\"noQuestions\":["
        for (i, gap) in row.missed.filter({ if case .noQuestions = $0 { true } else { false } }).enumerated() {
            if i > 0 { json += "," }
            json += "\"" + gap.dimension.rawValue + "\""
        }
        json += "],\"questions\":"
        appendByDimension(row.questions, to: &json)
        json += ",\"retracted\":"
        json += String(row.retracted)
        json += ",\"scores\":"
        json += String(row.scores)
        json += ",\"strengths\":"
        json += String(row.strengths)
        json += ",\"transcript\":"
        appendQuoted(row.name, to: &json)
        json += ",\"untouched\":["
        for (i, dimension) in row.untouched.enumerated() {
            if i > 0 { json += "," }
            json += "\"" + dimension.rawValue + "\""
        }
        json += "],\"vulnerabilities\":"
        json += String(row.vulnerabilities)
        json += "}"
        return json
    }

    private static func json(_ t: CaseloadTotal) -> String {
        var json = "{\"dimensions\":"
        appendByDimension(t.perDimension, to: &json)
        json += ",\"duration\":" + number(t.duration) + ",\"events\":\(t.events),\"network\":\(t.networkMembers),\"noQuestions\":"
        appendByDimension(t.noQuestions, to: &json)
        json += ",\"questions\":"
        appendByDimension(t.questions, to: &json)
        json += ",\"retracted\":\(t.retracted),\"scores\":\(t.scores),\"strengths\":\(t.strengths),\"transcripts\":\(t.transcripts)"
        json += ",\"untouched\":"
        appendByDimension(t.untouched, to: &json)
        json += ",\"vulnerabilities\":\(t.vulnerabilities)}"
        return json
    }

    /// `{"competentioneel":…,"motivationeel":…,"sociaal":…,"vertrekpunt":…}`: the keys sorted.
    private static func appendByDimension(_ counts: [Dimension: Int], to json: inout String) {
        for (i, dimension) in sortedDimensions.enumerated() {
            json += i == 0 ? "{\"" : ",\""
            json += dimension.rawValue
            json += "\":"
            json += String(counts[dimension] ?? 0)
        }
        json += "}"
    }

    private static let sortedDimensions = Dimension.allCases.sorted { $0.rawValue < $1.rawValue }

    /// As `JSONEncoder` writes a Double: its description, without a trailing `.0`.
    private static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A JSON string as `JSONEncoder` writes it without escaping slashes.
    private static func appendQuoted(_ text: String, to out: inout String) {
        out += JSONLineWriter.quoted(text)
    }
}
