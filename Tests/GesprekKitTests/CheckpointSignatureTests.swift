import Foundation
import Testing
@testable import GesprekKit

/// Transcripts signed at checkpoints (a script run, ``TranscriptSigning``):
/// the lines between checkpoints carry no `sig`, a later signature vouches
/// for them through the chain. Cut after a crash such a transcript is intact
/// but not closed, with its unsigned tail named; a stripped or wrong
/// signature where one belongs is still forged.
@Suite struct CheckpointSignatureTests {
    static let signer = SignatureTests.signer
    /// Every third event signed: seq 3 and 6 of the script's 8.
    static let every = 3

    /// The lines of the script's session, signed at checkpoints, closed unless `closed` is false.
    static func lines(closed: Bool = true, signing: TranscriptSigning = .checkpoints(every: every)) throws -> [String] {
        let memory = MemoryTranscript()
        var configuration = SessionConfiguration(language: .en, signer: signer)
        configuration.signing = signing
        let session = try Session(configuration: configuration, transcript: memory)
        #expect(session.run(script: SignatureTests.script).errors.isEmpty)
        if closed { try session.close() }
        return memory.lines
    }

    static func verify(_ lines: [String]) throws -> ChainReport { try ChainTests.verify(lines) }

    static func isSigned(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { TranscriptChain.unseal($0)?.signature != nil }
    }

    /// The line with its signature taken off, its hash kept.
    static func stripped(_ line: String) -> String {
        line.replacingOccurrences(of: #","sig":"[0-9a-f]{128}""#, with: "", options: .regularExpression)
    }

    @Test func onlyTheHeaderTheCheckpointsAndTheClosingRecordAreSigned() throws {
        let lines = try Self.lines()
        #expect(lines.count == 10)
        #expect(lines[0].contains(#""checkpoints":3,"hash":"#))
        #expect(lines.map(Self.isSigned) == [true, false, false, true, false, false, true, false, false, true])
        let report = try Self.verify(lines)
        #expect(report.finding == .intact && report.events == 8 && report.isIntactAndClosed)
        #expect(report.unsignedTail == 0 && report.checkpointInterval == 3)
        #expect(
            report.message(in: .en, trusting: [Self.signer.publicKey]).hasPrefix(
                "intact and closed: 8 events, signed by key \(Self.signer.publicKey.id) (trusted)"))
        // A live session signs every line, and its header says nothing of checkpoints.
        let live = try Self.lines(signing: .everyLine)
        #expect(live.allSatisfy(Self.isSigned) && !live[0].contains("checkpoints"))
    }

    @Test func theReadersTakeUnsignedLinesAsTheyAre() throws {
        for closed in [true, false] {
            let text = ChainTests.text(try Self.lines(closed: closed))
            let read = try TranscriptReader.read(text: String(decoding: text, as: UTF8.self))
            #expect(read.events.count == 8 && read.warnings.isEmpty)
            #expect(read.header.signing == .checkpoints(every: 3))
            #expect(try ReaderAgreementTests.disagreement(text) == nil)
            #expect(CaseloadScanTests.scannedRow(text) != nil)
        }
    }

