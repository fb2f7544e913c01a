import Foundation
import Testing
@testable import GesprekKit

/// A cheap cost for tests: the format is the same, only the KDF is faster.
private let testCost = (n: 1 << 10, r: 8, p: 1)

private func encryptedTranscript(_ lines: [String], passphrase: String = "correct horse", salt: [UInt8]? = nil) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-enc-\(UUID().uuidString)")
    let url = folder.appendingPathComponent("t.jsonl")
    let encryption = try TranscriptEncryption(newWithPassphrase: passphrase, salt: salt, cost: testCost)
    let file = try TranscriptFile(creating: url, encryption: encryption)
    let session = try Session(configuration: SessionConfiguration(details: SessionDetails(caseReference: "OKT-9")), transcript: file)
    for line in lines { #expect(!session.execute(line).isRejected) }
    try session.close()
    return url
}

private func keyring(_ passphrase: String, counting asked: Counter? = nil) -> TranscriptKeyring {
    TranscriptKeyring {
        asked?.add()
        return passphrase
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

@Suite("Encryption at rest")
struct EncryptionTests {
    @Test func roundTripsAndHidesTheContent() throws {
        let url = try encryptedTranscript(["ask #v Hoe gaat het met Lisa?", "network add Oma role=grootmoeder"])
        let bytes = try String(contentsOf: url, encoding: .utf8)
        // As the plain text would show them: each with a character base64 never has (a space, `=`, `?`, `-`),
        // so that the random ciphertext cannot hold one by chance (it held "Oma" once).
        for secret in ["met Lisa?", "add Oma ", "role=grootmoeder", "OKT-9", "Hoe gaat het"] { #expect(!bytes.contains(secret)) }
        #expect(bytes.hasPrefix("{\"check\":"))
        let transcript = try TranscriptReader.read(contentsOf: url, keyring: keyring("correct horse"))
        #expect(transcript.header.details.caseReference == "OKT-9")
        #expect(transcript.events.map(\.line) == ["ask #v Hoe gaat het met Lisa?", "network add Oma role=grootmoeder"])
        #expect(transcript.warnings == [])
    }

    @Test func withoutAPassphraseItSaysItIsEncrypted() throws {
        let url = try encryptedTranscript(["note Een notitie."])
        #expect(throws: TranscriptReadError.encrypted) { try TranscriptReader.read(contentsOf: url) }
    }

    @Test func aWrongPassphraseIsToldApartFromDamage() throws {
        let url = try encryptedTranscript(["note Een notitie."])
        #expect(throws: TranscriptReadError.wrongPassphrase) {
            try TranscriptReader.read(contentsOf: url, keyring: keyring("wrong horse"))
        }
        #expect(TranscriptReadError.wrongPassphrase.message(in: .nl) == "het wachtwoord past niet bij dit versleutelde transcript")
    }

    @Test func aChangedLineIsDamageWithItsLineNumber() throws {
        let url = try encryptedTranscript(["note Een.", "note Twee.", "note Drie."])
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var bytes = Array(lines[3].utf8)
        bytes[20] = bytes[20] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        lines[3] = String(decoding: bytes, as: UTF8.self)
        try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
        #expect(throws: TranscriptReadError.damagedRecord(line: 4)) {
            try TranscriptReader.read(contentsOf: url, keyring: keyring("correct horse"))
        }
    }

    @Test func swappedLinesDoNotOpen() throws {
        let url = try encryptedTranscript(["note Een.", "note Twee."])
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines.swapAt(2, 3)
        try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
        #expect(throws: TranscriptReadError.damagedRecord(line: 3)) {
            try TranscriptReader.read(contentsOf: url, keyring: keyring("correct horse"))
        }
    }

    @Test func aCutLastLineIsACrashNotDamage() throws {
        let url = try encryptedTranscript(["note Een.", "note Twee."])
        var data = try Data(contentsOf: url)
        // A crash in the middle of writing the last line (before the closing record, which is cut off whole).
        let lines = data.split(separator: UInt8(ascii: "\n"))
        data = Data(lines.dropLast().map { $0 + [UInt8(ascii: "\n")] }.joined())
        data.removeLast(30)
        try data.write(to: url)
        let transcript = try TranscriptReader.read(contentsOf: url, keyring: keyring("correct horse"))
        #expect(transcript.events.map(\.line) == ["note Een."])
        #expect(transcript.warnings == [.truncatedLastLine(line: 4)])
    }

    @Test func oneDerivationForManyTranscriptsWithTheSameSalt() throws {
        let salt = [UInt8](repeating: 7, count: 16)
        let first = try encryptedTranscript(["note Een."], salt: salt)
        let second = try encryptedTranscript(["note Twee."], salt: salt)
        let asked = Counter()
        let ring = keyring("correct horse", counting: asked)
        _ = try TranscriptReader.read(contentsOf: first, keyring: ring)
        _ = try TranscriptReader.read(contentsOf: second, keyring: ring)
        #expect(asked.value == 1)
    }

    @Test func plainTranscriptsReadAsBeforeWithAKeyring() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-plain-\(UUID().uuidString).jsonl")
        let session = try Session(transcript: try TranscriptFile(creating: url))
        session.execute("note Gewoon.")
        try session.close()
        let asked = Counter()
        let transcript = try TranscriptReader.read(contentsOf: url, keyring: keyring("x", counting: asked))
        #expect(transcript.events.count == 1)
        #expect(asked.value == 0)
    }
}

@Suite("Encryption and a failing disk")
struct EncryptedSaveTests {
    @Test func aTranscriptSavedElsewhereStaysEncrypted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-enc-save-\(UUID().uuidString)")
        let encryption = try TranscriptEncryption(newWithPassphrase: "correct horse", cost: (n: 1 << 10, r: 8, p: 1))
        let session = try Session(
            transcript: try TranscriptFile(creating: folder.appendingPathComponent("a.jsonl"), encryption: encryption))
        session.execute("note Lisa kookt.")
        let copy = folder.appendingPathComponent("b.jsonl")
        try session.save(to: copy)
        session.execute("note Daarna.")
        try session.close()
        #expect(!(try String(contentsOf: copy, encoding: .utf8)).contains("Lisa kookt"))
        let read = try TranscriptReader.read(contentsOf: copy, keyring: TranscriptKeyring { "correct horse" })
        #expect(read.events.map(\.line) == ["note Lisa kookt.", "note Daarna."])
    }
}
