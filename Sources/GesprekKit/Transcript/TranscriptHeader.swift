/// The first line of a transcript: what the file is, and what was known
/// about the session when it started.
public struct TranscriptHeader: Sendable, Equatable {
    /// The value of the header's `format` field.
    public static let formatName = "gesprek-transcript"
    /// The format version this build writes: 3, lines sealed by a hash chain
    /// and each hash signed, a closing record at the end.
    public static let currentVersion = 3
    /// The format versions this build reads: 1 (before the hash chain), 2 (chain, no signatures) and 3.
    public static let readableVersions = 1...3

    public var version: Int
    /// The session id (a UUID, lowercase).
    public var sessionID: String
    /// When the session started: ISO 8601 with the local offset.
    public var started: String
    /// Case, advisor and participants known at the start. Later `session`
    /// and `participant` lines are events; ``SessionState`` merges them.
    public var details: SessionDetails
    /// `gesprek 0.1.0`
    public var tool: String
    /// The language the session's messages were in.
    public var language: DisplayLanguage
    /// This file's own id (a UUID, lowercase), which its closing record
    /// repeats (version 3); set by ``TranscriptRecorder``.
    public var fileID: String?
    /// The public key that signs the lines, 64 hex digits (version 3); set by ``TranscriptRecorder``.
    public var signer: String?

    public init(
        version: Int = TranscriptHeader.currentVersion, sessionID: String, started: String,
        details: SessionDetails, tool: String, language: DisplayLanguage, fileID: String? = nil, signer: String? = nil
    ) {
        self.fileID = fileID
        self.signer = signer
        self.version = version
        self.sessionID = sessionID
        self.started = started
        self.details = details
        self.tool = tool
        self.language = language
    }
}
