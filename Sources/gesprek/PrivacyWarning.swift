import Foundation
import GesprekKit

/// Warns, once per file and folder, when a transcript lies where others can read it.
enum PrivacyWarning {
    nonisolated(unsafe) private static var warned: Set<String> = []

    static func check(_ url: URL) {
        let exposure = TranscriptExposure.of(url)
        // One warning per folder is enough; a readable file is worth its own.
        let key = exposure.fileReadableBy != nil ? url.path : url.deletingLastPathComponent().path
        guard let warning = exposure.warning(for: url, in: cli), warned.insert(key).inserted else { return }
        Terminal.info(say("waarschuwing: ", "warning: ") + warning)
    }
}
