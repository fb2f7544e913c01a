#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// The team's reflections beside a transcript (`gesprek annotate`), for the
/// commands that show a transcript: replay, summary, export and case. A
/// reflections file that does not verify, or is bound to another version of
/// the transcript, is warned about on stderr as a transcript is, and shown;
/// with `--strict` it is an error (exit code 65). One that cannot be read at
/// all (not a regular file, too large, garbage) is warned about and left out
/// (`--strict`: exit code 65); the transcript is still shown.
enum TeamReflections {
    /// The reflections for the transcript at `path`, made safe to show (``VisibleText``); empty when it has none.
    static func load(forTranscript path: String, integrity: IntegrityOption, trusted: Set<TranscriptPublicKey>) throws -> [Reflection] {
        let url = URL(fileURLWithPath: path)
        let file = shown(ReflectionLog.location(forTranscript: url).path)
        let contents: ReflectionLog.Contents?
        do {
            contents = try ReflectionLog.read(forTranscript: url, keyring: TranscriptInput.keyring)
        } catch {
            let reason: String
            switch error {
            case let error as TranscriptReadError: reason = error.message(in: cli)
            case let error as ReflectionLogError: reason = error.message(in: cli)
            case let error as Passphrase.Missing: reason = error.message
            default: reason = say("onleesbaar", "unreadable")
            }
            if integrity.strict {
                Terminal.error("\(file): " + reason + say(" (--strict: niet gelezen)", " (--strict: not read)"))
                throw Exit.dataError
            }
            Terminal.error(
                "\(file): " + say("waarschuwing: reflecties van het team niet getoond: ", "warning: the team's reflections not shown: ")
                    + reason)
            return []
        }
        guard let contents else { return [] }
        if let concern = contents.report.concern(trusting: trusted, in: cli) {
            if integrity.strict {
                Terminal.error("\(file): " + concern + say(" (--strict: niet gelezen)", " (--strict: not read)"))
                throw Exit.dataError
            }
            Terminal.error("\(file): " + say("waarschuwing: ", "warning: ") + concern)
        }
        return contents.reflections.map(ReflectionText.visible)
    }
}
