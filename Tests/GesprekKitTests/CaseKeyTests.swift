import Foundation
import Testing
@testable import GesprekKit

/// A cheap cost for tests: the format is the same, only the KDF is faster.
private let cheap = (n: 1 << 10, r: 8, p: 1)

private func temporaryFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-\(name)-\(UUID().uuidString)")
}

/// A transcript of `caseID` sealed under the case's key in `store`.
private func transcript(
    of caseID: String?, in store: CaseKeyStore, folder: URL, passphrase: String = "correct horse", line: String = "note Lisa kookt."
) throws -> URL {
    let url = folder.appendingPathComponent("\(UUID().uuidString).jsonl")
    let encryption = try store.encryption(forCase: caseID, passphrase: passphrase, cost: cheap)
    let file = try TranscriptFile(creating: url, encryption: encryption)
    let session = try Session(configuration: SessionConfiguration(details: SessionDetails(caseReference: caseID)), transcript: file)
    #expect(!session.execute(line).isRejected)
    try session.close()
    return url
}

private func mode(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int) ?? -1
}

@Suite("Case keys and crypto-shredding")
struct CaseKeyTests {
    @Test func aCaseHasOneKeyNamedInTheEnvelopeAndKeptOnlyInTheStore() throws {
        let store = CaseKeyStore(folder: temporaryFolder("keys"))
        let folder = temporaryFolder("t")
        let first = try transcript(of: "OKT-A", in: store, folder: folder)
        let second = try transcript(of: "OKT-A", in: store, folder: folder)
        let other = try transcript(of: "OKT-B", in: store, folder: folder)
        let keys = try store.keyIDs(forCase: "OKT-A")
        #expect(keys.count == 1)
        #expect(try store.keyIDs(forCase: "OKT-B").count == 1)
        #expect(try store.keyIDs(forCase: "OKT-B") != keys)
        for url in [first, second] {
            let text = try String(contentsOf: url, encoding: .utf8)
            let envelope = try JSONSerialization.jsonObject(with: Data(text.split(separator: "\n")[0].utf8)) as! [String: Any]
            #expect(envelope["version"] as? Int == 3)
            #expect(envelope["key"] as? String == keys[0])
            #expect(!text.contains("OKT-A") && !text.contains("Lisa"))
        }
        // The wrapped key is not in any transcript, and the case id not in the store: a keyed hash names it.
        let keyFile = store.folder.appendingPathComponent("\(keys[0]).key")
        let stored = try String(contentsOf: keyFile, encoding: .utf8)
        let wrapped = (try JSONSerialization.jsonObject(with: Data(stored.utf8)) as! [String: Any])["wrapped"] as! String
        #expect(!(try String(contentsOf: first, encoding: .utf8)).contains(wrapped))
        #expect(!stored.contains("OKT-A"))
        #expect(mode(keyFile) == 0o600)
        #expect(mode(store.folder) == 0o700)
        let ring = TranscriptKeyring(caseKeys: store) { "correct horse" }
        for url in [first, second, other] {
            #expect(try TranscriptReader.read(contentsOf: url, keyring: ring).events.map(\.line) == ["note Lisa kookt."])
        }
    }

    @Test func erasingAKeyMakesEveryCopyErasedOnRequestAndLeavesOtherCasesReadable() throws {
        let store = CaseKeyStore(folder: temporaryFolder("keys"))
        let folder = temporaryFolder("t")
        let a = try transcript(of: "OKT-A", in: store, folder: folder)
        let b = try transcript(of: "OKT-B", in: store, folder: folder)
        let copy = folder.appendingPathComponent("kopie-elders.jsonl")
        try FileManager.default.copyItem(at: a, to: copy)
        for key in try store.keyIDs(forCase: "OKT-A") { #expect(try store.erase(keyID: key, on: "2026-11-30")) }
        #expect(try store.keyIDs(forCase: "OKT-A").isEmpty)
        #expect(try store.erasedKeyIDs(forCase: "OKT-A").count == 1)
        let ring = TranscriptKeyring(caseKeys: store) { "correct horse" }
        for url in [a, copy] {
            #expect(throws: TranscriptReadError.erasedOnRequest(on: "2026-11-30")) {
                try TranscriptReader.read(contentsOf: url, keyring: ring)
            }
            #expect(throws: TranscriptReadError.erasedOnRequest(on: "2026-11-30")) {
                try TranscriptVerifier.verify(contentsOf: url, keyring: ring)
            }
        }
        #expect(try TranscriptVerifier.verify(contentsOf: b, keyring: ring).isIntactAndClosed)
        // Nothing of the key is left on disk, only its tombstone.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.folder.path)
        #expect(names.filter { $0.hasSuffix(".key") }.count == 1)
        #expect(
            TranscriptReadError.erasedOnRequest(on: "2026-11-30").message(in: .nl).hasPrefix("gewist op verzoek (2026-11-30)"))
        // A new session of the erased case gets a new key.
        _ = try transcript(of: "OKT-A", in: store, folder: folder)
        #expect(try store.keyIDs(forCase: "OKT-A").count == 1)
    }

    @Test func aKeyStoreLostIsSaidAsSuchNotAsAWrongPassphrase() throws {
        let store = CaseKeyStore(folder: temporaryFolder("keys"))
        let url = try transcript(of: "OKT-A", in: store, folder: temporaryFolder("t"))
        let elsewhere = TranscriptKeyring(caseKeys: CaseKeyStore(folder: temporaryFolder("empty"))) { "correct horse" }
        #expect(throws: TranscriptReadError.caseKeyMissing) { try TranscriptReader.read(contentsOf: url, keyring: elsewhere) }
        let wrong = TranscriptKeyring(caseKeys: store) { "wrong horse" }
        #expect(throws: TranscriptReadError.wrongPassphrase) { try TranscriptReader.read(contentsOf: url, keyring: wrong) }
    }

    @Test func aCaseKeyUnderAnotherPassphraseIsRefusedNotDoubled() throws {
        let store = CaseKeyStore(folder: temporaryFolder("keys"))
        _ = try transcript(of: "OKT-A", in: store, folder: temporaryFolder("t"))
        #expect(throws: CaseKeyError.wrongPassphrase) {
            try store.encryption(forCase: "OKT-A", passphrase: "another horse", cost: cheap)
        }
        #expect(try store.keyIDs(forCase: "OKT-A").count == 1)
    }

    @Test func transcriptsOfEnvelopeVersion2StillRead() throws {
        let url = temporaryFolder("v2").appendingPathComponent("t.jsonl")
        let encryption = try TranscriptEncryption(newWithPassphrase: "correct horse", cost: cheap)
        let session = try Session(transcript: try TranscriptFile(creating: url, encryption: encryption))
        session.execute("note Oud.")
        try session.close()
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("{\"check\""))
        let ring = TranscriptKeyring(caseKeys: CaseKeyStore(folder: temporaryFolder("keys"))) { "correct horse" }
        #expect(try TranscriptReader.read(contentsOf: url, keyring: ring).events.map(\.line) == ["note Oud."])
    }
}
