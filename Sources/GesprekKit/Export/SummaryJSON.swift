#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The summary as JSON for other tools: coverage per dimension, gaps with a
/// code and a text, scores, questionnaires with totals per answer category
/// and section means, the network per member and grouped, strengths,
/// vulnerabilities and the timeline in buckets. The structure is described
/// by `Transcripts/summary.schema.json` (JSON Schema 2020-12); keys are sorted
/// and optional fields are left out when unknown.
public enum SummaryJSON {
    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public static func render(_ summary: Summary, language: DisplayLanguage) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, number, bool or array of those: encoding cannot fail.
        let data = (try? encoder.encode(SummaryDocument(summary, language: language))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
