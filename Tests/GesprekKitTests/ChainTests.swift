import Foundation
import Testing
@testable import GesprekKit

/// The hash chain: every kind of tampering is found at the right sequence
/// number, a crash's cut tail is told apart, and repair mends only that.
@Suite struct ChainTests {
    static let script = """
        participant Lisa role=moeder
        ask #v Hoe gaat het met je?
        say Lisa Het gaat wel, maar ik slaap slecht.
        note #m #kwetsbaarheid Twijfelt aan zichzelf.
        network add Oma role=grootmoeder influence=+ stays=yes
        score gezin.s1 3 Kent de belangrijke mensen nu.
        mark einde-verkenning
        note #c #kracht Houdt de ochtendroutine vol.
        """

    /// The header, then events seq 1…8, each line as written (without newline).
    static func lines() throws -> [String] {
        let (session, memory) = try makeSession()
        #expect(session.run(script: script).errors.isEmpty)
        return memory.lines
    }

    static func text(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }

    static func verify(_ lines: [String]) throws -> ChainReport { try TranscriptVerifier.verify(text(lines)) }

    /// The hash a line carries, as bytes.
    static func hash(of line: String) -> [UInt8] {
        var line = line
        return line.withUTF8 { TranscriptChain.unseal($0)!.hash }
    }

    /// A line without its hash and signature: the bytes that are hashed.
    static func content(_ line: String) -> String {
        var line = line
        return line.withUTF8 { String(decoding: TranscriptChain.unseal($0)!.content, as: UTF8.self) }
    }

    /// A line made up by hand and sealed after `previous` as gesprek would: a forgery that knows the chain.
    static func forged(_ unsealed: String, after previous: String) -> String {
        TranscriptChain(after: hash(of: previous)).sealing(unsealed).line
    }

    // MARK: - Writing

    @Test func everyLineEndsInTheHashOfThePreviousHashAndItself() throws {
        let lines = try Self.lines()
        var previous: [UInt8]?
        for line in lines {
            #expect(line.hasSuffix("\"}"))
            let range = try #require(line.range(of: #","hash":""#, options: .backwards))
            let unsealed = Array(line[..<range.lowerBound].utf8) + [UInt8(ascii: "}")]
            let expected = unsealed.withUnsafeBytes { TranscriptChain.hash(of: $0, after: previous) }
            // Version 3: the hash, then its signature.
            #expect(String(line[range.upperBound...].prefix(64)) == Hex.string(expected))
            #expect(line[range.upperBound...].dropFirst(64).hasPrefix(#"","sig":""#))
            previous = expected
        }
        let report = try Self.verify(lines)
        #expect(report.finding == .intact && report.events == 8 && report.lastHash == Hex.string(previous!))
        #expect(report.message(in: .nl).hasPrefix("intact: 8 gebeurtenissen, de keten klopt, laatste hash "))
        #expect(try TranscriptReader.read(text: lines.map { $0 + "\n" }.joined()).header.version == 3)
    }

    /// A line the disk refused waits in memory and is written before the next one, sealed as it was made.
    @Test func aLineWrittenLaterKeepsTheChainWhole() throws {
        let sink = FailingOnceTranscript()
        let session = try Session(configuration: SessionConfiguration(language: .en), transcript: sink)
        session.execute("note Eerste.")
        sink.failNext = true
        #expect(!session.execute("note Eerst niet op schijf.").isRejected)
        session.execute("note Derde.")
        #expect(try Self.verify(sink.lines).finding == .intact)
        #expect(sink.lines.count == 4)
    }

    // MARK: - Every kind of tampering

    @Test func aChangedByteOfTextIsFoundAtItsSeq() throws {
        var lines = try Self.lines()
        lines[3] = lines[3].replacingOccurrences(of: "slaap slecht", with: "slaap goed")
        let report = try Self.verify(lines)
        #expect(report.finding == .changed(sequence: 3, line: 4))
        #expect(report.isTampered)
        #expect(report.message(in: .nl) == "NIET INTACT: seq 3 (regel 4) is gewijzigd: hij klopt niet met zijn hash")
        #expect(report.message(in: .en) == "NOT INTACT: seq 3 (line 4) was changed: it does not match its hash")
    }

    @Test func aChangedHashIsAChange() throws {
        var lines = try Self.lines()
        let hash = try #require(lines[5].range(of: #","hash":""#, options: .backwards)).upperBound
        lines[5].replaceSubrange(hash...hash, with: lines[5][hash] == "0" ? "1" : "0")
        #expect(try Self.verify(lines).finding == .changed(sequence: 5, line: 6))
    }

    @Test func aDeletedLineIsFoundAsRemoved() throws {
        var lines = try Self.lines()
        lines.remove(at: 4)
        let report = try Self.verify(lines)
        #expect(report.finding == .removed(sequence: 4, through: 4, line: 5))
        #expect(report.message(in: .nl) == "NIET INTACT: seq 4 verwijderd: ontbreekt vóór regel 5")
        var more = try Self.lines()
        more.removeSubrange(2...4)
        #expect(try Self.verify(more).finding == .removed(sequence: 2, through: 4, line: 3))
        var first = try Self.lines()
        first.remove(at: 1)
        #expect(try Self.verify(first).finding == .removed(sequence: 1, through: 1, line: 2))
    }

