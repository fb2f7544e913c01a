/// The summary of a session in one of the forms a host can show: the
/// `summary` command's text, Markdown, an HTML fragment, the JSON of
/// `Transcripts/summary.schema.json`, and the two pictures of the HTML
/// export as SVG (the ecogram of the network and the timeline).
public enum SummaryOutput: String, Sendable, CaseIterable {
    case text
    case md
    case html
    case json
    case ecogram
    case timeline

    /// The summary in this form. `events` are the session's events (the timeline draws them).
    public func render(_ summary: Summary, events: [Event], language: DisplayLanguage) -> String {
        switch self {
        case .text: SummaryText.render(summary, language: language)
        case .md: SummaryMarkdown.render(summary, language: language)
        case .html: SummaryHTML.render(summary, language: language)
        case .json: SummaryJSON.render(summary, language: language)
        case .ecogram: EcogramSVG.render(summary, language: language)
        case .timeline: TimelineSVG.render(summary, events: events, language: language)
        }
    }
}
