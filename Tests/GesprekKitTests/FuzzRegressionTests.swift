import Foundation
import Testing
@testable import GesprekKit

/// Inputs the fuzz targets (Fuzz/) found to break a property, byte for byte
/// (Fixtures/Fuzz), each with the property it broke.
@Suite struct FuzzRegressionTests {
    func fixture(_ name: String) throws -> String {
        let url = repositoryRoot.appendingPathComponent("Tests/GesprekKitTests/Fixtures/Fuzz/\(name)")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Two free tags one edit from a typo: which one was suggested depended on
    /// the order of a Set, which differs between two sessions.
    @Test func checkReportsWhatARunReportsWhenTwoFreeTagsAreEquallyClose() throws {
        let script = try fixture("language-tie-between-free-tags")
        for _ in 0..<20 {
            let (session, _) = try makeSession()
            let run = session.run(script: script, stopAtFirstError: false)
            #expect(Session.check(script: script, configuration: SessionConfiguration(language: .en)) == run.diagnostics)
        }
    }

    @Test func ofTwoEquallyCloseFreeTagsTheSameIsSuggestedEveryTime() throws {
        var suggestions: Set<String> = []
        for _ in 0..<20 {
            let (session, _) = try makeSession()
            for tag in ["schoolx", "schooly", "schoolz", "schoolw"] { session.execute("note #\(tag) Iets.") }
            let warning = try #require(session.execute("note #schoolq Nog iets.").diagnostics.first)
            suggestions.insert(warning.message(in: .en))
        }
        #expect(suggestions == ["#schoolq is a free tag; did you mean #schoolw?"])
    }
}

/// Numbers in a transcript that no session writes, found by thinking about
/// what the transcript fuzz target would feed the readers.
@Suite struct TranscriptNumberTests {
    func decode(_ line: String) throws -> Event {
        var line = line
        return try line.withUTF8 { try TranscriptDecoder.event($0, lineNumber: 2) }
    }

    func note(elapsed: String) -> String {
        #"{"seq":1,"elapsed":\#(elapsed),"time":"","kind":"note","dimensions":[],"tags":[],"text":"a","line":"note a","lineNumber":1}"#
    }

    @Test(arguments: ["1e300", "-5", "-0.001", "1e10"])
    func anElapsedNoSessionHasIsRefused(elapsed: String) {
        #expect(throws: TranscriptReadError.malformedLine(line: 2, reason: "elapsed buiten bereik")) { try decode(note(elapsed: elapsed)) }
    }

    @Test(arguments: ["0", "0.001", "86400", "999999999"])
    func anElapsedInRangeIsRead(elapsed: String) throws {
        #expect(try decode(note(elapsed: elapsed)).elapsed == Double(elapsed))
    }

    @Test func aClockShowsAnyNumberWithoutCrashing() {
        #expect(EventText.clock(125) == "2:05")
        #expect(EventText.clock(-3) == "0:00")
        #expect(EventText.clock(.nan) == "0:00")
        #expect(EventText.clock(.infinity) == "0:00")
        #expect(!EventText.clock(1e300).isEmpty)
    }
}
