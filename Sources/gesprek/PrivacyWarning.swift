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

/// The same warnings for a caseload of any size: each folder once, and the
/// files others can read counted and named once at the end, so that neither
/// the output nor the memory grows with the number of transcripts.
struct CaseloadPrivacy {
    private var foldersWarned: Set<String> = []
    private var readable = 0
    private var example: URL?

    mutating func check(_ path: String) {
        let url = URL(fileURLWithPath: path)
        var exposure = TranscriptExposure.of(url)
        if exposure.fileReadableBy != nil {
            readable += 1
            if example == nil { example = url }
            exposure.fileReadableBy = nil
        }
        let folder = url.deletingLastPathComponent().path
        if exposure.folderListableBy != nil, foldersWarned.insert(folder).inserted, let warning = exposure.warning(for: url, in: cli) {
            Terminal.info(say("waarschuwing: ", "warning: ") + warning)
        }
    }

    func finish() {
        guard let example else { return }
        if readable == 1 { return PrivacyWarning.check(example) }
        let folder = example.deletingLastPathComponent().path
        Terminal.info(say("waarschuwing: \(readable) transcripten zijn leesbaar voor anderen, zoals \(example.path); een transcript bevat persoonsgegevens\n  tip: chmod 600 \(folder)/*.jsonl (en elders waar ze staan)",
                          "warning: \(readable) transcripts can be read by others, such as \(example.path); a transcript holds personal data\n  hint: chmod 600 \(folder)/*.jsonl (and wherever else they are)"))
    }
}