    @Test func aForgedLineWithARecomputedHashIsFoundAsInserted() throws {
        var lines = try Self.lines()
        let forgery =
            #"{"seq":4,"elapsed":3.000,"time":"2026-11-23T09:00:03.000+00:00","kind":"note","dimensions":[],"tags":[],"text":"Alles gaat goed.","line":"note Alles gaat goed.","lineNumber":4}"#
        lines.insert(Self.forged(forgery, after: lines[3]), at: 4)
        let report = try Self.verify(lines)
        #expect(report.finding == .inserted(line: 5, after: 3))
        #expect(report.message(in: .nl) == "NIET INTACT: regel 5 is ingevoegd na seq 3: hij hoort niet in de keten")
        #expect(report.message(in: .en) == "NOT INTACT: line 5 was inserted after seq 3: it is not part of the chain")
    }

    @Test func aForgedLineWithAMadeUpHashIsFoundAsInserted() throws {
        var lines = try Self.lines()
        lines.insert(String(Self.content(lines[2]).dropLast()) + #","hash":""# + String(repeating: "ab", count: 32) + "\"}", at: 1)
        #expect(try Self.verify(lines).finding == .inserted(line: 2, after: 0))
        #expect(try Self.verify(lines).message(in: .nl).contains("na de kop"))
        var blank = try Self.lines()
        blank.insert("", at: 6)
        #expect(try Self.verify(blank).finding == .inserted(line: 7, after: 5))
    }

    @Test func swappedLinesAreFoundAsReordered() throws {
        var lines = try Self.lines()
        lines.swapAt(4, 5)
        let report = try Self.verify(lines)
        #expect(report.finding == .reordered(sequence: 4, line: 5))
        #expect(report.message(in: .nl) == "NIET INTACT: volgorde gewijzigd: regel 5 hoort elders (hier hoort seq 4)")
        var far = try Self.lines()
        far.swapAt(2, 7)
        #expect(try Self.verify(far).finding == .reordered(sequence: 2, line: 3))
        var moved = try Self.lines()
        moved.insert(moved.remove(at: 2), at: 6)
        #expect(try Self.verify(moved).finding == .reordered(sequence: 2, line: 3))
    }

    @Test func aChangedHeaderIsFound() throws {
        var lines = try Self.lines()
        lines[0] = lines[0].replacingOccurrences(of: #""language":"en""#, with: #""language":"nl""#)
        let report = try Self.verify(lines)
        #expect(report.finding == .headerChanged)
        #expect(report.message(in: .nl) == "NIET INTACT: de kop (regel 1) is gewijzigd: hij klopt niet met zijn hash")
        var lowered = try Self.lines()
        lowered[0] = lowered[0].replacingOccurrences(of: #""version":3"#, with: #""version":1"#)
        #expect(try Self.verify(lowered).finding == .headerChanged)
    }

    @Test func aRemovalWithEveryLaterHashRecomputedShowsInTheNumbering() throws {
        var lines = try Self.lines()
        lines.remove(at: 3)
        // Re-seal every line from the gap on, as a forger who knows the chain would.
        for i in 3..<lines.count {
            lines[i] = Self.forged(Self.content(lines[i]), after: lines[i - 1])
        }
        #expect(try Self.verify(lines).finding == .removed(sequence: 3, through: 3, line: 4))
    }

    @Test func linesTakenOffTheEndLeaveAChainThatHoldsButEndsElsewhere() throws {
        let lines = try Self.lines()
        let whole = try Self.verify(lines)
        let shorter = try Self.verify(Array(lines.dropLast()))
        #expect(shorter.finding == .intact)
        #expect(shorter.events == 7)
        #expect(shorter.lastHash != whole.lastHash, "only the last hash, noted elsewhere, shows this")
    }

    // MARK: - A crash, not tampering

    @Test func aCutLastLineIsReportedApartFromTheChain() throws {
        let lines = try Self.lines()
        let cut = Array(Self.text(lines).dropLast(30))
        let report = try TranscriptVerifier.verify(cut)
        #expect(report.finding == .intact)
        #expect(!report.isTampered)
        #expect(report.events == 7)
        #expect(report.cutTail == CutTail(line: 9, bytes: lines[8].utf8.count + 1 - 30, onlyLineEndMissing: false))
        #expect(report.cutTail?.message(in: .nl).hasPrefix("afgebroken laatste regel 9 (") == true)
        let newlineOnly = try TranscriptVerifier.verify(Array(Self.text(lines).dropLast()))
        #expect(newlineOnly.events == 8)
        #expect(newlineOnly.cutTail?.onlyLineEndMissing == true)
        let headerOnly = try TranscriptVerifier.verify(Array(Self.text(lines).prefix(20)))
        #expect(headerOnly.events == 0)
        #expect(headerOnly.cutTail?.line == 1)
    }

    @Test func aVersion1TranscriptHasNoChainButIsStillRead() throws {
        let v1 = """
            {"format":"gesprek-transcript","version":1,"session":"s","started":"t","participants":[],"tool":"g","language":"nl"}
            {"seq":1,"elapsed":0.001,"time":"t","kind":"note","dimensions":[],"tags":[],"text":"Oud.","line":"note Oud.","lineNumber":1}

            """
        let report = try TranscriptVerifier.verify(Array(v1.utf8))
        #expect(report.finding == .unchained(version: 1))
        #expect(!report.isTampered)
        #expect(report.message(in: .nl) == "geen keten: formaatversie 1, van vóór de hashketen; niet te controleren")
        #expect(try TranscriptReader.read(text: v1).events.count == 1)
    }

    @Test func whatIsNoTranscriptIsAnError() {
        #expect(throws: TranscriptReadError.empty) { try TranscriptVerifier.verify([]) }
        #expect(throws: TranscriptReadError.notATranscript) { try TranscriptVerifier.verify(Array("hallo\n".utf8)) }
        #expect(throws: TranscriptReadError.notATranscript) { try TranscriptVerifier.verify(Array("hallo".utf8)) }
    }
}

@Suite struct RepairTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-repair-\(UUID())")

    /// A transcript file holding `bytes`.
    func file(_ bytes: [UInt8], name: String = "t.jsonl") throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func contents(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    @Test func aCutLineIsTrimmedAfterABackupIsMade() throws {
        let whole = ChainTests.text(try ChainTests.lines())
        let cut = Array(whole.dropLast(40))
        let url = try file(cut)
        let outcome = try TranscriptRepair.repair(url)
        let backup = folder.appendingPathComponent("t.jsonl.bak")
        let tail = try #require(try TranscriptVerifier.verify(cut).cutTail)
        #expect(outcome == .trimmed(tail, kept: 7, backup: backup))
        #expect(try contents(backup) == cut)
        let attributes = try FileManager.default.attributesOfItem(atPath: backup.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let repaired = try TranscriptVerifier.verify(contentsOf: url)
        #expect(repaired.finding == .intact && repaired.cutTail == nil && repaired.events == 7)
        #expect(try contents(url).count == whole.count - 40 - tail.bytes)
        #expect(try contents(url).last == UInt8(ascii: "\n"))
        #expect(try TranscriptRepair.repair(url) == .nothingToRepair)
    }

    @Test func anExistingBackupIsNeverOverwritten() throws {
        let whole = ChainTests.text(try ChainTests.lines())
        let url = try file(Array(whole.dropLast(10)))
        let older = try file(Array("eerdere reservekopie\n".utf8), name: "t.jsonl.bak")
        guard case let .trimmed(_, _, backup) = try TranscriptRepair.repair(url) else {
            Issue.record("not trimmed")
            return
        }
        #expect(backup.lastPathComponent == "t.jsonl.bak.2")
        #expect(try contents(older) == Array("eerdere reservekopie\n".utf8))
    }

    @Test func aMissingNewlineIsAddedAndNothingRemoved() throws {
        let whole = ChainTests.text(try ChainTests.lines())
        let url = try file(Array(whole.dropLast()))
        guard case let .lineEndAdded(cut, _) = try TranscriptRepair.repair(url) else {
            Issue.record("no line end added")
            return
        }
        #expect(cut.line == 9)
        #expect(try contents(url) == whole)
    }

    @Test func anIntactTranscriptIsLeftAloneWithoutABackup() throws {
        let whole = ChainTests.text(try ChainTests.lines())
        let url = try file(whole)
        #expect(try TranscriptRepair.repair(url) == .nothingToRepair)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".bak"))
        #expect(try contents(url) == whole)
    }

    @Test func somethingElseIsNotTouched() throws {
        let text = Array("hallo, dit is geen transcript".utf8)
        let url = try file(text)
        #expect(throws: TranscriptRepair.RepairError.unreadable(.notATranscript)) { try TranscriptRepair.repair(url) }
        #expect(try contents(url) == text)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".bak"))
    }

    @Test func aTranscriptStillBeingWrittenIsLeftAlone() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("live.jsonl")
        let file = try TranscriptFile(creating: url)
        try file.append(line: #"{"format":"gesprek-transcript","version":2"#)  // as if cut: no closing brace
        #expect(throws: TranscriptRepair.RepairError.inUse) { try TranscriptRepair.repair(url) }
        try file.close()
    }
}

/// A transcript in memory that can be told to fail the next write.
final class FailingOnceTranscript: TranscriptSink {
    var lines: [String] = []
    var failNext = false

    struct Failure: Error {}

    func append(line: String) throws {
        if failNext {
            failNext = false
            throw Failure()
        }
        lines.append(line)
    }

    func close() throws {}
}
