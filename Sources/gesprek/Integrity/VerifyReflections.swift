#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// The reflections file of a transcript (`gesprek annotate`), checked by
/// `gesprek verify`: beside each transcript verified, or named on its own.
extension VerifyCommand {
    /// What checking a reflections file came to, for the exit code.
    enum ReflectionsOutcome {
        /// Intact, bound to its transcript, signed by trusted keys.
        case intact
        /// Intact, but with a cut-off last line, an unknown key, or a binding that could not be checked.
        case doubtful
        /// Changed, forged, or bound to another transcript or another version of it.
        case broken
        case unreadable
        /// Encrypted, and the passphrase is missing or wrong.
        case locked
        /// Encrypted under a case key that `gesprek erase` destroyed.
        case erased
    }

    /// Checks the reflections file beside the transcript at `path`, whose report is `report`; nil when there is none.
    static func verifyReflections(
        besideTranscript path: String, report: ChainReport, trusted: Set<TranscriptPublicKey>
    )
        -> ReflectionsOutcome?
    {
        let file = ReflectionLog.location(forTranscript: URL(fileURLWithPath: path))
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return check(file, shownAs: path, transcriptReport: report, trusted: trusted)
    }

    /// Checks a reflections file named on the command line, against the transcript its name belongs to.
    static func verifyReflections(_ path: String, trusted: Set<TranscriptPublicKey>) -> ReflectionsOutcome {
        let url = URL(fileURLWithPath: path)
        let transcript = ReflectionLog.transcript(forReflections: url)
        var report: ChainReport?
        if FileManager.default.fileExists(atPath: transcript.path) {
            report = try? TranscriptVerifier.verify(contentsOf: transcript, keyring: TranscriptInput.keyring)
        } else {
            Terminal.output(
                "\(shown(path)): "
                    + say(
                        "het transcript ernaast (\(shown(transcript.path))) ontbreekt; de binding is niet te controleren",
                        "the transcript beside it (\(shown(transcript.path))) is missing; the binding cannot be checked"))
        }
        return check(url, shownAs: path, transcriptReport: report, trusted: trusted)
    }

    private static func check(
        _ file: URL, shownAs path: String, transcriptReport: ChainReport?, trusted: Set<TranscriptPublicKey>
    )
        -> ReflectionsOutcome
    {
        do {
            let contents = try ReflectionLog.read(contentsOf: file, keyring: TranscriptInput.keyring, transcriptReport: transcriptReport)
            let report = contents.report
            Terminal.output("\(shown(path)): " + report.message(in: cli, trusting: trusted))
            if report.isTampered || report.binding == .otherTranscript || report.binding == .otherVersion { return .broken }
            if report.binding == .unchecked, transcriptReport != nil {
                Terminal.output(
                    "\(shown(path)): "
                        + say(
                            "het transcript is niet intact; de binding van de reflecties is niet te controleren",
                            "the transcript is not intact; the reflections' binding cannot be checked"))
            }
            return report.concern(trusting: trusted, in: cli) == nil ? .intact : .doubtful
        } catch let error as ReflectionLogError {
            Terminal.error("\(shown(file.path)): " + error.message(in: cli))
            return .broken
        } catch let error as TranscriptReadError {
            if case .erasedOnRequest = error {
                Terminal.output("\(shown(file.path)): " + say("reflecties: ", "reflections: ") + error.message(in: cli))
                return .erased
            }
            Terminal.error("\(shown(file.path)): " + say("reflecties: ", "reflections: ") + error.message(in: cli))
            switch error {
            case .unreadable, .notARegularFile: return .unreadable
            case .wrongPassphrase, .encrypted, .caseKeyMissing: return .locked
            default: return .broken
            }
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            return .locked
        } catch {
            Terminal.error("\(shown(file.path)): \(type(of: error))")
            return .broken
        }
    }
}
