import Foundation
import Testing
@testable import GesprekKit

/// Runs every script in `Scripts/` and compares its transcript with the one
/// in `Transcripts/`, ignoring times and ids. `GESPREK_UPDATE_GOLDEN=1 swift test`
/// writes them anew (then look at the diff before committing).
@Suite struct GoldenTests {
    static let scripts: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Scripts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".gesprek") }.sorted()
    }()

    @Test func thereAreAtLeastThreeSampleConversations() {
        #expect(Self.scripts.count >= 3)
    }

    @Test(arguments: scripts)
    func scriptMatchesItsSampleTranscript(name: String) throws {
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("Scripts/\(name)"), encoding: .utf8)
        // A realistic pace for the samples: a line every 40 seconds.
        let clock = SteppingClock(start: Date(timeIntervalSince1970: 1_795_424_400), step: 40)
        let memory = MemoryTranscript()
        // A fixed session id per script, so that writing the samples anew changes only what changed (and their hashes).
        let number = Self.scripts.firstIndex(of: name)! + 1
        let sessionID = UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 11) + String(number, radix: 16))!
        let session = try Session(
            configuration: SessionConfiguration(
                language: .nl, sessionID: sessionID, clock: { clock.read() }, signer: Self.sampleSigner),
            transcript: memory)
        let result = session.run(script: script)
        #expect(result.errors.isEmpty, "\(result.errors.map { $0.rendered(file: name, language: .en) })")
        try session.close()
        let goldenURL = repositoryRoot.appendingPathComponent("Transcripts/\(name.replacingOccurrences(of: ".gesprek", with: ".jsonl"))")
        if ProcessInfo.processInfo.environment["GESPREK_UPDATE_GOLDEN"] == "1" {
            try memory.text.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        let expected = golden.split(separator: "\n").map { Self.withoutTimesAndIDs(String($0)) }
        let actual = memory.lines.map(Self.withoutTimesAndIDs)
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(a == e) }
    }

    @Test(arguments: scripts)
    func sampleTranscriptsAreSealed(name: String) throws {
        let url = repositoryRoot.appendingPathComponent("Transcripts/\(name.replacingOccurrences(of: ".gesprek", with: ".jsonl"))")
        let report = try TranscriptVerifier.verify(contentsOf: url)
        #expect(report.finding == .intact)
        #expect(report.cutTail == nil)
        #expect(report.isIntactAndClosed, "a sample is signed and ends in its closing record")
    }

    /// The key of the sample transcripts: made from a fixed text, so its private half is public. The
    /// CLI tests trust it (`Transcripts/samples.pub`); it is for fiction only.
    static let sampleSigner = TranscriptSigner.fromSeed(Array("gesprek sample transcripts".utf8))

    @Test func theSamplesKeyIsTheOneInSamplesPub() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Transcripts/samples.pub"), encoding: .utf8)
        #expect(TranscriptPublicKey.parseAll(text) == [Self.sampleSigner.publicKey])
    }

    @Test(arguments: scripts)
    func samplesAreSignedByTheSamplesKey(name: String) throws {
        let url = repositoryRoot.appendingPathComponent("Transcripts/\(name.replacingOccurrences(of: ".gesprek", with: ".jsonl"))")
        #expect(try TranscriptVerifier.verify(contentsOf: url).signer == Self.sampleSigner.publicKey)
    }

    static func withoutTimesAndIDs(_ line: String) -> NSDictionary {
        var object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        // The hash covers the times (with the local offset), so it goes too; sampleTranscriptsAreSealed checks it.
        // So do the file id, the key (new for each session) and what depends on them.
        for key in ["elapsed", "time", "started", "session", "tool", "hash", "sig", "file", "signer", "last"] {
            object.removeValue(forKey: key)
        }
        return object as NSDictionary
    }
}
