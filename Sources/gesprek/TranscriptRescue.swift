#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// What the command line does when the transcript cannot take every line
/// (disk full, quota, read-only, file removed): `save PAD` in the live
/// session, and at the end of any session: try again, then a complete copy
/// elsewhere, and never a quiet exit with lines unsaved. Messages name paths,
/// counts and causes, never what was said.
enum TranscriptRescue {
    /// How a session's transcript ended up.
    enum Outcome {
        /// Every line is in the session's transcript.
        case complete
        /// The transcript could not be finished; a complete copy is at the URL.
        case rescued(URL, because: TranscriptFileError)
        /// Lines could not be saved anywhere.
        case lost(count: Int, because: TranscriptFileError)
    }

    /// Tries the transcript again; when lines still wait, saves everything as a new file in `folder`.
    static func finish(_ session: Session, folder: URL) -> Outcome {
        guard session.unsavedLineCount > 0 else { return .complete }
        do {
            try session.retryUnsaved()
            return .complete
        } catch {
            let failure = error as? TranscriptFileError ?? TranscriptFileError(code: 0, reason: "\(type(of: error))")
            if let url = try? saveInFolder(session, folder) { return .rescued(url, because: failure) }
            return .lost(count: session.unsavedLineCount, because: failure)
        }
    }

    /// Saves everything as a new file with a fresh name (no names of people in it) in `folder`.
    static func saveInFolder(_ session: Session, _ folder: URL) throws -> URL {
        let name = TranscriptDirectory.fileName(started: Date(), sessionID: session.configuration.sessionID)
        for attempt in 1...9 {
            let candidate = attempt == 1 ? name : name.replacingEvery(".jsonl", with: "-\(attempt).jsonl")
            do {
                return try session.save(to: folder.appendingPathComponent(candidate)).url
            } catch let error as TranscriptFileError where error.code == EEXIST {
                continue
            }
        }
        throw TranscriptFileError(code: EEXIST, reason: String(cString: strerror(EEXIST)))
    }

    /// A path the advisor typed: `~` expanded; an existing folder (or one
    /// ending in `/`) gets a new file name in it.
    static func target(_ path: String, session: Session) -> URL {
        let expanded = PathText.expandingTilde(path)
        var isFolder: DirectoryFlag = false
        if expanded.hasSuffix("/") || (FileManager.default.fileExists(atPath: expanded, isDirectory: &isFolder) && isFolder.boolValue) {
            let name = TranscriptDirectory.fileName(started: Date(), sessionID: session.configuration.sessionID)
            return URL(fileURLWithPath: expanded, isDirectory: true).appendingPathComponent(name)
        }
        return URL(fileURLWithPath: expanded)
    }

    /// The session's transcript file now (it changes with `save`).
    static func path(of session: Session) -> String {
        (session.transcript as? TranscriptFile)?.url.path ?? "-"
    }

    /// What went wrong with a transcript and where everything is, for a rescued or lost outcome.
    static func message(_ outcome: Outcome, original: String) -> String? {
        switch outcome {
        case .complete:
            return nil
        case let .rescued(url, failure):
            let why = failure.explanation(in: cli)
            return say(
                "\(original) is niet compleet (\(why)); het volledige transcript staat in \(url.path)",
                "\(original) is incomplete (\(why)); the complete transcript is in \(url.path)")
        case let .lost(count, failure):
            let why = failure.explanation(in: cli)
            return say(
                """
                \(count) \(count == 1 ? "regel kon" : "regels konden") nergens worden opgeslagen (\(why)) en \
                \(count == 1 ? "is" : "zijn") verloren; \(original) is niet compleet. \
                Geef voortaan een map op een andere schijf met --rescue MAP
                """,
                """
                \(count) \(count == 1 ? "line" : "lines") could not be saved anywhere (\(why)) and \
                \(count == 1 ? "is" : "are") lost; \(original) is incomplete. \
                Name a folder on another disk with --rescue FOLDER
                """)
        }
    }

    /// Why a new file could not be written, with what to do about it.
    static func saveFailure(_ error: any Error, path: String) -> (message: String, hint: String?) {
        guard let failure = error as? TranscriptFileError else {
            return (say("kan niet bewaren in \(path)", "cannot save to \(path)"), nil)
        }
        if failure.code == EEXIST {
            return (
                say("\(path) bestaat al", "\(path) exists already"),
                say(
                    "kies een nieuwe naam; een bestaand bestand wordt nooit overschreven",
                    "choose a new name; an existing file is never overwritten")
            )
        }
        return (
            say(
                "kan niet bewaren in \(path): \(failure.explanation(in: cli))",
                "cannot save to \(path): \(failure.explanation(in: cli))"),
            say("kies een andere schijf of map", "choose another disk or folder")
        )
    }
}
