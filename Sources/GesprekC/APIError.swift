import GesprekKit

/// A mistake in a call, or a failure: `{"error": {"code": …, "message": …, "hint": …}}`. The code is
/// for programs and never changes; the message and hint are for people, in the session's language
/// (Dutch when there is no session). Neither ever repeats a line given to the session.
struct APIError: Error {
    enum Kind {
        case nullArgument(String)
        case invalidUTF8(String)
        case invalidJSON(String)
        case invalidOption(String, expected: String)
        case unknownOption(String)
        case noSession
        case busy
        case invalidCursor
        case unknownFormat
        case transcriptExists(String)
        case cannotCreate(String, reason: String)
        case cannotSign(String)
        case cannotOpen
        /// The transcript could not be finished; `unsaved` lines (its closing record among them) wait in memory.
        case closeFailed(String, unsaved: Int)
        /// `gesprek_save` could not write the lines that wait.
        case notSaved(String, unsaved: Int)
        /// A failed `gesprek_close` made the closing record: no more lines.
        case closing
        case registration(String)
        case internalError
    }

    let kind: Kind
    let language: DisplayLanguage

    init(_ kind: Kind, language: DisplayLanguage) {
        self.kind = kind
        self.language = language
    }

    var code: String {
        switch kind {
        case .nullArgument: "null_argument"
        case .invalidUTF8: "invalid_utf8"
        case .invalidJSON: "invalid_json"
        case .invalidOption, .unknownOption: "invalid_option"
        case .noSession: "no_session"
        case .busy: "busy"
        case .invalidCursor: "invalid_cursor"
        case .unknownFormat: "unknown_format"
        case .transcriptExists: "transcript_exists"
        case .cannotCreate: "cannot_create"
        case .cannotSign: "cannot_sign"
        case .cannotOpen: "cannot_open"
        case .closeFailed: "close_failed"
        case .notSaved: "not_saved"
        case .closing: "closing"
        case .registration: "invalid_command"
        case .internalError: "internal"
        }
    }

    var message: String {
        let l = language
        switch kind {
        case let .nullArgument(name):
            return l.pick("\(name) is NULL", "\(name) is NULL")
        case let .invalidUTF8(name):
            return l.pick("\(name) is geen geldige UTF-8-tekst", "\(name) is not valid UTF-8 text")
        case let .invalidJSON(name):
            return l.pick("\(name) is geen geldige JSON", "\(name) is not valid JSON")
        case let .invalidOption(key, expected):
            return l.pick("optie \"\(key)\" moet \(expected) zijn", "option \"\(key)\" must be \(expected)")
        case let .unknownOption(key):
            return l.pick("onbekende optie \"\(key)\"", "unknown option \"\(key)\"")
        case .noSession:
            return l.pick("geen open sessie: gesloten, of nooit geopend", "no open session: closed, or never opened")
        case .busy:
            return l.pick(
                "de sessie is bezig: een opdracht van de host riep gesprek opnieuw aan",
                "the session is busy: a host command called gesprek again")
        case .invalidCursor:
            return l.pick(
                "de cursor staat niet in de regel of midden in een teken", "the cursor is not in the line, or inside a character")
        case .unknownFormat:
            return l.pick("onbekend formaat voor de samenvatting", "unknown format for the summary")
        case let .transcriptExists(path):
            return l.pick(
                "\(path) bestaat al; een transcript wordt nooit overschreven", "\(path) exists already; a transcript is never overwritten")
        case let .cannotCreate(path, reason):
            return l.pick("kan \(path) niet aanmaken: \(reason)", "cannot create \(path): \(reason)")
        case let .cannotSign(reason):
            return l.pick("kan de ondertekensleutel niet gebruiken: \(reason)", "cannot use the signing key: \(reason)")
        case .cannotOpen:
            return l.pick("kan de sessie niet beginnen", "cannot start the session")
        case let .closeFailed(reason, unsaved):
            return l.pick(
                "kan het transcript niet afsluiten: \(reason); \(Self.lines(unsaved, l)) nog niet op schijf",
                "cannot close the transcript: \(reason); \(Self.lines(unsaved, l)) not on disk yet")
        case let .notSaved(reason, unsaved):
            return l.pick(
                "nog niet op schijf: \(reason); \(Self.lines(unsaved, l)) in het geheugen",
                "not on disk yet: \(reason); \(Self.lines(unsaved, l)) waiting in memory")
        case .closing:
            return l.pick(
                "de sessie wordt afgesloten: gesprek_close is mislukt en de afsluitregel wacht",
                "the session is closing: gesprek_close failed and the closing record waits")
        case let .registration(reason):
            return reason
        case .internalError:
            return l.pick("interne fout", "internal error")
        }
    }

    var hint: String? {
        let l = language
        switch kind {
        case .nullArgument("session"): return l.pick("open een sessie met gesprek_open", "open a session with gesprek_open")
        case .nullArgument("handler"): return l.pick("geef een functie", "pass a function")
        case .nullArgument, .invalidUTF8: return l.pick("geef een tekst in UTF-8", "pass a UTF-8 string")
        case .invalidJSON, .invalidOption, .unknownOption:
            return l.pick("zie Sources/GesprekC/gesprek-c.schema.json", "see Sources/GesprekC/gesprek-c.schema.json")
        case .noSession: return l.pick("open een sessie met gesprek_open", "open a session with gesprek_open")
        case .busy:
            return l.pick(
                "roep gesprek niet aan vanuit een host-opdracht; geef het antwoord terug",
                "do not call gesprek from a host command; return its answer")
        case .invalidCursor:
            return l.pick("de cursor telt UTF-8-bytes, van 0 tot de lengte", "the cursor counts UTF-8 bytes, from 0 to the length")
        case .unknownFormat: return "text, md, html, json, ecogram, timeline"
        case .transcriptExists: return l.pick("kies een andere naam", "choose another name")
        case .closeFailed, .closing:
            return l.pick(
                "maak ruimte en roep gesprek_close opnieuw aan, of bewaar alles elders met gesprek_save(sessie, pad)",
                "make room and call gesprek_close again, or save everything elsewhere with gesprek_save(session, path)")
        case .notSaved:
            return l.pick(
                "maak ruimte en probeer opnieuw, of bewaar alles elders met gesprek_save(sessie, pad)",
                "make room and try again, or save everything elsewhere with gesprek_save(session, path)")
        default: return nil
        }
    }

    /// How many lines wait for the disk, for the errors about them: a program reads it here.
    var unsaved: Int? {
        switch kind {
        case let .closeFailed(_, unsaved), let .notSaved(_, unsaved): unsaved
        default: nil
        }
    }

    private static func lines(_ count: Int, _ l: DisplayLanguage) -> String {
        count == 1 ? l.pick("1 regel", "1 line") : l.pick("\(count) regels", "\(count) lines")
    }

    var json: String {
        var writer = JSONText()
        writer.object {
            $0.key("error")
            $0.object {
                $0.field("code", code)
                $0.field("message", message)
                $0.field("hint", hint)
                if let unsaved { $0.field("unsaved", unsaved) }
            }
        }
        return writer.text
    }
}
