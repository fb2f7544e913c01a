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
    /// Not a regular file but a FIFO, a device, a socket or a folder: never read,
    /// as a FIFO would make the reader wait forever and a device never end.
    case notARegularFile(FileKind)
    /// Larger than any transcript (1 GiB).
    case fileTooLarge
    /// A line longer than any transcript's (1 MiB); `line` is its number in the file.
    case lineTooLong(line: Int)

    /// What a file that is not a regular file is.
    public enum FileKind: Sendable, Equatable {
        case fifo, device, socket, folder, other

        func name(in l: DisplayLanguage) -> String {
            switch self {
            case .fifo: l.pick("een FIFO (named pipe)", "a FIFO (named pipe)")
            case .device: l.pick("een apparaat", "a device")
            case .socket: l.pick("een socket", "a socket")
            case .folder: l.pick("een map", "a folder")
            case .other: l.pick("iets anders", "something else")
            }
        }
    }
    /// The clear first line of an encrypted transcript is damaged: its key
    /// derivation parameters are not ones gesprek writes (out of bounds).
    case damagedEnvelope
    /// The transcript's case key was destroyed by `gesprek erase` on this day (yyyy-mm-dd):
    /// the content can no longer be read, by design.
    case erasedOnRequest(on: String)
    /// The transcript is sealed under a case key that the key store does not hold
    /// (the store was lost, or the file comes from another account or computer).
    case caseKeyMissing

    /// The reader's reasons (``TranscriptDecoder``, ``TranscriptFormat``) are
    /// Dutch; in English: `seq ontbreekt` → `seq is missing`.
    static func english(_ reason: String) -> String {
        switch reason {
        case TranscriptDecoder.notAnObject: return "not a JSON object"
        case TranscriptFormat.elapsedOutOfRange: return "elapsed out of range"
        case "onbekende kind": return "unknown kind"
        case "value buiten 0–4": return "value outside 0–4"
        default:
            if reason.hasSuffix(" ontbreekt") { return String(reason.dropLast(" ontbreekt".count)) + " is missing" }
            return reason
        }
    }

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
            language.pick("regel \(line) is onleesbaar: \(reason)", "line \(line) cannot be read: \(Self.english(reason))")
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
        case let .notARegularFile(kind):
            language.pick(
                "dit is geen gewoon bestand maar \(kind.name(in: language)); gesprek leest alleen gewone bestanden",
                "this is not a regular file but \(kind.name(in: language)); gesprek reads only regular files")
        case .fileTooLarge:
            language.pick(
                "het bestand is groter dan 1 GiB; zo groot wordt geen transcript",
                "the file is larger than 1 GiB; no transcript grows that large")
        case let .lineTooLong(line):
            language.pick(
                "regel \(line) is langer dan 1 MiB; zo lang wordt geen regel van een transcript",
                "line \(line) is longer than 1 MiB; no line of a transcript grows that long")
        case let .erasedOnRequest(day):
            language.pick(
                "gewist op verzoek (\(day)): de sleutel van deze casus is vernietigd; de inhoud is niet meer te lezen",
                "erased on request (\(day)): this case's key was destroyed; the content can no longer be read")
        case .caseKeyMissing:
            language.pick(
                "de sleutel van deze casus staat niet in de sleutelmap (~/.config/gesprek/case-keys); zonder die sleutel is het transcript niet te lezen",
                "this case's key is not in the key folder (~/.config/gesprek/case-keys); without it the transcript cannot be read")
        case .damagedEnvelope:
            language.pick(
                "regel 1 van het versleutelde transcript is beschadigd: de sleutelparameters liggen buiten de grenzen; het wachtwoord is niet gevraagd",
                "line 1 of the encrypted transcript is damaged: its key parameters are out of bounds; no passphrase was asked for")
        }
    }
}
