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
    /// Which lines are signed (version 3): every line, or only checkpoints (a
    /// script run, written as `"checkpoints":N`); set by ``TranscriptRecorder``.
    public var signing: TranscriptSigning

    public init(
        version: Int = TranscriptHeader.currentVersion, sessionID: String, started: String,
        details: SessionDetails, tool: String, language: DisplayLanguage, fileID: String? = nil, signer: String? = nil,
        signing: TranscriptSigning = .everyLine
    ) {
        self.signing = signing
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

/// Which lines of a transcript carry a signature (format version 3). The
/// header, the closing record and, through the chain, every line before a
/// signed one are vouched for by a signature either way.
public enum TranscriptSigning: Sendable, Equatable {
    /// Every line: for live input, where each line is acknowledged to a person.
    case everyLine
    /// The header, every event whose seq is a multiple of `every`, and the
    /// closing record: for a script file, which holds its lines itself. A
    /// crash leaves at most `every - 1` unsigned lines at the end.
    case checkpoints(every: Int)

    /// What `gesprek run` of a script file uses: a signature per 1,000 events.
    public static let scriptRun = TranscriptSigning.checkpoints(every: 1000)

    /// The interval written in the header (`"checkpoints":N`); nil for every line.
    public var checkpointInterval: Int? {
        switch self {
        case .everyLine: nil
        case let .checkpoints(every): every
        }
    }

    /// Whether the event with this seq must be signed.
    public func signs(sequence: Int) -> Bool {
        switch self {
        case .everyLine: true
        case let .checkpoints(every): every <= 1 || sequence % every == 0
        }
    }
}
