import Foundation
import Testing
@testable import GesprekKit

/// A transcript that fails while `failures` is above zero (one less per
/// attempt), like a full disk that is cleared after a while.
final class FlakySink: TranscriptSink {
    var failures = 0
    var error = TranscriptFileError(code: ENOSPC, reason: "No space left on device")
    private(set) var lines: [String] = []
    private(set) var attempts = 0
    private(set) var closed = false

    func append(line: String) throws {
        attempts += 1
        if failures > 0 {
            failures -= 1
            throw error
        }
        lines.append(line)
    }

    func close() throws { closed = true }
}

@Suite struct UnsavedLinesTests {
    static let script = [
        "ask #v Hoe gaat het thuis?",
        "say Lisa #v Het is zwaar sinds de scheiding.",
        "network add Oma role=grootmoeder influence=+",
        "note #c #kracht Kookt elke dag.",
        "score gezin.s1 3",
    ]
    var script: [String] { Self.script }

    private static let id = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!

    private func session(_ sink: any TranscriptSink) throws -> Session {
        let clock = SteppingClock()
        return try Session(
            configuration: SessionConfiguration(language: .en, sessionID: Self.id, clock: { clock.read() }), transcript: sink)
    }

    /// What a transcript that never failed holds for the same lines.
    private func reference() throws -> [String] {
        let memory = MemoryTranscript()
        let session = try session(memory)
        for line in script { session.execute(line) }
        return memory.lines.map(Self.withoutSeal)
    }

