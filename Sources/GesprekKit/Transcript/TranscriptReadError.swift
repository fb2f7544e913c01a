/// Why a transcript line cannot be read.
public enum TranscriptReadError: Error, Sendable, Equatable {
    /// The file holds nothing.
    case empty
    /// The first line is not a gesprek transcript header.
    case notATranscript
    /// Written by a newer gesprek, in a format version this one does not know.
    case unsupportedVersion(Int)
    /// A line that is not a valid event; `line` is its line number in the file.
    case malformedLine(line: Int, reason: String)
    /// The file could not be read.
    case unreadable(reason: String)
    /// The transcript is encrypted and no passphrase was given (see ``TranscriptKeyring``).
    case encrypted
    /// The passphrase does not open this encrypted transcript.
    case wrongPassphrase
    /// A line of an encrypted transcript does not open: changed, cut or moved.
    case damagedRecord(line: Int)
    /// The clear first line of an encrypted transcript is damaged: its key
    /// derivation parameters are not ones gesprek writes (out of bounds).
    case damagedEnvelope

    /// The message for people, without any of the transcript's content.
    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case .empty: language.pick("het bestand is leeg", "the file is empty")
        case .notATranscript: language.pick("dit is geen gesprek-transcript", "this is not a gesprek transcript")
        case let .unsupportedVersion(v):
            language.pick(
                "transcriptversie \(v) is onbekend; deze gesprek leest versie 1 tot en met \(TranscriptHeader.currentVersion)",
                "transcript version \(v) is unknown; this gesprek reads versions 1 to \(TranscriptHeader.currentVersion)")
        case let .malformedLine(line, reason):
            language.pick("regel \(line) is onleesbaar: \(reason)", "line \(line) cannot be read: \(reason)")
        case let .unreadable(reason): language.pick("kan het bestand niet lezen: \(reason)", "cannot read the file: \(reason)")
        case .encrypted:
            language.pick(
                "het transcript is versleuteld; er is een wachtwoord nodig", "the transcript is encrypted; a passphrase is needed")
        case .wrongPassphrase:
            language.pick(
                "het wachtwoord past niet bij dit versleutelde transcript", "the passphrase does not fit this encrypted transcript")
        case let .damagedRecord(line):
            language.pick(
                "regel \(line) van het versleutelde transcript is veranderd of beschadigd",
                "line \(line) of the encrypted transcript was changed or damaged")
        case .damagedEnvelope:
            language.pick(
                "regel 1 van het versleutelde transcript is beschadigd: de sleutelparameters liggen buiten de grenzen; het wachtwoord is niet gevraagd",
                "line 1 of the encrypted transcript is damaged: its key parameters are out of bounds; no passphrase was asked for")
        }
    }
}
