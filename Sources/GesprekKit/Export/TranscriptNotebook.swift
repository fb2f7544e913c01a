#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A transcript as a Jupyter notebook (nbformat 4.5, kernel `gesprek`): a
/// title cell with the facts, then the lines as typed in code cells (one cell
/// per marker section when the transcript has markers, else one cell per
/// line), each with the confirmations the kernel shows, and a last `summary`
/// cell with the summary as text, Markdown and HTML (with the timeline and the
/// ecogram). Executed again under the `gesprek` kernel, the code cells record
/// the same events (kind, tags, text, values; not the times).
///
/// Everything from the transcript is untrusted: hidden characters are shown
/// escaped (``VisibleText``), Markdown and HTML are escaped before Jupyter
/// renders them. A host's own command, which the kernel does not know, comes
/// in as a comment (`// …`), so that the notebook runs.
public enum TranscriptNotebook {
    /// The notebook as pretty-printed JSON with sorted keys, ending in a newline.
    public static func render(_ transcript: Transcript, language l: DisplayLanguage, anonymized: Bool = false) -> String {
        let report = ConversationReport(transcript, language: l)
        var cells: [Cell] = [title(report, anonymized: anonymized)]
        var counts: [Dimension: Int] = [:]
        let bySequence = Dictionary(transcript.events.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let reflections = ReflectionText.byMoment(transcript.reflections)
        var executed = 0
        for (index, section) in sections(transcript.events).enumerated() {
            var source: [String] = []
            var shown: [String] = []
            for event in section {
                if case let .undo(sequence) = event.body {
                    if let taken = bySequence[sequence], taken.kind.countsTowardCoverage {
                        for d in taken.dimensions { counts[d, default: 0] -= 1 }
                    }
                } else if event.kind.countsTowardCoverage {
                    for d in event.dimensions { counts[d, default: 0] += 1 }
                }
                source.append(line(event))
                if case .host = event.body { continue }
                shown.append(confirmation(event, counts, l))
            }
            executed = index + 1
            cells.append(
                Cell(
                    kind: "code", id: "line-\(section.first?.sequence ?? index)", executionCount: index + 1, source: source,
                    outputs: shown.isEmpty ? [] : [.stream(shown)]))
            // The team's reflections on the cell's lines: a Markdown cell after it, never code (the notebook must run as recorded).
            let notes = section.flatMap { reflections[$0.sequence] ?? [] }
            if !notes.isEmpty { cells.append(reflectionCell(notes, id: "reflections-\(section.first?.sequence ?? index)", l)) }
        }
        let unplaced = ReflectionText.unplaced(transcript.reflections, sequences: transcript.events.map(\.sequence))
        if !unplaced.isEmpty { cells.append(reflectionCell(unplaced, id: "reflections-elsewhere", l)) }
        let summary = report.summary
        let html = [
            "<figure>", TimelineSVG.render(summary, events: report.events, language: l), "</figure>",
            "<figure>", EcogramSVG.render(summary, language: l), "</figure>", SummaryHTML.render(summary, language: l),
        ].joined(separator: "\n")
        cells.append(
            Cell(
                kind: "code", id: "summary", executionCount: executed + 1, source: ["summary"],
                outputs: [
                    .result(
                        count: executed + 1,
                        data: [
                            "text/plain": SummaryText.render(summary, language: l),
                            "text/markdown": SummaryMarkdown.render(summary, language: l, level: 3),
                            "text/html": html,
                        ])
                ]))
        let notebook = Notebook(cells: cells, language: l)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and arrays of those only: encoding cannot fail.
        let data = (try? encoder.encode(notebook)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The events in cells: a `mark` begins a new cell; without any mark, each event is a cell of its own. A line
    /// that the kernel would continue on the next one (``continues(_:)``) ends its cell, so that it runs as typed.
    static func sections(_ events: [Event]) -> [[Event]] {
        let marked = events.contains { if case .mark = $0.body { true } else { false } }
        guard marked else { return events.map { [$0] } }
        var sections: [[Event]] = []
        var ended = true
        for event in events {
            if case .mark = event.body { ended = true }
            if ended, !(sections.last?.isEmpty ?? false) { sections.append([]) }
            sections[sections.count - 1].append(event)
            ended = continues(line(event))
        }
        return sections
    }

    /// Whether the kernel joins this line with the next line of its cell: it ends in `\`, or a `"` is still open
    /// (`\"` and `\\` inside quotes are escapes), as `is_complete` says incomplete for both.
    static func continues(_ line: String) -> Bool {
        if line.hasSuffix("\\") { return true }
        var quoted = false
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\"" {
                quoted.toggle()
            } else if quoted, character == "\\" {
                escaped = true
            }
        }
        return quoted
    }

    /// The line as typed, hidden characters escaped; a host's own command as a comment.
    static func line(_ event: Event) -> String {
        let typed = VisibleText.escaped(TranscriptCast.typed(event)).replacingEvery("\n", with: " ")
        if case .host = event.body { return "// " + typed }
        return typed
    }

    /// `✓ vraag · vertrekpunt      v1 c0 s0 m0`, as the kernel confirms a line (no colours).
    static func confirmation(_ event: Event, _ counts: [Dimension: Int], _ l: DisplayLanguage) -> String {
        var kind = EventText.kind(event.kind, language: l)
        if case let .score(target, value, _) = event.body { kind += " \(target) \(value) = \(Scale.label(for: value, language: l) ?? "")" }
        let dims = event.dimensions.map(\.rawValue).joined(separator: ", ")
        let what = VisibleText.escaped(kind) + (dims.isEmpty ? "" : " · \(dims)")
        let running = Dimension.allCases.map { "\($0.rawValue.prefix(1))\(counts[$0] ?? 0)" }.joined(separator: " ")
        return "✓ " + what + String(repeating: " ", count: max(1, 36 - what.count)) + running
    }

    /// The team's reflections as a Markdown cell: `> ↳ **team · hypothese** · motivationeel (#12): …`.
    static func reflectionCell(_ reflections: [Reflection], id: String, _ l: DisplayLanguage) -> Cell {
        let lines = reflections.map { r in
            let dims = r.dimensions.map(\.rawValue).joined(separator: ", ")
            let tags = r.tags.map { "`#\(VisibleText.escaped($0).replacingEvery("`", with: "'"))`" }.joined(separator: " ")
            return "> ↳ **team · " + ReflectionText.kind(r.kind, language: l) + "**" + (dims.isEmpty ? "" : " · " + dims)
                + " (#\(r.moment)): " + MarkdownText.escape(VisibleText.escaped(r.text)) + (tags.isEmpty ? "" : " " + tags)
        }
        // One quote block, a paragraph per reflection.
        let source = lines.enumerated().flatMap { $0.offset == 0 ? [$0.element] : [">", $0.element] }
        return Cell(kind: "markdown", id: id, executionCount: nil, source: source, outputs: [])
    }

    /// The first cell: the report's title and facts, escaped for Markdown.
    static func title(_ report: ConversationReport, anonymized: Bool) -> Cell {
        let l = report.language
        var lines = ["# " + MarkdownText.escape(VisibleText.escaped(report.title)), ""]
        if anonymized {
            lines += [
                "**" + l.pick("Geanonimiseerd: namen zijn vervangen door rollen.", "Anonymized: names are replaced by roles.") + "**", "",
            ]
        }
        lines += report.facts.map { "- **\($0.label):** " + MarkdownText.escape(VisibleText.escaped($0.value)) }
        lines += [
            "",
            l.pick(
                "Vertrouwelijk: dit notebook gaat over een jeugdige en diens gezin. Voer het uit met de kernel gesprek; elke cel legt haar regels opnieuw vast in een nieuw transcript.",
                "Confidential: this notebook is about a young person and their family. Run it with the gesprek kernel; each cell records its lines again in a new transcript."
            ),
        ]
        return Cell(kind: "markdown", id: "title", executionCount: nil, source: lines, outputs: [])
    }

    // MARK: - nbformat 4.5

    struct Notebook: Encodable {
        var cells: [Cell]
        var language: DisplayLanguage

        enum Keys: String, CodingKey { case cells, metadata, nbformat, nbformat_minor }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(cells, forKey: .cells)
            try container.encode(4, forKey: .nbformat)
            try container.encode(5, forKey: .nbformat_minor)
            try container.encode(
                [
                    "kernelspec": ["name": "gesprek", "display_name": "gesprek", "language": "gesprek"],
                    "language_info": ["name": "gesprek", "mimetype": "text/x-gesprek", "file_extension": ".gesprek"],
                    "gesprek": ["language": language.rawValue],
                ], forKey: .metadata)
        }
    }

    enum Output: Encodable {
        case stream([String])
        case result(count: Int, data: [String: String])

        enum Keys: String, CodingKey { case output_type, name, text, data, metadata, execution_count }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case let .stream(lines):
                try container.encode("stream", forKey: .output_type)
                try container.encode("stdout", forKey: .name)
                try container.encode(lines.map { $0 + "\n" }, forKey: .text)
            case let .result(count, data):
                try container.encode("execute_result", forKey: .output_type)
                try container.encode(count, forKey: .execution_count)
                try container.encode(data.mapValues(TranscriptNotebook.multiline), forKey: .data)
                try container.encode([String: String](), forKey: .metadata)
            }
        }
    }

    struct Cell: Encodable {
        var kind: String
        var id: String
        var executionCount: Int?
        var source: [String]
        var outputs: [Output]

        enum Keys: String, CodingKey { case cell_type, id, metadata, source, outputs, execution_count }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(kind, forKey: .cell_type)
            try container.encode(id, forKey: .id)
            try container.encode([String: String](), forKey: .metadata)
            try container.encode(TranscriptNotebook.multiline(source.joined(separator: "\n")), forKey: .source)
            if kind == "code" {
                try container.encode(outputs, forKey: .outputs)
                if let executionCount {
                    try container.encode(executionCount, forKey: .execution_count)
                } else {
                    try container.encodeNil(forKey: .execution_count)
                }
            }
        }
    }

    /// nbformat's multiline string: the lines, each but the last keeping its `\n`.
    static func multiline(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        guard let last = lines.popLast() else { return [] }
        let end = String(last.dropLast())
        if !end.isEmpty { lines.append(end) }
        return lines
    }
}
