/// The formats `gesprek export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// A Markdown report for a case discussion.
    case md
    /// One self-contained HTML file with two SVG pictures, that prints well.
    case html
    /// A table for a spreadsheet: the events, or the scores (``ExportTable``).
    case csv
    /// The summary for other tools (`Transcripts/summary.schema.json`).
    case json
    /// An asciicast v2 recording that `asciinema play` replays.
    case cast
    /// A Jupyter notebook for the `gesprek` kernel (``TranscriptNotebook``).
    case ipynb
    /// The transcript itself as plain JSON Lines, for DuckDB and Spark (``TranscriptJSONLines``).
    case jsonl
}

/// Which table a CSV export holds.
public enum ExportTable: String, Sendable, CaseIterable {
    /// One row per event (``EventsCSV``).
    case events
    /// One row per questionnaire item, then the dimension scores (``ScoresCSV``).
    case scores
}

/// A transcript exported in one of the formats, optionally anonymized first.
public enum TranscriptExport {
    /// The export as text (UTF-8 when written). With `anonymize`, every name is
    /// replaced by a role first (``Anonymizer``), in every part of every format.
    public static func render(
        _ transcript: Transcript, format: ExportFormat, language: DisplayLanguage,
        anonymize: Bool = false, table: ExportTable = .events
    ) -> String {
        let prepared = anonymize ? Anonymizer(transcript, language: language).transcript(transcript) : transcript
        return render(prepared, format: format, language: language, alreadyAnonymized: anonymize, table: table)
    }

    /// The export of a transcript as given. `alreadyAnonymized` says that ``Anonymizer`` has been
    /// applied, so that the reports (md, html) can say so under their title.
    public static func render(
        _ transcript: Transcript, format: ExportFormat, language: DisplayLanguage,
        alreadyAnonymized: Bool, table: ExportTable = .events
    ) -> String {
        switch format {
        case .md: return TranscriptMarkdown.render(transcript, language: language, anonymized: alreadyAnonymized)
        case .html: return TranscriptHTML.render(transcript, language: language, anonymized: alreadyAnonymized)
        case .csv:
            switch table {
            case .events: return EventsCSV.render(transcript)
            case .scores: return ScoresCSV.render(Summary(transcript))
            }
        case .json: return SummaryJSON.render(Summary(transcript), language: language)
        case .cast: return TranscriptCast.render(transcript, language: language)
        case .ipynb: return TranscriptNotebook.render(transcript, language: language, anonymized: alreadyAnonymized)
        case .jsonl: return TranscriptJSONLines.render(transcript)
        }
    }
}
