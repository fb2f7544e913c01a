import Foundation
import Testing
@testable import GesprekKit

/// Who else can read a transcript or list its folder, from the modes of the
/// file, its folder and every folder above it.
@Suite struct TranscriptExposureTests {
    /// A fresh folder in /tmp (which everyone can enter), removed afterwards.
    func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("gesprek-exposure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    func file(_ url: URL, mode: Int) throws -> URL {
        FileManager.default.createFile(atPath: url.path, contents: Data("{}\n".utf8))
        chmod(url.path, mode_t(mode))
        return url
    }

    @Test func aPrivateFolderAndFileExposeNothing() throws {
        try withFolder { folder in
            chmod(folder.path, 0o700)
            let transcript = try file(folder.appendingPathComponent("t.jsonl"), mode: 0o600)
            #expect(!TranscriptExposure.of(transcript).isExposed)
            #expect(TranscriptExposure.of(transcript).warning(for: transcript, in: .nl) == nil)
        }
    }

    @Test func aFolderEveryoneCanListIsReported() throws {
        try withFolder { folder in
            chmod(folder.path, 0o755)
            let transcript = try file(folder.appendingPathComponent("t.jsonl"), mode: 0o600)
            let exposure = TranscriptExposure.of(transcript)
            #expect(exposure.folderListableBy == .everyone)
            #expect(exposure.fileReadableBy == nil)
            #expect(
                exposure.warning(for: transcript, in: .nl)?.hasPrefix(
                    "de map \(folder.path) is leesbaar voor iedereen op deze computer") == true)
            #expect(
                exposure.warning(for: transcript, in: .nl)?.hasSuffix(
                    "tip: chmod 700 \(folder.path), of bewaar transcripten in een map die alleen jij kunt lezen") == true)
        }
    }

    @Test func aFileEveryoneCanReadIsReportedFirst() throws {
        try withFolder { folder in
            chmod(folder.path, 0o711)  // enter, not list
            let transcript = try file(folder.appendingPathComponent("t.jsonl"), mode: 0o644)
            let exposure = TranscriptExposure.of(transcript)
            #expect(exposure.fileReadableBy == .everyone)
            #expect(exposure.folderListableBy == nil)
            #expect(
                exposure.warning(for: transcript, in: .en) == """
                    \(transcript.path) can be read by everyone on this computer; a transcript holds personal data
                      hint: chmod 600 \(transcript.path)
                    """)
        }
    }

    @Test func whatNoOneCanReachIsNotExposed() throws {
        try withFolder { outer in
            chmod(outer.path, 0o700)
            let inner = outer.appendingPathComponent("open")
            try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
            chmod(inner.path, 0o755)
            let transcript = try file(inner.appendingPathComponent("t.jsonl"), mode: 0o644)
            #expect(!TranscriptExposure.of(transcript).isExposed, "a 0700 folder above keeps everyone out")
        }
    }

    @Test func aTranscriptAboutToBeCreatedIsJudgedByItsFolder() throws {
        try withFolder { folder in
            chmod(folder.path, 0o755)
            let exposure = TranscriptExposure.of(folder.appendingPathComponent("nieuw.jsonl"))
            #expect(exposure.fileReadableBy == nil && exposure.folderListableBy == .everyone)
        }
    }
}
