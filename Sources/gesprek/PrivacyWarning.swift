import Foundation
import GesprekKit

/// Warns when a transcript lies where others can read it. A command looks
/// at one transcript this way; a caseload's warnings come from ``Caseload``,
/// each folder once and the readable files counted.
enum PrivacyWarning {
    static func check(_ url: URL) {
        guard let warning = TranscriptExposure.of(url).warning(for: url, in: cli) else { return }
        Terminal.info(say("waarschuwing: ", "warning: ") + warning)
    }

    static func report(_ warning: CaseloadPrivacyWarning) {
        Terminal.info(say("waarschuwing: ", "warning: ") + warning.message(in: cli))
    }
}