    /// A line without what differs between two sessions of the same lines: the seal, the file id and the key.
    static func withoutSeal(_ line: String) -> String {
        line.replacingOccurrences(of: #","hash":".*$"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #","file":"[^"]*","signer":"[0-9a-f]*""#, with: "", options: .regularExpression)
    }

    @Test func aFailedWriteKeepsTheLineAndSaysItIsNotOnDisk() throws {
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 100
        let result = session.execute("note #c Kookt elke dag.")
        #expect(result.event?.sequence == 1, "the line is recorded, in memory")
        #expect(!result.isRejected)
        #expect(session.events.count == 1)
        #expect(session.unsavedLineCount == 1)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.problem == .transcriptNotSaved(sink.error, waiting: 1))
        #expect(diagnostic.message(in: .nl) == "nog niet op schijf: de schijf is vol; 1 regel wacht in het geheugen")
        #expect(diagnostic.message(in: .en) == "not on disk yet: the disk is full; 1 line waiting in memory")
        #expect(diagnostic.hint(in: .nl)?.hasPrefix("maak ruimte vrij") == true)
        // Shown without the line: nothing of what was said goes to a log.
        let rendered = diagnostic.rendered(file: "stdin", language: .nl)
        #expect(
            rendered == """
                stdin:1:1: waarschuwing: nog niet op schijf: de schijf is vol; 1 regel wacht in het geheugen
                  tip: maak ruimte vrij; bij elke volgende regel wordt het opnieuw geprobeerd. Of bewaar alles in een ander bestand
                """)
        #expect(!rendered.contains("Kookt"))
        #expect(
            session.execute("note Tweede.").diagnostics.first?.message(in: .nl)
                == "nog niet op schijf: de schijf is vol; 2 regels wachten in het geheugen")
    }

    @Test func theWaitingLinesGoFirstInOrderAndTheRecoveryIsSaidOnce() throws {
        let sink = FlakySink()
        let session = try session(sink)
        session.execute(script[0])
        sink.failures = 3  // one try per line: the first line that waits fails, and the rest wait behind it
        #expect(session.execute(script[1]).diagnostics.map(\.problem) == [.transcriptNotSaved(sink.error, waiting: 1)])
        #expect(session.execute(script[2]).diagnostics.map(\.problem) == [.transcriptNotSaved(sink.error, waiting: 2)])
        #expect(session.execute(script[3]).diagnostics.map(\.problem) == [.transcriptNotSaved(sink.error, waiting: 3)])
        #expect(sink.failures == 0)
        let recovered = session.execute(script[4])
        #expect(recovered.diagnostics.map(\.problem) == [.transcriptSavedAgain(count: 4)])
        #expect(recovered.diagnostics[0].message(in: .nl) == "weer opgeslagen: alles staat op schijf (4 regels ingehaald)")
        #expect(session.unsavedLineCount == 0)
        #expect(sink.lines.map(Self.withoutSeal) == (try reference()), "no gap, no line twice, nothing reordered")
        #expect(try TranscriptVerifier.verify(Array(sink.lines.map { $0 + "\n" }.joined().utf8)).finding == .intact)
        #expect(session.execute("note Daarna.").diagnostics.isEmpty, "said once")
        let read = try TranscriptReader.read(text: sink.lines.map { $0 + "\n" }.joined())
        #expect(read.events == session.events)
    }

    @Test func stateUndoAndSummaryWorkOnLinesNotYetSaved() throws {
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 1000
        session.execute("network add Oma role=grootmoeder")
        #expect(session.network.member(named: "oma") != nil)
        #expect(session.execute("network set Oma contact=wekelijks").event != nil)
        #expect(session.execute("undo").event?.kind == .undo)
        #expect(session.network.member(named: "Oma")?.attributes.contact == nil)
        #expect(session.summary().network.members.count == 1)
        #expect(session.unsavedLineCount == 3)
    }

    @Test func retryUnsavedWritesOrThrowsTheReason() throws {
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 3
        session.execute("note Een.")
        session.execute("note Twee.")
        #expect(throws: sink.error) { try session.retryUnsaved() }
        #expect(try session.retryUnsaved() == 2)
        #expect(session.unsavedLineCount == 0)
        #expect(session.execute("note Drie.").diagnostics.isEmpty, "the retry already said it")
        #expect(try session.retryUnsaved() == 0)
    }

    @Test func movingToAnotherTranscriptGivesItEveryLineFromTheHeader() throws {
        let sink = FlakySink()
        let session = try session(sink)
        session.execute(script[0])
        sink.failures = 1000
        for line in script.dropFirst() { session.execute(line) }
        #expect(session.unsavedLineCount == 4)
        let elsewhere = MemoryTranscript()
        try session.moveTranscript(to: elsewhere)
        #expect(session.transcript === elsewhere)
        #expect(sink.closed)
        #expect(session.unsavedLineCount == 0)
        #expect(elsewhere.lines.count == 1 + script.count)
        let read = try TranscriptReader.read(text: elsewhere.text)
        #expect(read.header == session.header)
        #expect(read.events == session.events)
        session.execute("note Daarna.")
        #expect(elsewhere.lines.count == 2 + script.count)
    }

    @Test func aMoveThatFailsChangesNothing() throws {
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 1000
        session.execute("note Een.")
        let alsoFull = FlakySink()
        alsoFull.failures = 1
        #expect(throws: alsoFull.error) { try session.moveTranscript(to: alsoFull) }
        #expect(alsoFull.closed)
        #expect(session.transcript === sink)
        #expect(!sink.closed)
        #expect(session.unsavedLineCount == 1)
    }

    @Test func aSinkErrorOfAnotherTypeIsShownByItsTypeOnly() throws {
        struct SecretError: Error { let text = "Lisa zei iets" }
        final class Throwing: TranscriptSink {
            var fail = false
            func append(line: String) throws { if fail { throw SecretError() } }
            func close() throws {}
        }
        let sink = Throwing()
        let session = try Session(configuration: SessionConfiguration(language: .en), transcript: sink)
        sink.fail = true
        let message = session.execute("note Een.").diagnostics.first?.message(in: .en)
        #expect(message == "not on disk yet: SecretError; 1 line waiting in memory")
    }

    @Test func closeWithLinesWaitingThrowsAndKeepsTheTranscriptOpen() throws {
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 2
        session.execute("note Een.")
        #expect(throws: sink.error) { try session.close() }
        #expect(!sink.closed)
        try session.close()
        #expect(sink.closed)
        #expect(sink.lines.count == 3, "the header, the note and the closing record")
    }

    // MARK: - A real file

    private func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-unsaved-\(UUID())")
    }

    @Test func aFileRemovedWhileOpenIsAFailedWriteAndSaveMakesItWholeAgain() throws {
        let url = folder().appendingPathComponent("t.jsonl")
        let session = try Session(configuration: SessionConfiguration(language: .nl), transcript: TranscriptFile(creating: url))
        session.execute(script[0])
        try FileManager.default.removeItem(at: url)
        let result = session.execute(script[1])
        #expect(result.diagnostics.map(\.problem) == [.transcriptNotSaved(.removed, waiting: 1)])
        #expect(
            result.diagnostics[0].message(in: .nl)
                == "nog niet op schijf: het transcriptbestand is verwijderd; 1 regel wacht in het geheugen")
        #expect(result.diagnostics[0].hint(in: .nl) == "bewaar alles in een nieuw bestand; elke regel is nog in het geheugen")
        session.execute(script[2])
        #expect(session.unsavedLineCount == 2, "a removed file stays removed")
        #expect(!FileManager.default.fileExists(atPath: url.path), "nothing is created behind the advisor's back")
        // The same path is free again: save puts the whole transcript back.
        let file = try session.save(to: url)
        #expect(session.transcript === file)
        #expect(session.unsavedLineCount == 0)
        session.execute(script[3])
        try session.close()
        let read = try TranscriptReader.read(contentsOf: url)
        #expect(read.events == session.events)
        #expect(read.events.count == 4)
        #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func saveNeverOverwrites() throws {
        let base = folder()
        let existing = base.appendingPathComponent("bestaat.jsonl")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try Data("van iemand anders\n".utf8).write(to: existing)
        let sink = FlakySink()
        let session = try session(sink)
        sink.failures = 1000
        session.execute("note Een.")
        #expect(throws: TranscriptFileError(errno: EEXIST)) { try session.save(to: existing) }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "van iemand anders\n")
        #expect(session.unsavedLineCount == 1)
        #expect(session.transcript === sink)
    }

    /// Under umask 000, in a process of its own: the umask belongs to the
    /// process, and the other tests run in parallel in this one.
    @Test func saveMakesPrivateFolders() async {
        await #expect(processExitsWith: .success) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-unsaved-\(UUID())/nieuw/map/t.jsonl")
            let (session, memory) = try makeSession()
            for line in UnsavedLinesTests.script { session.execute(line) }
            umask(0)
            try session.save(to: url)
            try session.close()
            let saved = try String(contentsOf: url, encoding: .utf8)
            #expect(saved.hasPrefix(memory.text) && saved.dropFirst(memory.text.count).hasPrefix(#"{"close":"normal","#))
            #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) == 0o600)
            for folder in [url.deletingLastPathComponent(), url.deletingLastPathComponent().deletingLastPathComponent()] {
                #expect(
                    (try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700, "\(folder.path)")
            }
        }
    }
}
