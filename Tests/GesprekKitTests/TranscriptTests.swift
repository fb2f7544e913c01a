import Foundation
import Testing
@testable import GesprekKit

@Suite struct TranscriptTests {
    static let script = """
        session case=OKT-1 advisor="Sanne Bakker"
        participant Zoë role=jongere
        ask #v Hoe gaat het op school?
        say Zoë #v Gaat wel. "Saai" eigenlijk \\ echt.
        note #m #kwetsbaarheid Twijfelt aan zichzelf.
        score gezin.m2 1 Weet het niet.
        score motivationeel 2
        network add "Oom Kees" role=oom influence=- support=informatie,gezelschap stays=no distance=yes contact=zelden #familie
        network set "Oom Kees" influence==
        network remove "Oom Kees"
        mark einde-verkenning
        undo
        """
    var script: String { Self.script }

    @Test func everyEventRoundTrips() throws {
        let (session, memory) = try makeSession(
            details: SessionDetails(caseReference: "X", advisor: "A", participants: [Participant(name: "Lisa", role: "moeder")]))
        try session.register(HostCommand(name: "afspraak", usage: "", help: "") { .record(text: $0.text, fields: ["datum": "1 december"]) })
        #expect(session.run(script: script + "\nafspraak morgen\tom 10 uur").errors.isEmpty)
        let transcript = try TranscriptReader.read(text: memory.text)
        #expect(transcript.header == session.header)
        #expect(transcript.events == session.events)
        #expect(transcript.warnings.isEmpty)
        #expect(memory.lines.allSatisfy { !$0.contains("\n") }, "one event, one line")
    }

    /// What a host shows of an event without encoding it again (the C interface): the recorder's last line, as
    /// the transcript has it before its seal, for every kind of event, undo included.
    @Test func theLastEventLineIsTheTranscriptsLineWithoutItsSeal() throws {
        let (session, memory) = try makeSession(details: SessionDetails())
        #expect(session.recorder.lastEventLine == nil)
        for line in script.split(separator: "\n") {
            guard let event = session.execute(String(line)).event else { continue }
            let last = try #require(session.recorder.lastEventLine)
            #expect(last.sequence == event.sequence)
            #expect(last.line == TranscriptEncoder.line(for: event))
            #expect(memory.lines.last!.hasPrefix(String(last.line.dropLast()) + #","hash":""#))
        }
        #expect(session.recorder.lastEventLine?.sequence == session.eventCount)
    }

    /// Under umask 000, in a process of its own: the umask belongs to the
    /// process, and the other tests run in parallel in this one.
    @Test func aFileRoundTripsWithPrivateModes() async {
        await #expect(processExitsWith: .success) {
            umask(0)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-test-\(UUID())/a/b")
            let url = folder.appendingPathComponent("t.jsonl")
            let file = try TranscriptFile(creating: url)
            let session = try Session(configuration: SessionConfiguration(language: .en), transcript: file)
            #expect(session.run(script: TranscriptTests.script).errors.isEmpty)
            try session.close()
            let read = try TranscriptReader.read(contentsOf: url)
            #expect(read.events == session.events)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path)
            #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
            #expect(throws: TranscriptFileError.self) { try TranscriptFile(creating: url) }
        }
    }

    @Test func aCutLastLineIsReadUpToThatLineWithAWarning() throws {
        let (session, memory) = try makeSession()
        session.run(script: script)
        let whole = memory.text
        let cut = String(whole.dropLast(25))
        let transcript = try TranscriptReader.read(text: cut)
        #expect(transcript.events == Array(session.events.dropLast()))
        let lineCount = memory.lines.count
        #expect(transcript.warnings == [.truncatedLastLine(line: lineCount)])
        #expect(
            transcript.warnings[0].message(in: .en)
                == "the last line (\(lineCount)) was cut off, probably by a crash; read up to line \(lineCount - 1)")
    }

    @Test func aBrokenLineInTheMiddleIsAnError() throws {
        let (session, memory) = try makeSession()
        session.run(script: script)
        var lines = memory.lines
        lines[3] = String(lines[3].prefix(10))
        #expect(throws: TranscriptReadError.malformedLine(line: 4, reason: "geen JSON-object")) {
            try TranscriptReader.read(text: lines.map { $0 + "\n" }.joined())
        }
    }

    @Test func unknownVersionsAndNonTranscriptsAreRefused() {
        #expect(throws: TranscriptReadError.unsupportedVersion(4)) {
            try TranscriptReader.read(text: #"{"format":"gesprek-transcript","version":4}"# + "\n")
        }
        #expect(throws: TranscriptReadError.notATranscript) { try TranscriptReader.read(text: "hallo\n") }
        #expect(throws: TranscriptReadError.empty) { try TranscriptReader.read(text: "") }
    }

    @Test func streamingReadsAFileWithoutKeepingEvents() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-stream-\(UUID()).jsonl")
        let file = try TranscriptFile(creating: url)
        let session = try Session(transcript: file)
        for i in 0..<5_000 { session.execute("note #c Regel \(i) met ë en ï") }
        try session.close()
        var count = 0
        let (header, warnings) = try TranscriptReader.stream(contentsOf: url) { event in
            count += 1
            if count == 4_000 { #expect(event.body == .note(text: "Regel 3999 met ë en ï")) }
        }
        #expect(count == 5_000)
        #expect(header.sessionID == session.header.sessionID)
        #expect(warnings.isEmpty)
    }

    @Test func timesCarryMillisecondsAndTheLocalOffset() {
        let text = TimestampFormatter().string(from: Date(timeIntervalSince1970: 1_795_424_467.512))
        #expect(text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.512[+-]\d\d:\d\d/) != nil)
    }
}

@Suite struct HandEditedTranscriptTests {
    @Test func aNameAddedTwiceDoesNotCrashTheSummary() throws {
        let (session, memory) = try makeSession()
        session.run(script: "network add Marco role=vader\nnetwork remove Marco\n")
        // Duplicate every event line, as a careless copy-paste would.
        let text = memory.lines[0] + "\n" + memory.lines.dropFirst().map { $0 + "\n" + $0 }.joined(separator: "\n") + "\n"
        let transcript = try TranscriptReader.read(text: text)
        let summary = Summary(transcript)
        #expect(summary.network.members.isEmpty)
        #expect(summary.recorded == 4)
    }
}
