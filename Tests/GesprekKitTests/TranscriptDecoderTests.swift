// Only what is needed from Foundation: its `Dimension` (units) would hide gesprek's.
import struct Foundation.Data
import class Foundation.FileManager
import struct Foundation.UUID
import Testing
@testable import GesprekKit

/// The transcript decoder on its own: every event kind written by
/// `TranscriptEncoder` comes back the same, escapes and numbers are read as
/// JSON means them, and anything that is not one JSON object is refused.
@Suite struct TranscriptDecoderTests {
    // MARK: - Helpers

    /// Decodes one event line as the reader would, at line `number`.
    func decode(_ line: String, number: Int = 7) throws -> Event {
        var line = line
        return try line.withUTF8 { try TranscriptDecoder.event($0, lineNumber: number) }
    }

    /// Decodes raw bytes, for lines that are not valid UTF-8.
    func decode(bytes: [UInt8], number: Int = 7) throws -> Event {
        try bytes.withUnsafeBufferPointer { try TranscriptDecoder.event($0, lineNumber: number) }
    }

    func header(_ line: String) throws -> TranscriptHeader {
        var line = line
        return try line.withUTF8 { try TranscriptDecoder.header($0) }
    }

    /// An event line with the fields every event has and `rest` spliced in after `tags`.
    func line(kind: String, _ rest: String, seq: String = "5", elapsed: String = "12.804") -> String {
        #"{"seq":\#(seq),"elapsed":\#(elapsed),"time":"2026-11-23T10:41:07.512+01:00","kind":"\#(kind)","dimensions":["sociaal"],"tags":[],"#
            + rest
            + #","line":"x","lineNumber":3}"#
    }

    func event(
        _ body: Event.Body, dimensions: [Dimension] = [.sociaal, .motivationeel], tags: [String] = ["kracht"],
        line: String = "het getypte", sequence: Int = 42, elapsed: Double = 12.804
    ) -> Event {
        Event(
            sequence: sequence, elapsed: elapsed, time: "2026-11-23T10:41:07.512+01:00", dimensions: dimensions, tags: tags,
            body: body, line: line, lineNumber: 17)
    }

    func roundTrip(_ event: Event) throws -> Event {
        try decode(TranscriptEncoder.line(for: event))
    }

    let notAnObject = TranscriptReadError.malformedLine(line: 7, reason: "geen JSON-object")

    // MARK: - Round trips

    @Test(arguments: [
        Event.Body.ask(text: "Hoe gaat het met je?"),
        .note(text: "Twijfelt aan zichzelf."),
        .say(speaker: "Zoë van Dijk", text: "Het gaat wel."),
        .score(target: "gezin.s1", value: 3, text: "Kent de belangrijke mensen nu."),
        .score(target: "motivationeel", value: 0, text: nil),
        .networkAdd(
            name: "Oom Kees",
            attributes: NetworkAttributes(
                role: "oom", influence: .negative, support: [.informatie, .gezelschap], stays: false, distance: true, contact: .zelden)),
        .networkAdd(name: "Buurvrouw", attributes: NetworkAttributes()),
        .networkSet(name: "Oom Kees", changes: NetworkAttributes(influence: .neutral, support: [])),
        .networkSet(name: "Oma", changes: NetworkAttributes(stays: true, contact: .dagelijks)),
        .networkRemove(name: "Oom Kees"),
        .mark(label: "einde-verkenning"),
        .undo(retracts: 41),
        .session(caseReference: "OKT-2026-0412", advisor: "Sanne Bakker"),
        .session(caseReference: nil, advisor: nil),
        .participant(Participant(name: "Lisa", role: "moeder")),
        .participant(Participant(name: "Noor", role: nil)),
        .host(command: "afspraak", text: "morgen\tom 10 uur", fields: ["datum": "1 december", "wie \"zelf\"": "ë\\n"]),
        .host(command: "leeg", text: "", fields: [:]),
    ])
    func everyKindRoundTrips(body: Event.Body) throws {
        let original = event(body)
        #expect(try roundTrip(original) == original)
    }

