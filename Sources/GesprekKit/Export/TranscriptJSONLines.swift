/// The transcript itself as plain JSON Lines, for the engines an organisation
/// analyses with (DuckDB, Spark: `Transcripts/views.*.sql`, docs/analysis.md),
/// which cannot open an encrypted transcript: the header, then every event
/// (retracted ones and `undo` lines too, so that the views count as gesprek
/// does), in the format's own keys and order.
///
/// An export is a copy for analysis, not the record: its lines carry no `hash`
/// or `sig` and it has no closing record (with `--anonymize` its text is no
/// longer what was signed), and its header names no `signer`. The original
/// stays the signed transcript; `export` verifies it before writing this.
public enum TranscriptJSONLines {
    /// One line per record, each ending in a newline.
    public static func render(_ transcript: Transcript) -> String {
        var header = transcript.header
        header.signer = nil
        var text = TranscriptEncoder.line(for: header) + "\n"
        for event in transcript.events {
            text += TranscriptEncoder.line(for: event) + "\n"
        }
        return text
    }
}
