#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Warns when a transcript lies where others can read it. A command looks
/// at one transcript this way; a caseload's warnings come from ``Caseload``,
/// each folder once and the readable files counted.
enum PrivacyWarning {
    static func check(_ url: URL) {
        checkFolder(of: url)
        guard let warning = TranscriptExposure.of(url).warning(for: url, in: cli) else { return }
        Terminal.info(say("waarschuwing: ", "warning: ") + warning)
    }

    /// Warns when another user owns the transcript's folder or others can change what it holds.
    static func checkFolder(of url: URL) {
        let folder = url.deletingLastPathComponent()
        if let control = TranscriptExposure.control(of: folder) {
            Terminal.info(
                say("waarschuwing: ", "warning: ") + TranscriptExposure.message(control, folder: folder, in: cli)
                    + say("; vertrouw dit transcript niet zonder meer", "; do not trust this transcript as it is") + "\n  "
                    + say("tip: ", "hint: ") + TranscriptExposure.hint(control, folder: folder, in: cli))
        }
    }

    static func report(_ warning: CaseloadPrivacyWarning) {
        Terminal.info(say("waarschuwing: ", "warning: ") + warning.message(in: cli))
    }
}