    @Test func eventsWithoutDimensionsOrTagsAndWithSeveralRoundTrip() throws {
        for (dimensions, tags) in [
            ([Dimension](), [String]()), (Dimension.allCases, ["kracht", "kwetsbaarheid", "eigen-tag"]),
            ([.sociaal, .sociaal], ["a", "a"]), ([.vertrekpunt], ["kwetsbaarheid"]), ([.competentioneel], ["ëigen"]),
            ([], ["eigen-tag"]), ([], ["\"x\""]), ([], ["kracht", "b"]),
        ] {
            let original = event(.note(text: "n"), dimensions: dimensions, tags: tags)
            #expect(try roundTrip(original) == original)
        }
    }

    @Test func headersRoundTrip() throws {
        for details in [
            SessionDetails(),
            SessionDetails(
                caseReference: "OKT-1", advisor: "Sanne \"S\" Bakker",
                participants: [Participant(name: "Lisa", role: "moeder"), Participant(name: "Zoë")]),
        ] {
            let original = TranscriptHeader(
                sessionID: "e51d0add-19dd-49fa-a011-69ad3f1ca435", started: "2026-11-23T10:46:10.872+01:00",
                details: details, tool: "gesprek 0.1.0", language: .en)
            #expect(try header(TranscriptEncoder.line(for: original)) == original)
        }
    }

    // MARK: - Strings and escapes

    @Test func quotesBackslashesAndControlCharactersRoundTrip() throws {
        let text = "Zei: \"nee\" \\ echt\n\r\t\u{01}\u{1F}\u{7F} einde"
        let original = event(.note(text: text), line: "note " + text)
        let encoded = TranscriptEncoder.line(for: original)
        #expect(encoded.contains(#"\"nee\" \\ echt\n\r\t\u0001\u001f"#))
        // Read back, what could steer a terminal is shown escaped (VisibleText); newline and tab stay.
        let shown = "Zei: \"nee\" \\ echt\n\\u{D}\t\\u{1}\\u{1F}\\u{7F} einde"
        #expect(try roundTrip(original) == event(.note(text: shown), line: "note " + shown))
    }

