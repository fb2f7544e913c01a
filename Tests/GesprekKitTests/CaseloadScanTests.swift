import Foundation
import Testing
@testable import GesprekKit

/// `gesprek summary` of many transcripts scans each for its row's figures
/// (`SummaryRowScanner`) instead of reading events and summarising them.
/// Wherever the scan gives a row, it must be the row of the full reader; the
/// scan may give up (the full reader then reads the file), but never differ.
@Suite struct CaseloadScanTests {
    /// The row the full reader gives, or nil when it refuses the file or warns about it.
    static func fullRow(_ bytes: [UInt8], name: String = "t.jsonl") throws -> SummaryRow? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-scan-\(UUID()).jsonl")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let transcript = try? TranscriptReader.read(contentsOf: file), transcript.warnings.isEmpty else { return nil }
        return SummaryRow(name: name, summary: Summary(transcript))
    }

    static func scannedRow(_ bytes: [UInt8], name: String = "t.jsonl") -> SummaryRow? {
        var scanner = SummaryRowScanner()
        return bytes.withUnsafeBufferPointer { scanner.row(name: name, transcript: $0) }
    }

    /// A transcript made by a session from `script`, with a host command `afspraak` that records fields.
    static func transcript(_ script: String) throws -> [UInt8] {
        let (session, memory) = try makeSession()
        try session.register(
            HostCommand(name: "afspraak", usage: "afspraak DAG", help: "Een afspraak.") { invocation in
                .record(text: invocation.text, fields: ["dag": invocation.words.first ?? "", "let op": "\"quote\" \\ /"])
            })
        let result = session.run(script: script)
        #expect(result.errors.isEmpty, "\(result.errors.first.map { $0.rendered(language: .en) } ?? "")")
        return Array(memory.text.utf8)
    }

    /// Everything a row counts: undo (of an undo too), retractions of network
    /// and session lines, names differing in case, Latin-1 and other names, escapes, host fields.
    static let script = """
        session case=OKT-1 advisor="Sanne Bakker"
        participant "Zoë de Vries" role=moeder
        ask #v Hoe gaat het, "echt"?
        say "Zoë de Vries" #v #kracht Het gaat wel. Pad C:\\thuis
        note #m #kwetsbaarheid Twijfelt.
        note #c #kracht #kwetsbaarheid Beide.
        undo
        undo
        network add Oma role=grootmoeder influence=+ support=praktisch,emotioneel stays=yes #kracht
        network add "Buurvrouw Noël" role=buurvrouw
        network add "ÉMILE" role=oom
        network add "Łukasz" role=vriend
        network add "Tante \\"Fa\\"" role=tante
        network set oma contact=dagelijks
        network remove OMA
        network add Ex role=vader influence=-
        undo
        score gezin.s1 3 Kent de mensen.
        score gezin.s1 4
        score sociaal 2
        score gezin.v1 1
        undo
        mark einde
        session case=OKT-2
        undo
        session case=OKT-3 advisor=Piet
        afspraak maandag om 9 uur
        ask #s #c Wie helpt er?
        note Zomaar.
        """

    static func samples() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: repositoryRoot.appendingPathComponent("Transcripts"),
            includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "jsonl" }.sorted { $0.path < $1.path }
    }

    @Test func everySampleGivesTheFullReadersRow() throws {
        let samples = try Self.samples()
        #expect(samples.count >= 3)
        for sample in samples {
            let bytes = Array(try Data(contentsOf: sample))
            let scanned = Self.scannedRow(bytes, name: sample.lastPathComponent)
            #expect(scanned != nil, "the scan gave up on \(sample.lastPathComponent)")
            #expect(scanned == (try Self.fullRow(bytes, name: sample.lastPathComponent)), "\(sample.lastPathComponent)")
        }
    }

    @Test func aGeneratedConversationGivesTheFullReadersRow() throws {
        let bytes = try Self.transcript(Self.script)
        let full = try #require(try Self.fullRow(bytes))
        // Counted by hand: undone are both notes before the two undos, the Ex line, gezin.v1 and OKT-2;
        // in the network are Buurvrouw Noël, ÉMILE, Łukasz and Tante "Fa" (Oma was removed as OMA).
        #expect(full.retracted == 5)
        #expect(full.networkMembers == 4)
        #expect(full.scores == 2)
        #expect(full.caseReference == "OKT-3")
        #expect(Self.scannedRow(bytes) == full)
    }

    @Test func lineEditsThatTheScanReadsOrLeavesAlone() throws {
        let base = String(decoding: try Self.transcript(Self.script), as: UTF8.self)
        let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hash = ",\"hash\":\"" + String(repeating: "0123456789abcdef", count: 4) + "\"}"
        func added(_ name: String) -> String {
            "{\"seq\":900,\"elapsed\":1.5,\"kind\":\"network.add\",\"dimensions\":[\"sociaal\"],\"tags\":[],\"name\":\"\(name)\"}\n"
        }
        func scored(_ target: String) -> String {
            "{\"seq\":901,\"elapsed\":2,\"kind\":\"score\",\"dimensions\":[],\"tags\":[],\"target\":\"\(target)\",\"value\":1}\n"
        }
        let variants: [(String, String, Bool)] = [
            // A hash chain's field on every line (and the header) is skipped.
            ("hash", lines.map { $0.isEmpty ? $0 : String($0.dropLast()) + hash }.joined(separator: "\n"), true),
            (
                "unknown keys of every type",
                base.replacingOccurrences(of: "\"seq\":", with: "\"x\":[1,-2.5,true,false,null,{\"a\":[]},\"ë\\n\"],\"seq\":"), true
            ),
            ("whitespace", base.replacingOccurrences(of: "\"seq\":", with: "\"seq\": "), false),
            ("seq as 3.0", base.replacingOccurrences(of: "\"seq\":3,", with: "\"seq\":3.0,"), false),
            ("a repeated key", base.replacingOccurrences(of: "\"seq\":3,", with: "\"seq\":3,\"seq\":4,"), false),
            ("an escaped key", base.replacingOccurrences(of: "\"kind\":\"ask\"", with: "\"k\\u0069nd\":\"ask\""), false),
            ("a \\u escape", base.replacingOccurrences(of: "Twijfelt.", with: "Twijfelt\\u002e"), false),
            ("CR LF", base.replacingOccurrences(of: "\n", with: "\r\n"), false),
            ("a blank line", base.replacingOccurrences(of: "}\n{\"seq\":5", with: "}\n\n{\"seq\":5"), false),
            ("cut off", String(base.dropLast(20)), false),
            ("no newline at the end", String(base.dropLast()), false),
            ("an unknown kind", base.replacingOccurrences(of: "\"kind\":\"mark\"", with: "\"kind\":\"marker\""), false),
            ("a score out of range", base.replacingOccurrences(of: "\"value\":4", with: "\"value\":5"), false),
            ("a dimension unknown", base.replacingOccurrences(of: "[\"motivationeel\"]", with: "[\"motivatie\"]"), true),
            ("a dimension escaped", base.replacingOccurrences(of: "[\"motivationeel\"]", with: "[\"motivation\\u0065el\"]"), false),
            ("a tag escaped", base.replacingOccurrences(of: "[\"kracht\"]", with: "[\"kr\\u0061cht\"]"), false),
            (
                "nested deeply",
                base.replacingOccurrences(
                    of: "\"seq\":", with: String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + ",\"seq\":"
                )
                .replacingOccurrences(of: "{[", with: "{\"x\":["), false
            ),
            ("not a transcript", "boodschappen\n", false),
            ("empty", "", false),
            ("a byte order mark", "\u{FEFF}" + base, true),
            // Edited by hand: a name added again in other case is the same person, as in `Network`.
            ("a name added twice", base + added("émile") + added("ŁUKASZ"), true),
            ("a name with a \\u escape", base + added("Ta\\u0144ja"), false),
            ("a name escaped", base + added("Ta\\\"nja\\\""), true),
            // Targets that are equal as Strings but not as bytes (é composed and decomposed), and one beyond 16 bytes.
            ("targets not ASCII", base + scored("café") + scored("cafe\u{301}") + scored("gezin.s1"), true),
            ("a long target", base + scored("een-heel-lang-doel-van-een-score") + scored("gezin.s1"), true),
            (
                "a newer version", base.replacingOccurrences(of: "\"version\":\(TranscriptHeader.currentVersion)", with: "\"version\":99"),
                false
            ),
        ]
        for (what, text, scanned) in variants {
            let bytes = Array(text.utf8)
            let row = Self.scannedRow(bytes)
            #expect((row != nil) == scanned, "\(what): \(row == nil ? "gave up" : "scanned")")
            if let row { #expect(row == (try Self.fullRow(bytes)), "\(what)") }
        }
    }

    /// Thousands of lines with one byte changed: wherever the scan gives a row, the full reader gives the same.
    @Test func mutatedBytesNeverGiveAnotherRow() throws {
        let original = try Self.transcript(Self.script)
        let interesting = Array("\"\\{}[],: 09.e-\nuntfl\r#".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xED, 0xF4, 0xFF]
        var dice = SplitMix(state: 2026)
        var scanned = 0
        for round in 0..<1200 {
            var bytes = original
            let position = dice.below(bytes.count)
            switch round % 3 {
            case 0: bytes[position] = interesting[dice.below(interesting.count)]
            case 1: bytes.remove(at: position)
            default: bytes.insert(interesting[dice.below(interesting.count)], at: position)
            }
            guard let row = Self.scannedRow(bytes) else { continue }
            scanned += 1
            #expect(row == (try Self.fullRow(bytes)), "round \(round): byte \(position)")
        }
        // Changes inside text are read by the scan itself.
        #expect(scanned > 200, "\(scanned)")
    }

    @Test func theReaderHandsOnRowsInOrderAndLeavesTroubleToTheFullReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-caseload-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.transcript(Self.script)
        var paths: [String] = []
        for i in 0..<150 {
            let path = folder.appendingPathComponent(String(format: "t%03d.jsonl", i)).path
            switch i {
            case 7: try Data("boodschappen\n".utf8).write(to: URL(fileURLWithPath: path))
            case 8: try Data().write(to: URL(fileURLWithPath: path))
            case 9: break  // missing
            case 10: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            default: try Data(good.prefix(good.count - (i % 2) * 25)).write(to: URL(fileURLWithPath: path))  // odd ones cut off
            }
            paths.append(path)
        }
        let full = try Self.fullRow(good)
        var seen: [Int] = []
        CaseloadReader.rows(of: paths) { index, row in
            seen.append(index)
            if (7...10).contains(index) || index % 2 == 1 {
                #expect(row == nil, "\(index)")
            } else {
                #expect(row?.name == String(format: "t%03d.jsonl", index))
                var renamed = row
                renamed?.name = "t.jsonl"
                #expect(renamed == full, "\(index)")
            }
        }
        #expect(seen == Array(0..<150))
    }

    @Test func rowsAreNamedAsURLNamesTheFile() {
        for path in ["t.jsonl", "a/b.jsonl", "./x.jsonl", "dir//x.jsonl", "/abs/x y%20z.jsonl", "../ë/Zoë.jsonl", "/t.jsonl"] {
            #expect(CaseloadReader.fileName(path) == URL(fileURLWithPath: path).lastPathComponent, "\(path)")
        }
    }

    /// Every key of the format's table is found by its bytes, and nothing else is.
    @Test func theFormatsKeysAreFoundByTheirBytes() {
        for key in TranscriptFormat.EventKey.allCases {
            #expect(TranscriptFormat.eventKey(PackedName("\(key.name)")) == key, "\(key.name)")
        }
        for key in TranscriptFormat.HeaderKey.allCases {
            #expect(TranscriptFormat.headerKey(PackedName("\(key.name)")) == key, "\(key.name)")
        }
        for other in ["", "Seq", "seq ", "hash", "lineNumbers", "a-name-longer-than-16"] {
            #expect(TranscriptFormat.eventKey(PackedName(other)) == nil, "\(other)")
        }
    }

    /// Network names within Latin-1 are lowercased byte by byte; every such character, as Swift does it.
    @Test func latin1LowercasingAgreesWithSwift() {
        for scalar in (0x20...0xFF).compactMap(Unicode.Scalar.init) {
            var name = "Xa" + String(scalar) + "É"
            let lowered = name.withUTF8 { NetworkNames.latin1Lowercased($0) }
            #expect(lowered == Array(name.lowercased().utf8), "U+\(String(scalar.value, radix: 16))")
        }
    }
}

/// Deterministic pseudo-random numbers, so that a failure can be replayed.
private struct SplitMix {
    var state: UInt64

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
