import Foundation
import Testing
@testable import GesprekKit

/// Signed and sealed transcripts (format version 3): the forger who
/// recomputes every hash, a transcript cut short, lines after the closing
/// record, another key, encrypted lines copied between files, a planted KDF
/// header, repair of an interrupted session, seals, and the key file.
@Suite struct SignatureTests {
    static let script = ChainTests.script
    static let signer = TranscriptSigner.ephemeral()

    /// The lines of a session signed by `signer`, closed unless `closed` is false.
    static func lines(closed: Bool = true, signer: TranscriptSigner = signer) throws -> [String] {
        let memory = MemoryTranscript()
        let session = try Session(configuration: SessionConfiguration(language: .en, signer: signer), transcript: memory)
        #expect(session.run(script: script).errors.isEmpty)
        if closed { try session.close() }
        return memory.lines
    }

    static func verify(_ lines: [String]) throws -> ChainReport { try ChainTests.verify(lines) }

    /// A line's content without its hash and signature.
    static func unsealed(_ line: String) -> String {
        var line = line
        // A line without a seal is content already.
        return line.withUTF8 { TranscriptChain.unseal($0).map { String(decoding: $0.content, as: UTF8.self) } } ?? line
    }

    /// Every line from `start` on sealed again after the one before, as a forger with `signer` (or without a key) would.
    static func resealed(_ lines: [String], from start: Int, signer: TranscriptSigner? = nil) -> [String] {
        var lines = lines
        for i in start..<lines.count {
            let previous = i == 0 ? nil : ChainTests.hash(of: lines[i - 1])
            lines[i] = TranscriptChain(after: previous, signer: signer).sealing(unsealed(lines[i])).line
        }
        return lines
    }

    // MARK: - Intact