    @Test func escapesMeanWhatJSONSays() throws {
        let cases: [(String, String)] = [
            (#"caf\u00e9"#, "café"),
            ("café", "café"),
            (#"caf\u00E9"#, "café"),
            (#"\ud83d\ude00"#, "😀"),
            ("😀", "😀"),
            (#"a\/b"#, "a/b"),
            // Control characters and bidirectional overrides are read shown escaped (see VisibleText).
            (#"\b\f"#, #"\u{8}\u{C}"#),
            (#"\u0000"#, #"\u{0}"#),
            (#"a\u001b[2Jb"#, #"a\u{1B}[2Jb"#),
            ("a\u{202E}b\u{2069}", #"a\u{202E}b\u{2069}"#),
            ("a\u{9B}b\u{7F}", #"a\u{9B}b\u{7F}"#),
            (#"ë ï é \"x\""#, "ë ï é \"x\""),
        ]
        for (escaped, meant) in cases {
            #expect(try decode(line(kind: "note", #""text":"\#(escaped)""#)).body == .note(text: meant), "\(escaped)")
        }
    }

    @Test func aLongTextWithAndWithoutEscapesIsReadWhole() throws {
        // Longer than a machine word many times over, so the fast scan and its tail both run.
        for text in [String(repeating: "abcdefgh", count: 40) + "xyz", String(repeating: "ab\"cd\\e", count: 30) + "ë"] {
            #expect(try roundTrip(event(.ask(text: text))).body == .ask(text: text))
        }
    }

    @Test func brokenStringsAreRefused() {
        for bad in [#"\x"#, #"\u12"#, #"\u12G4"#, #"\ud83d"#, #"\ude00"#, #"\ud83dx"#, #"\ud83d\u0041"#, "tab\there", "\\"] {
            #expect(throws: notAnObject, "\(bad)") { try decode(line(kind: "note", #""text":"\#(bad)""#)) }
        }
    }

    @Test func invalidUTF8IsRefusedEvenInAKeyNobodyReads() throws {
        let valid = Array(line(kind: "note", #""text":"ok""#).utf8)
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let inText = Array(#"{"seq":1,"kind":"note","text":"a"#.utf8) + bytes + Array(#""}"#.utf8)
            let inUnknownKey = Array(valid.dropLast()) + Array(#","extra":"a"#.utf8) + bytes + Array(#""}"#.utf8)
            #expect(throws: notAnObject, "\(bytes)") { try decode(bytes: inText) }
            #expect(throws: notAnObject, "\(bytes)") { try decode(bytes: inUnknownKey) }
        }
        // Well-formed multi-byte characters of every length pass.
        let fine = Array(#"{"seq":1,"kind":"note","text":"é€😀"}"#.utf8)
        #expect(try decode(bytes: fine).body == .note(text: "é€😀"))
    }

    // MARK: - Numbers

    @Test func numbersAreReadExactly() throws {
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "12.804")).elapsed == 12.804)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "0")).elapsed == 0)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "0.000")).elapsed == 0)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "40")).elapsed == 40)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "1e2")).elapsed == 100)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "2.5E-1")).elapsed == 0.25)
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "86399.999")).elapsed == 86399.999)
        // More digits than a Double holds exactly: rounded as Double("…") rounds it.
        #expect(try decode(line(kind: "note", #""text":"t""#, elapsed: "0.1000000000000000055511151231257827")).elapsed == 0.1)
        #expect(
            try decode(line(kind: "note", #""text":"t""#, elapsed: "123456789.012345678901234567890")).elapsed
                == 123456789.012345678901234567890)
        #expect(try decode(line(kind: "note", #""text":"t""#, seq: "9007199254740993")).sequence == 9_007_199_254_740_993)
        #expect(try decode(line(kind: "note", #""text":"t""#, seq: "9223372036854775807")).sequence == Int.max)
        #expect(try decode(line(kind: "undo", #""retracts":-3"#)).body == .undo(retracts: -3))
        // A whole number written with a fraction still counts as one, as before.
        #expect(try decode(line(kind: "note", #""text":"t""#, seq: "3.0")).sequence == 3)
    }

    @Test func numbersThatAreNotWholeOrNotNumbersAreMissing() {
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "seq ontbreekt")) {
            try decode(line(kind: "note", #""text":"t""#, seq: "2.5"))
        }
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "seq ontbreekt")) {
            try decode(line(kind: "note", #""text":"t""#, seq: "9223372036854775808"))
        }
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "seq ontbreekt")) {
            try decode(line(kind: "note", #""text":"t""#, seq: #""5""#))
        }
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "value buiten 0–4")) {
            try decode(line(kind: "score", #""target":"gezin.s1","value":5"#))
        }
    }

    @Test func badNumbersAreRefused() {
        for bad in ["01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "1e400", "--1", "1.2.3"] {
            #expect(throws: notAnObject, "\(bad)") { try decode(line(kind: "note", #""text":"t""#, seq: bad)) }
        }
    }

    // MARK: - Keys

    @Test func unknownKeysOfEveryKindAreIgnored() throws {
        let plain = try decode(line(kind: "say", #""speaker":"Lisa","text":"Ja.""#))
        let extra = try decode(
            line(
                kind: "say",
                #""later":{"a":[1,2.5,{"b":null}],"c":"\u00e9\"","d":[]},"speaker":"Lisa","#
                    + #""flag":true,"off":false,"nothing":null,"n":-1.5e3,"list":["x",["y"]],"text":"Ja.","ëxtra":"ü""#))
        #expect(extra == plain)
    }

    @Test func whitespaceBetweenTokensIsAllowed() throws {
        let spaced =
            " { \"seq\" : 5 ,\t\"kind\" :\"ask\" , \"text\" : \"Hoe?\" , \"dimensions\" : [ \"sociaal\" , \"vertrekpunt\" ] , "
            + "\"tags\" : [ ] } \r"
        let event = try decode(spaced)
        #expect(event.sequence == 5 && event.body == .ask(text: "Hoe?") && event.dimensions == [.sociaal, .vertrekpunt])
    }

    @Test func anEscapedKeyIsTheKeyItSpells() throws {
        #expect(try decode(#"{"s\u0065q":8,"kind":"mark","\u006cabel":"m"}"#).body == .mark(label: "m"))
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        let event = try decode(#"{"seq":1,"seq":2,"kind":"note","text":"eerst","text":"laatst"}"#)
        #expect(event.sequence == 2 && event.body == .note(text: "laatst"))
    }

    @Test func valuesOfTheWrongTypeCountAsMissing() throws {
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "text ontbreekt")) {
            try decode(line(kind: "note", #""text":5"#))
        }
        #expect(throws: TranscriptReadError.malformedLine(line: 7, reason: "onbekende kind")) {
            try decode(line(kind: "praat", #""text":"t""#))
        }
        let mixed = try decode(#"{"seq":1,"kind":"note","text":"t","dimensions":["sociaal",5],"tags":"kracht"}"#)
        #expect(mixed.dimensions.isEmpty && mixed.tags.isEmpty)
        let unknownDimension = try decode(#"{"seq":1,"kind":"note","text":"t","dimensions":["sociaal","onbekend","motivationeel"]}"#)
        #expect(unknownDimension.dimensions == [.sociaal, .motivationeel])
        let host = try decode(#"{"seq":1,"kind":"host","command":"c","fields":{"a":"b","n":1}}"#)
        #expect(host.body == .host(command: "c", text: "", fields: [:]))
        let network = try decode(
            #"{"seq":1,"kind":"network.add","name":"Oma","influence":"?","support":"praktisch","stays":1,"distance":0}"#)
        #expect(network.body == .networkAdd(name: "Oma", attributes: NetworkAttributes(stays: true, distance: false)))
    }

    // MARK: - Malformed lines

    @Test func linesThatAreNotOneJSONObjectAreRefused() throws {
        let good = line(kind: "note", #""text":"t""#)
        #expect(throws: Never.self) { try decode(good) }
        let bad = [
            String(good.dropLast(20)),  // truncated
            String(good.dropLast()),  // no closing brace
            good + "x",  // trailing garbage
            good + "{}",  // two objects
            good.replacingOccurrences(of: #""text":"t""#, with: #""text":"t\q""#),  // bad escape
            good.replacingOccurrences(of: #""tags":[]"#, with: #""tags":[],"#),  // trailing comma
            good.replacingOccurrences(of: #""tags":[]"#, with: #""tags":[,]"#),
            good.replacingOccurrences(of: #""tags":[]"#, with: #""tags":["a",]"#),
            good.replacingOccurrences(of: #""seq":5"#, with: #""seq"5"#),  // no colon
            good.replacingOccurrences(of: #""seq":5"#, with: #"seq:5"#),  // bare key
            good.replacingOccurrences(of: #""seq":5"#, with: #"'seq':5"#),
            good.replacingOccurrences(of: #""tags":[]"#, with: #""tags":[] // c"#),
            good.replacingOccurrences(of: #""tags":[]"#, with: #""tags":tru"#),
            good + ",",
            #"[1,2]"#, #""een tekst""#, "42", "null", "true", "{", "}", "", "   ",
            "{\"seq\":1,\"kind\":\"note\",\"text\":\"" + String(repeating: "[", count: 10) + "\"}x",
            "{\"seq\":1,\"kind\":\"note\",\"x\":" + String(repeating: "[", count: 100_000) + "}",
        ]
        for line in bad {
            #expect(throws: notAnObject, "\(line.prefix(80))") { try decode(line) }
        }
    }

    @Test func deepButReasonableNestingInAnUnknownKeyIsFine() throws {
        let nested = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try decode(#"{"seq":1,"kind":"mark","label":"m","x":\#(nested)}"#).body == .mark(label: "m"))
    }

    @Test func aMalformedLineNamesItsLineNumberInAFile() throws {
        let (session, memory) = try makeSession()
        #expect(session.run(script: "ask #v Hoe gaat het?\nnote #c Goed.\nmark m").errors.isEmpty)
        var lines = memory.lines
        lines[2] = lines[2].replacingOccurrences(of: "Goed.", with: #"Goed.\x"#)
        #expect(throws: TranscriptReadError.malformedLine(line: 3, reason: "geen JSON-object")) {
            try TranscriptReader.read(text: lines.map { $0 + "\n" }.joined())
        }
        // Cut in the middle of an escape or of a multi-byte character, the last line is a warning, not an error.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-cut-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        for cut: [UInt8] in [Array(#""text":"Goed.\"#.utf8), Array(#""text":"Goed.\u00"#.utf8), Array(#""text":"Goed. "#.utf8) + [0xC3]] {
            let text = memory.lines.dropLast().map { $0 + "\n" }.joined() + memory.lines.last!.prefix(60)
            try Data(Array(text.utf8) + cut).write(to: url)
            let transcript = try TranscriptReader.read(contentsOf: url)
            #expect(transcript.warnings == [.truncatedLastLine(line: memory.lines.count)])
            #expect(transcript.events == Array(session.events.dropLast()))
        }
    }

    @Test func aLineLongerThanTheReadBufferIsReadWhole() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-long-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try TranscriptFile(creating: url)
        let session = try Session(transcript: file)
        // Longer than a line may be typed (Problem.longestLine), so written as an event directly.
        let long = String(repeating: "Een lange notitie met ë en \"aanhalingstekens\". ", count: 4_000)
        session.execute("note #c kort")
        let event = Event(
            sequence: 2, elapsed: 1, time: "", dimensions: [.competentioneel], tags: [], body: .note(text: long),
            line: "note #c " + long, lineNumber: 2)
        try file.append(line: TranscriptEncoder.line(for: event))
        try file.append(
            line: TranscriptEncoder.line(
                for: Event(
                    sequence: 3, elapsed: 2, time: "", dimensions: [.motivationeel],
                    tags: [], body: .note(text: "ook kort"), line: "note #m ook kort",
                    lineNumber: 3)))
        try session.close()
        let transcript = try TranscriptReader.read(contentsOf: url)
        #expect(transcript.events.count == 3)
        #expect(transcript.events[0] == session.events[0])
        #expect(transcript.events[1] == event)
        #expect(transcript.events[1].line.utf8.count > 2 * LineSplitter.chunkSize)
    }

    // MARK: - Headers

    @Test func headersAreCheckedAndABOMIsAllowed() throws {
        let line =
            #"{"format":"gesprek-transcript","version":1,"session":"s","started":"t","participants":[{"name":"Lisa","role":"moeder"},{"role":"x"}],"tool":"g","language":"en"}"#
        let read = try header("\u{FEFF}" + line)
        #expect(read.details.participants == [Participant(name: "Lisa", role: "moeder")])
        #expect(read.language == .en)
        #expect(try header(line.replacingOccurrences(of: #"{"role":"x"}"#, with: "5")).details.participants.isEmpty)
        #expect(throws: TranscriptReadError.unsupportedVersion(4)) {
            try header(line.replacingOccurrences(of: #""version":1"#, with: #""version":4"#))
        }
        #expect(throws: TranscriptReadError.notATranscript) { try header(String(line.dropLast())) }
        #expect(throws: TranscriptReadError.notATranscript) {
            try header(line.replacingOccurrences(of: "gesprek-transcript", with: "iets-anders"))
        }
    }
}