    @Test func anInterruptedRunIsIntactButNotClosedWithItsUnsignedTailNamed() throws {
        let report = try Self.verify(try Self.lines(closed: false))
        #expect(report.finding == .intact && report.closing == nil && report.events == 8 && !report.isIntactAndClosed)
        #expect(report.unsignedTail == 2)
        let key = Self.signer.publicKey
        #expect(
            report.message(in: .en, trusting: [key]).hasPrefix(
                "intact but NOT CLOSED: the session was interrupted (or its end was cut off); 8 events, signed by key \(key.id) (trusted); the last 2 lines are not signed (a script run signs every 3 lines)"
            ))
        #expect(
            report.message(in: .nl, trusting: [key]).contains(
                "; de laatste 2 regels zijn niet ondertekend (een scriptrun ondertekent elke 3 regels)"))
        #expect(report.concern(trusting: [key], in: .en) != nil)
        // Cut right after a checkpoint, nothing is unsigned.
        let atCheckpoint = try Self.verify(Array(try Self.lines(closed: false).prefix(7)))
        #expect(atCheckpoint.finding == .intact && atCheckpoint.unsignedTail == 0 && atCheckpoint.events == 6)
        #expect(!atCheckpoint.message(in: .en, trusting: [key]).contains("not signed"))
    }

    @Test func aClosingRecordWithoutItsSignatureIsForged() throws {
        var lines = try Self.lines()
        lines[9] = Self.stripped(lines[9])
        let report = try Self.verify(lines)
        #expect(report.finding == .forged(sequence: 9, line: 10))
        #expect(!report.isIntactAndClosed)
        // Taken off altogether, it leaves a run that was not closed: never "closed".
        let without = try Self.verify(Array(lines.dropLast()))
        #expect(without.closing == nil && without.unsignedTail == 2 && !without.isIntactAndClosed)
    }

    @Test func aCheckpointWithoutItsSignatureIsForged() throws {
        var lines = try Self.lines()
        lines[3] = Self.stripped(lines[3])
        #expect(try Self.verify(lines).finding == .forged(sequence: 3, line: 4))
    }

    @Test func aWrongSignatureOnALineBetweenCheckpointsIsForged() throws {
        var lines = try Self.lines()
        // Signed by another key, the hash left as it was.
        let other = TranscriptChain(after: ChainTests.hash(of: lines[1]), signer: .ephemeral())
        lines[2] = other.sealing(SignatureTests.unsealed(lines[2])).line
        #expect(try Self.verify(lines).finding == .forged(sequence: 2, line: 3))
    }

    @Test func linesAddedWithoutTheKeyReachNoCheckpoint() throws {
        // A forger appends to an interrupted run: seq 9 is a checkpoint, which he cannot sign.
        var lines = try Self.lines(closed: false)
        lines.append(
            TranscriptChain(after: ChainTests.hash(of: lines.last!)).sealing(
                #"{"seq":9,"elapsed":1,"time":"t","kind":"note","dimensions":[],"tags":[],"text":"Later.","line":"note Later.","lineNumber":9}"#
            ).line)
        #expect(try Self.verify(lines).finding == .forged(sequence: 9, line: 10))
    }

    @Test func aLiveTranscriptWithAnUnsignedLineIsForged() throws {
        var live = try Self.lines(closed: false, signing: .everyLine)
        live[live.count - 1] = Self.stripped(live[live.count - 1])
        #expect(try Self.verify(live).finding == .forged(sequence: 8, line: 9))
        // Claiming checkpoints in the header needs the key: without it the header is forged.
        var claimed = try Self.lines(closed: false, signing: .everyLine).map(Self.stripped)
        claimed[0] = SignatureTests.unsealed(claimed[0]).replacingOccurrences(
            of: #""signer":"([0-9a-f]{64})""#, with: #""signer":"$1","checkpoints":1000"#, options: .regularExpression)
        #expect(try Self.verify(SignatureTests.resealed(claimed, from: 0)).finding == .forged(sequence: 0, line: 1))
    }

    @Test func theEncryptedRunIsVerifiedAlike() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-checkpoints-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let encryption = try TranscriptEncryption(newWithPassphrase: "geheim", cost: SignedEncryptionTests.cost)
        let url = folder.appendingPathComponent("t.jsonl")
        let file = try TranscriptFile(creating: url, encryption: encryption, durability: .atSync)
        var configuration = SessionConfiguration(signer: Self.signer)
        configuration.signing = .checkpoints(every: Self.every)
        let session = try Session(configuration: configuration, transcript: file)
        #expect(session.run(script: SignatureTests.script).errors.isEmpty)
        try file.sync()
        let report = try TranscriptVerifier.verify(contentsOf: url, keyring: TranscriptKeyring { "geheim" })
        #expect(report.finding == .intact && report.closing == nil && report.unsignedTail == 2)
        try session.close()
    }
}

@Suite struct CheckpointRepairTests {
    @Test func repairClosesAnInterruptedRunAndSaysWhatOnlyItVouchesFor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-checkpoint-repair-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("t.jsonl")
        try Data(ChainTests.text(try CheckpointSignatureTests.lines(closed: false))).write(to: url)
        let repairer = TranscriptSigner.ephemeral()
        let result = try TranscriptRepair.repair(url, closingWith: repairer)
        #expect(result.closedAsRecovered == 8 && result.unsignedTail == 2)
        let report = try TranscriptVerifier.verify(contentsOf: url)
        #expect(report.finding == .intact && report.closing?.reason == .recovered && report.unsignedTail == 2)
        #expect(
            report.message(in: .en, trusting: [SignatureTests.signer.publicKey]).contains(
                "; the last 2 lines are not signed by the writer, only by the recovery (a script run signs every 3 lines)"))
    }
}
