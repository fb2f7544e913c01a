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
        // After the transcript: its sample reflections are bound to it as it is now.
        try Self.checkSampleReflections(script: name, transcript: goldenURL)
    }

    /// A script's sample reflections: the lines of `Scripts/NAME.annotaties`, as `gesprek annotate` reads them from
    /// stdin, written beside a copy of the sample transcript and compared (without times, ids and hashes) with
    /// `Transcripts/NAME.jsonl.reflecties`, which must be bound to the sample and signed by the samples' key.
    static func checkSampleReflections(script name: String, transcript: URL) throws {
        let annotations = repositoryRoot.appendingPathComponent("Scripts/\(name.replacingOccurrences(of: ".gesprek", with: ".annotaties"))")
        guard let lines = try? String(contentsOf: annotations, encoding: .utf8) else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent(transcript.lastPathComponent)
        try FileManager.default.copyItem(at: transcript, to: copy)
        let clock = SteppingClock(start: Date(timeIntervalSince1970: 1_795_510_800), step: 60)
        let writer = try ReflectionLog.Writer(
            forTranscript: copy, signer: sampleSigner, tool: "gesprek \(GesprekKit.version)", clock: { clock.read() })
        let moments = ReflectionMoments(events: try TranscriptReader.read(contentsOf: copy).events)
        for (index, line) in lines.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !ReflectionLine.isBlankOrComment(String(line)) {
            let draft = try ReflectionLine.parse(String(line), lineNumber: index + 1, moments: moments).draft
            try writer.append(
                moment: draft.moment, marker: draft.marker, kind: draft.kind, dimensions: draft.dimensions, tags: draft.tags,
                text: draft.text)
        }
        try writer.close()
        let golden = ReflectionLog.location(forTranscript: transcript)
        // GESPREK_UPDATE_REFLECTIONS=1 writes only the reflections, for a change to them alone.
        let environment = ProcessInfo.processInfo.environment
        if environment["GESPREK_UPDATE_GOLDEN"] == "1" || environment["GESPREK_UPDATE_REFLECTIONS"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.copyItem(at: writer.url, to: golden)
        }
        func comparable(_ url: URL) throws -> [NSDictionary] {
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
                var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                for key in ["time", "created", "tool", "hash", "sig", "file", "signer", "transcriptFile", "transcriptHash"] {
                    object.removeValue(forKey: key)
                }
                return object as NSDictionary
            }
        }
        #expect(try comparable(writer.url) == comparable(golden))
        let contents = try #require(try ReflectionLog.read(forTranscript: transcript))
        #expect(contents.report.isIntactAndBound, "the sample reflections are bound to the sample transcript as it is")
        #expect(contents.report.signers == [sampleSigner.publicKey])
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
