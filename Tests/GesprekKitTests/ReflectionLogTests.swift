import Foundation
import Testing
@testable import GesprekKit

/// The reflections file beside a transcript (``ReflectionLog``): written,
/// read back, continued by a second session under another key, and every
/// way of changing it that verify must catch.
@Suite struct ReflectionLogTests {
    static let signer = TranscriptSigner.ephemeral()

    /// A closed transcript of ChainTests' script in a new private folder, encrypted when `passphrase` is given.
    static func transcript(closed: Bool = true, passphrase: String? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-refl-\(UUID().uuidString)")
        let url = folder.appendingPathComponent("t.jsonl")
        let encryption = try passphrase.map { try TranscriptEncryption(newWithPassphrase: $0, cost: (n: 1 << 10, r: 8, p: 1)) }
        let session = try Session(
            configuration: SessionConfiguration(language: .nl, signer: signer),
            transcript: try TranscriptFile(creating: url, encryption: encryption))
        #expect(session.run(script: ChainTests.script).errors.isEmpty)
        if closed { try session.close() }
        return url
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], to url: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)
    }

    /// Two reflections written, the file closed.
    static func annotated(_ url: URL, keyring: TranscriptKeyring? = nil) throws -> ReflectionLog.Writer {
        let writer = try ReflectionLog.Writer(forTranscript: url, signer: signer, keyring: keyring, tool: "gesprek test")
        try writer.append(moment: 3, kind: .observation, dimensions: [.competentioneel], tags: ["kracht"], text: "Moeder slaapt slecht")
        try writer.append(moment: 7, marker: "einde-verkenning", kind: .agreement, dimensions: [.sociaal], tags: [], text: "Netwerkberaad")
        try writer.close()
        return writer
    }

    @Test func theFileSitsBesideTheTranscriptAndIsNoJSONL() {
        let url = URL(fileURLWithPath: "/tmp/x/gesprek-2026.jsonl")
        let file = ReflectionLog.location(forTranscript: url)
        #expect(file.path == "/tmp/x/gesprek-2026.jsonl.reflecties")
        #expect(file.pathExtension != "jsonl")
        #expect(ReflectionLog.transcript(forReflections: file) == url)
    }

    @Test func writtenReflectionsReadBackIntactBoundAndSigned() throws {
        let url = try Self.transcript()
        #expect(try ReflectionLog.read(forTranscript: url) == nil)
        _ = try Self.annotated(url)
        let file = ReflectionLog.location(forTranscript: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.reflections.map(\.sequence) == [1, 2])
        #expect(contents.reflections[0].kind == .observation && contents.reflections[0].moment == 3)
        #expect(contents.reflections[1].marker == "einde-verkenning" && contents.reflections[1].dimensions == [.sociaal])
        #expect(contents.reflections(at: 7).map(\.text) == ["Netwerkberaad"])
        #expect(contents.report.finding == .intact && contents.report.binding == .bound)
        #expect(contents.report.signers == [Self.signer.publicKey])
        #expect(contents.report.isIntactAndBound)
        #expect(contents.report.concern(trusting: [Self.signer.publicKey], in: .en) == nil)
        #expect(contents.report.message(in: .en).hasPrefix("reflections: intact: 2 reflections, signed by UNKNOWN key"))
        let transcript = try TranscriptVerifier.verify(contentsOf: url)
        #expect(contents.header.transcriptHash == transcript.lastHash && contents.header.transcriptEvents == 8)
        // The transcript is never touched.
        #expect(try TranscriptVerifier.verify(contentsOf: url) == transcript)
    }

    @Test func nothingIsWrittenWithoutAReflection() throws {
        let url = try Self.transcript()
        let writer = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        try writer.close()
        #expect(!FileManager.default.fileExists(atPath: ReflectionLog.location(forTranscript: url).path))
    }

    @Test func aSecondSessionUnderAnotherKeyGoesOnWithTheChain() throws {
        let url = try Self.transcript()
        _ = try Self.annotated(url)
        let other = TranscriptSigner.ephemeral()
        let writer = try ReflectionLog.Writer(forTranscript: url, signer: other, tool: "gesprek test")
        #expect(writer.nextSequence == 3)
        try writer.append(moment: 1, kind: .question, dimensions: [], tags: [], text: "Vraag")
        try writer.close()
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.reflections.map(\.sequence) == [1, 2, 3])
        #expect(contents.report.finding == .intact)
        #expect(contents.report.signers == [Self.signer.publicKey, other.publicKey])
        #expect(try Self.lines(ReflectionLog.location(forTranscript: url)).count == 4)
    }

    @Test func twoSessionsNeverAddToOneChainAtOnce() throws {
        let url = try Self.transcript()
        let first = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        try first.append(moment: 1, kind: .question, dimensions: [], tags: [], text: "Eerste")
        #expect(throws: ReflectionLogError.inUse) {
            try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        }
        try first.close()
        let second = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        #expect(throws: ReflectionLogError.inUse) {
            try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        }
        try second.close()
    }

    @Test func anInterruptedTranscriptIsRefused() throws {
        let url = try Self.transcript(closed: false)
        #expect(throws: ReflectionLogError.transcriptNotClosed) {
            try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        }
    }

    @Test func aChangedTextIsCaught() throws {
        let url = try Self.transcript()
        _ = try Self.annotated(url)
        let file = ReflectionLog.location(forTranscript: url)
        var lines = try Self.lines(file)
        lines[1] = lines[1].replacingOccurrences(of: "slaapt slecht", with: "slaapt goed")
        try Self.write(lines, to: file)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.report.finding == .changed(reflection: 1, line: 2))
        #expect(contents.report.message(in: .en).contains("NOT INTACT"))
        // Nothing is added to a changed file.
        #expect(throws: ReflectionLogError.reflectionsNotIntact(contents.report)) {
            try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        }
    }

    @Test func aChainRecomputedWithoutTheKeyIsForged() throws {
        let url = try Self.transcript()
        _ = try Self.annotated(url)
        let file = ReflectionLog.location(forTranscript: url)
        var lines = try Self.lines(file)
        lines[1] = lines[1].replacingOccurrences(of: "slaapt slecht", with: "slaapt goed")
        lines = SignatureTests.resealed(lines, from: 1, signer: TranscriptSigner.ephemeral())
        try Self.write(lines, to: file)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.report.finding == .forged(reflection: 1, line: 2))
    }

    @Test func aRemovedReflectionIsCaught() throws {
        let url = try Self.transcript()
        let writer = try Self.annotated(url)
        _ = writer
        let more = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        try more.append(moment: 2, kind: .hypothesis, dimensions: [], tags: [], text: "Drie")
        try more.close()
        let file = ReflectionLog.location(forTranscript: url)
        var lines = try Self.lines(file)
        lines.remove(at: 2)
        try Self.write(lines, to: file)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.report.finding == .removed(reflection: 2, through: 2, line: 3))
    }

    @Test func aCutLastLineIsReportedAndTakenAwayByTheNextWriter() throws {
        let url = try Self.transcript()
        _ = try Self.annotated(url)
        let file = ReflectionLog.location(forTranscript: url)
        let text = try String(contentsOf: file, encoding: .utf8)
        try String(text.dropLast(20)).write(to: file, atomically: false, encoding: .utf8)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.report.finding == .intact)
        #expect(contents.report.cutTail?.line == 3)
        #expect(contents.reflections.count == 1)
        let writer = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, tool: "gesprek test")
        try writer.append(moment: 4, kind: .question, dimensions: [], tags: [], text: "Opnieuw")
        try writer.close()
        let again = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(again.report.isIntactAndBound && again.reflections.map(\.text) == ["Moeder slaapt slecht", "Opnieuw"])
    }

    @Test func aChangedTranscriptNoLongerBinds() throws {
        let url = try Self.transcript()
        _ = try Self.annotated(url)
        // The transcript re-signed by someone else after a change: intact, but another version.
        var lines = try Self.lines(url)
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        try Self.write(Array(SignatureTests.resealed(lines, from: 3, signer: Self.signer).dropLast()), to: url)
        let report = try TranscriptVerifier.verify(contentsOf: url)
        #expect(report.finding == .intact)
        let contents = try #require(try ReflectionLog.read(forTranscript: url))
        #expect(contents.report.binding == .otherVersion)
        #expect(contents.report.message(in: .en).contains("bound to another version"))
    }

    @Test func anEncryptedTranscriptGetsEncryptedReflections() throws {
        let url = try Self.transcript(passphrase: "correct horse")
        let keyring = TranscriptKeyring { "correct horse" }
        _ = try Self.annotated(url, keyring: keyring)
        let file = ReflectionLog.location(forTranscript: url)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("slaapt") && text.hasPrefix(#"{"#) && text.contains(TranscriptEncryption.format))
        #expect(throws: TranscriptReadError.encrypted) { try ReflectionLog.read(forTranscript: url) }
        let contents = try #require(try ReflectionLog.read(forTranscript: url, keyring: keyring))
        #expect(contents.isEncrypted && contents.report.isIntactAndBound)
        // A second session goes on in the same encrypted file.
        let writer = try ReflectionLog.Writer(forTranscript: url, signer: Self.signer, keyring: keyring, tool: "gesprek test")
        try writer.append(moment: 1, kind: .question, dimensions: [], tags: [], text: "Drie")
        try writer.close()
        let again = try #require(try ReflectionLog.read(forTranscript: url, keyring: keyring))
        #expect(again.report.isIntactAndBound && again.reflections.count == 3)
    }
}
