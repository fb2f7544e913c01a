import Foundation
import Testing
@testable import GesprekKit

/// ``Caseload``: a row or a read error for every file, in the order given,
/// and the privacy warnings once per folder and counted, as a host shows them.
@Suite struct CaseloadTests {
    /// Fresh folders in /tmp (which everyone can enter), removed afterwards.
    func withFolders(_ body: (URL, URL) throws -> Void) throws {
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("gesprek-caseload-\(UUID().uuidString)")
        let (first, second) = (root.appendingPathComponent("een"), root.appendingPathComponent("twee"))
        for folder in [first, second] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: root) }
        chmod(root.path, 0o755)
        try body(first, second)
    }

    func write(_ bytes: [UInt8], to url: URL, mode: Int = 0o600) throws -> String {
        try Data(bytes).write(to: url)
        chmod(url.path, mode_t(mode))
        return url.path
    }

    func fullRow(_ path: String) throws -> SummaryRow {
        let url = URL(fileURLWithPath: path)
        return SummaryRow(name: url.lastPathComponent, summary: Summary(try TranscriptReader.read(contentsOf: url)))
    }

    @Test func rowsAndErrorsInTheOrderGiven() throws {
        try withFolders { folder, _ in
            chmod(folder.path, 0o700)
            let transcript = try CaseloadScanTests.transcript("note #v Hallo\nask #m Hoe gaat het?")
            let paths = [
                try write(transcript, to: folder.appendingPathComponent("a.jsonl")),
                try write(Array("geen transcript\n".utf8), to: folder.appendingPathComponent("b.jsonl")),
                folder.appendingPathComponent("weg.jsonl").path,
                folder.path,
                // A cut-off last line: the full reader's row, with its warning.
                try write(transcript + Array("{\"kind\":\"note\"".utf8), to: folder.appendingPathComponent("c.jsonl")),
            ]
            var entries: [Caseload.Entry] = []
            let closing = Caseload(paths: paths).read { entries.append($0) }
            #expect(entries.map(\.index) == [0, 1, 2, 3, 4])
            #expect(entries.map(\.path) == paths)
            #expect(try entries[0].row.get() == fullRow(paths[0]))
            guard case .failure(.transcript(.notATranscript)) = entries[1].row else { Issue.record("\(entries[1].row)"); return }
            guard case .failure(.missing) = entries[2].row else { Issue.record("\(entries[2].row)"); return }
            guard case .failure(.folder) = entries[3].row else { Issue.record("\(entries[3].row)"); return }
            #expect(try entries[4].row.get().name == "c.jsonl")
            #expect(try entries[4].row.get().events == entries[0].row.get().events)
            #expect(entries[4].warnings.count == 1)
            #expect(entries.allSatisfy { $0.privacy == nil })
            #expect(closing == nil)
        }
    }

    @Test func privacyIsToldOncePerFolderAndReadableFilesAreCounted() throws {
        try withFolders { first, second in
            chmod(first.path, 0o755)
            chmod(second.path, 0o755)
            let transcript = try CaseloadScanTests.transcript("note #v Hallo")
            let paths = [
                try write(transcript, to: first.appendingPathComponent("a.jsonl")),
                try write(transcript, to: first.appendingPathComponent("b.jsonl"), mode: 0o644),
                try write(Array("geen transcript\n".utf8), to: first.appendingPathComponent("c.jsonl"), mode: 0o644),
                try write(transcript, to: second.appendingPathComponent("d.jsonl"), mode: 0o644),
            ]
            var entries: [Caseload.Entry] = []
            let closing = Caseload(paths: paths).read { entries.append($0) }
            #expect(
                entries.map(\.privacy) == [
                    .folderListable(example: URL(fileURLWithPath: paths[0]), by: .everyone), nil, nil,
                    .folderListable(example: URL(fileURLWithPath: paths[3]), by: .everyone),
                ])
            #expect(closing == .filesReadable(count: 3, example: URL(fileURLWithPath: paths[1]), by: .everyone))
            #expect(closing?.message(in: .en).hasPrefix("3 transcripts can be read by others, such as \(paths[1]);") == true)
            #expect(entries[0].privacy?.message(in: .en).hasPrefix("the folder \(first.path) can be read by everyone") == true)
        }
    }

    @Test func oneReadableFileIsNamedAsAlone() throws {
        try withFolders { folder, _ in
            chmod(folder.path, 0o700)
            let path = try write(
                try CaseloadScanTests.transcript("note #v Hallo"), to: folder.appendingPathComponent("a.jsonl"), mode: 0o644)
            let closing = Caseload(paths: [path]).read { _ in }
            let url = URL(fileURLWithPath: path)
            #expect(closing?.message(in: .nl) == TranscriptExposure.of(url).warning(for: url, in: .nl))
        }
    }
}