    @Test func aClosedSessionIsIntactClosedAndSignedByItsKey() throws {
        let lines = try Self.lines()
        #expect(lines.last!.hasPrefix(#"{"close":"normal","events":8,"#))
        let report = try Self.verify(lines)
        #expect(report.finding == .intact)
        #expect(report.events == 8)
        #expect(report.signer == Self.signer.publicKey)
        #expect(report.closing == ChainReport.Closing(reason: .normal, signer: Self.signer.publicKey))
        #expect(report.isIntactAndClosed)
        #expect(report.concern(trusting: [Self.signer.publicKey], in: .en) == nil)
        #expect(
            report.message(in: .en, trusting: [Self.signer.publicKey]).hasPrefix(
                "intact and closed: 8 events, signed by key \(Self.signer.publicKey.id) (trusted)"))
        // The readers skip the closing record: it is no event.
        let read = try TranscriptReader.read(text: lines.map { $0 + "\n" }.joined())
        #expect(read.events.count == 8 && read.warnings.isEmpty)
    }

    @Test func anotherKeyIsUnknown() throws {
        let report = try Self.verify(try Self.lines())
        let other = TranscriptSigner.ephemeral().publicKey
        let message = try #require(report.concern(trusting: [other], in: .en))
        #expect(message.contains("UNKNOWN key \(Self.signer.publicKey.id)"))
    }

    // MARK: - The forger

    /// The attacker's script: rewrite a quote, delete a line, recompute every hash.
    @Test func aRewrittenChainWithoutTheKeyIsForged() throws {
        var lines = try Self.lines()
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        lines.remove(at: 5)
        // The closing record's count is made to fit as well.
        lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: #""events":8"#, with: #""events":7"#)
        let renumbered = lines.enumerated().map { index, line in
            index == 0 || index == lines.count - 1
                ? line : line.replacingOccurrences(of: #"^\{"seq":\d+,"#, with: "{\"seq\":\(index),", options: .regularExpression)
        }
        let forged = Self.resealed(renumbered, from: 3)
        let report = try Self.verify(forged)
        #expect(report.finding == .forged(sequence: 3, line: 4))
        #expect(report.isTampered)
        #expect(report.message(in: .en).hasPrefix("NOT INTACT: forged: the chain holds, but seq 3 (line 4) has no valid signature"))
        // Signed, but with another key than the header names: no better.
        let signedByMallory = Self.resealed(renumbered, from: 3, signer: .ephemeral())
        #expect(try Self.verify(signedByMallory).finding == .forged(sequence: 3, line: 4))
        // Without the signature keys at all it is no better.
        let stripped = forged.map { line -> String in
            line.replacingOccurrences(of: #","sig":"[0-9a-f]{128}""#, with: "", options: .regularExpression)
        }
        #expect(try Self.verify(stripped).isTampered)
    }

    /// Someone who signs the rewrite with a key of their own, header and all: the key is not the advisor's.
    @Test func aRewriteSignedWithAnotherKeyIsSignedByAnUnknownKey() throws {
        var lines = try Self.lines()
        let mallory = TranscriptSigner.ephemeral()
        lines[0] = lines[0].replacingOccurrences(of: Self.signer.publicKey.hex, with: mallory.publicKey.hex)
        lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: Self.signer.publicKey.hex, with: mallory.publicKey.hex)
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        var resealed = Self.resealed(lines, from: 0, signer: mallory)
        // The closing record names the hash before it: made to fit.
        let last = Hex.string(ChainTests.hash(of: resealed[resealed.count - 2]))
        resealed[resealed.count - 1] = resealed[resealed.count - 1].replacingOccurrences(
            of: #""last":"[0-9a-f]{64}""#, with: "\"last\":\"\(last)\"", options: .regularExpression)
        resealed = Self.resealed(resealed, from: resealed.count - 1, signer: mallory)
        let report = try Self.verify(resealed)
        #expect(report.finding == .intact)
        #expect(report.signer == mallory.publicKey)
        #expect(report.concern(trusting: [Self.signer.publicKey], in: .en)?.contains("UNKNOWN key") == true)
        // A seal of the original shows it even to whoever trusts both keys.
        let seal = try #require(TranscriptSeal(try Self.verify(try Self.lines())))
        #expect(!seal.holds(for: report))
    }

    // MARK: - Cut, closed, added to

    @Test func linesCutOffTheEndLeaveATranscriptThatIsNotClosed() throws {
        let lines = try Self.lines()
        let cut = try Self.verify(Array(lines.dropLast(2)))
        #expect(cut.finding == .intact && cut.closing == nil && cut.events == 7)
        #expect(cut.message(in: .en, trusting: [Self.signer.publicKey]).hasPrefix("intact but NOT CLOSED"))
        #expect(!cut.isIntactAndClosed)
    }

    @Test func aLineAfterTheClosingRecordWasAddedLater() throws {
        var lines = try Self.lines()
        let extra = TranscriptChain(after: ChainTests.hash(of: lines.last!), signer: Self.signer)
            .sealing(
                #"{"seq":9,"elapsed":1,"time":"t","kind":"note","dimensions":[],"tags":[],"text":"Later.","line":"note Later.","lineNumber":9}"#
            )
        lines.append(extra.line)
        #expect(try Self.verify(lines).finding == .inserted(line: 11, after: 8))
    }

    @Test func aClosingRecordThatDoesNotFitIsFound() throws {
        var lines = try Self.lines()
        // Signed by the key holder, but with a count that is not the transcript's.
        let closing = Self.unsealed(lines.last!).replacingOccurrences(of: #""events":8"#, with: #""events":9"#)
        lines[lines.count - 1] =
            TranscriptChain(after: ChainTests.hash(of: lines[lines.count - 2]), signer: Self.signer).sealing(closing).line
        #expect(try Self.verify(lines).finding == .closingChanged(line: 10))
    }

    @Test func aVersionTwoTranscriptStillVerifiesAsUnsigned() throws {
        var lines = try Self.lines(closed: false)
        lines[0] = Self.unsealed(lines[0]).replacingOccurrences(of: #""version":3"#, with: #""version":2"#)
        let v2 = Self.resealed(lines, from: 0)
        let report = try Self.verify(v2)
        #expect(report.finding == .intact && report.signer == nil && report.version == 2)
        #expect(report.message(in: .en).hasSuffix("; not signed (format version 2)"))
        #expect(report.concern(trusting: [Self.signer.publicKey], in: .en) != nil)
    }

    // MARK: - Seals

    @Test func aSealHoldsUntilTheTranscriptChanges() throws {
        let report = try Self.verify(try Self.lines())
        let seal = try #require(TranscriptSeal(report))
        #expect(TranscriptSeal(parsing: seal.description) == seal)
        #expect(seal.description.hasPrefix("gesprek-seal:1:\(Self.signer.publicKey.id):8:"))
        #expect(seal.holds(for: report))
        // The key holder signs a rewrite anew: the signatures hold, the seal does not.
        var lines = try Self.lines()
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        var rewritten = Self.resealed(lines, from: 3, signer: Self.signer)
        let last = Hex.string(ChainTests.hash(of: rewritten[rewritten.count - 2]))
        rewritten[rewritten.count - 1] = rewritten[rewritten.count - 1].replacingOccurrences(
            of: #""last":"[0-9a-f]{64}""#, with: "\"last\":\"\(last)\"", options: .regularExpression)
        rewritten = Self.resealed(rewritten, from: rewritten.count - 1, signer: Self.signer)
        let again = try Self.verify(rewritten)
        #expect(again.isIntactAndClosed)
        #expect(!seal.holds(for: again))
        #expect(TranscriptSeal(parsing: "gesprek-seal:1:x:y:z") == nil)
    }
}

@Suite struct SignedRepairTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-signed-repair-\(UUID())")

    func file(_ bytes: [UInt8]) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("t.jsonl")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func anInterruptedTranscriptIsClosedAsRecoveredNeverAsNormal() throws {
        let lines = try SignatureTests.lines(closed: false)
        let url = try file(ChainTests.text(lines))
        let repairer = TranscriptSigner.ephemeral()
        let result = try TranscriptRepair.repair(url, closingWith: repairer)
        #expect(result.closedAsRecovered == 8 && result.outcome == .nothingToRepair)
        #expect(result.backup == folder.appendingPathComponent("t.jsonl.bak"))
        let report = try TranscriptVerifier.verify(contentsOf: url)
        #expect(report.finding == .intact && report.events == 8)
        #expect(report.closing == ChainReport.Closing(reason: .recovered, signer: repairer.publicKey))
        #expect(report.message(in: .en, trusting: [SignatureTests.signer.publicKey]).contains("RECOVERED"))
        // A closed transcript is left alone.
        #expect(try TranscriptRepair.repair(url, closingWith: repairer).closedAsRecovered == nil)
    }

    @Test func aCutTailIsTrimmedAndThenClosed() throws {
        let whole = ChainTests.text(try SignatureTests.lines(closed: false))
        let url = try file(Array(whole.dropLast(40)))
        let result = try TranscriptRepair.repair(url, closingWith: .ephemeral())
        #expect(result.closedAsRecovered == 7)
        let report = try TranscriptVerifier.verify(contentsOf: url)
        #expect(report.finding == .intact && report.closing?.reason == .recovered && report.cutTail == nil)
    }

    @Test func aTamperedTranscriptIsNotClosed() throws {
        var lines = try SignatureTests.lines(closed: false)
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        let url = try file(ChainTests.text(lines))
        #expect(try TranscriptRepair.repair(url, closingWith: .ephemeral()).closedAsRecovered == nil)
        #expect(try TranscriptVerifier.verify(contentsOf: url).finding == .changed(sequence: 3, line: 4))
    }
}

@Suite struct SignedEncryptionTests {
    static let cost = (n: 1 << 10, r: 8, p: 1)

    func encrypted(_ encryption: TranscriptEncryption, in folder: URL, name: String, notes: [String]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        let file = try TranscriptFile(creating: url, encryption: encryption)
        let session = try Session(configuration: SessionConfiguration(signer: SignatureTests.signer), transcript: file)
        for note in notes { session.execute("note \(note)") }
        try session.close()
        return url
    }

    @Test func linesCopiedFromAnotherEncryptedTranscriptAreFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-copy-\(UUID())")
        let encryption = try TranscriptEncryption(newWithPassphrase: "correct horse", cost: Self.cost)
        let a = try encrypted(encryption, in: folder, name: "a.jsonl", notes: ["Een.", "Twee.", "Drie."])
        let b = try encrypted(encryption, in: folder, name: "b.jsonl", notes: ["Anders.", "Nog anders.", "Derde."])
        let keyring = TranscriptKeyring { "correct horse" }
        #expect(try TranscriptVerifier.verify(contentsOf: a, keyring: keyring).isIntactAndClosed)
        // The same key and the same line numbers: only the file id tells the lines apart.
        var linesOfA = try String(contentsOf: a, encoding: .utf8).split(separator: "\n").map(String.init)
        let linesOfB = try String(contentsOf: b, encoding: .utf8).split(separator: "\n").map(String.init)
        linesOfA[3] = linesOfB[3]
        try (linesOfA.joined(separator: "\n") + "\n").write(to: a, atomically: false, encoding: .utf8)
        let report = try TranscriptVerifier.verify(contentsOf: a, keyring: keyring)
        #expect(report.isTampered)
        #expect(report.finding == .changed(sequence: 2, line: 4))
        #expect(throws: TranscriptReadError.damagedRecord(line: 4)) { try TranscriptReader.read(contentsOf: a, keyring: keyring) }
    }

    @Test func aPlantedCostlyKDFHeaderIsDamageAndNoPassphraseIsAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-kdf-\(UUID())")
        let encryption = try TranscriptEncryption(newWithPassphrase: "correct horse", cost: Self.cost)
        let url = try encrypted(encryption, in: folder, name: "t.jsonl", notes: ["Een."])
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: #""n":1024"#, with: #""n":1048576"#)
            .replacingOccurrences(of: #""r":8"#, with: #""r":32"#).replacingOccurrences(of: #""p":1"#, with: #""p":16"#)
        #expect(lines[0].contains(#""n":1048576"#))
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)
        let asked = Asked()
        let keyring = TranscriptKeyring {
            asked.yes()
            return "correct horse"
        }
        #expect(throws: TranscriptReadError.damagedEnvelope) { try TranscriptVerifier.verify(contentsOf: url, keyring: keyring) }
        #expect(throws: TranscriptReadError.damagedEnvelope) { try TranscriptReader.read(contentsOf: url, keyring: keyring) }
        #expect(!asked.value)
        #expect(TranscriptReadError.damagedEnvelope.message(in: .en).contains("damaged"))
    }
}

private final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var asked = false
    func yes() { lock.lock(); asked = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return asked }
}

@Suite struct SigningKeyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-key-\(UUID())/gesprek")

    func mode(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int }

    @Test func aKeyIsMadeOnFirstUsePrivatelyAndFoundAgain() throws {
        let made = try TranscriptSigner.load(from: folder, seal: false) {
            Issue.record("no passphrase needed"); return ""
        }
        #expect(try mode(folder.path) == 0o700)
        #expect(try mode(folder.appendingPathComponent("signing-key").path) == 0o600)
        let again = try TranscriptSigner.load(from: folder, seal: false) { "" }
        #expect(again.publicKey == made.publicKey)
        #expect(TranscriptSigner.publicKey(in: folder) == made.publicKey)
        #expect(made.publicKey.id.count == 19)
        #expect(TranscriptPublicKey.parseAll(made.publicKey.exported) == [made.publicKey])
    }

    @Test func aSealedKeyNeedsItsPassphrase() throws {
        let made = try TranscriptSigner.load(from: folder, seal: true) { "correct horse" }
        let text = try String(contentsOf: folder.appendingPathComponent("signing-key"), encoding: .utf8)
        #expect(!text.contains(made.publicKey.hex) && text.contains("gesprek-transcript-encrypted"))
        #expect(try TranscriptSigner.load(from: folder, seal: true) { "correct horse" }.publicKey == made.publicKey)
        #expect(throws: TranscriptSigner.KeyFileError.wrongPassphrase) {
            try TranscriptSigner.load(from: folder, seal: true) { "wrong horse" }
        }
        // The public key stays readable without it.
        #expect(TranscriptSigner.publicKey(in: folder) == made.publicKey)
    }
}
