import Foundation
import Testing
@testable import GesprekKit

/// What a hostile transcript, file or folder cannot do (issue 11): steer a
/// terminal, run a spreadsheet formula, hang or flood a reader, or make repair
/// cut away what another program wrote.
@Suite struct HostileInputTests {
    @Test func hiddenCharactersAreShownEscapedAndTheRestStays() {
        #expect(VisibleText.escaped("a\u{1B}[2J\u{0}b") == #"a\u{1B}[2J\u{0}b"#)
        #expect(VisibleText.escaped("x\u{7F}\u{80}\u{9F}\u{A0}y") == "x\\u{7F}\\u{80}\\u{9F}\u{A0}y")
        #expect(VisibleText.escaped("\u{202A}\u{202E}\u{2066}\u{2069}\u{2067}") == #"\u{202A}\u{202E}\u{2066}\u{2069}\u{2067}"#)
        #expect(VisibleText.escaped("Zoë\tzegt:\nهلا \u{200F}") == "Zoë\tzegt:\nهلا \u{200F}")
        for scalar in (0...0x2100).compactMap(Unicode.Scalar.init) {
            let text = "a" + String(scalar) + "b"
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { VisibleText.firstHidden(in: $0) }
            #expect((found != nil) == VisibleText.isHidden(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    /// A string as the reader decodes it, each way it can stand in a line: plain ASCII,
    /// with other letters, with escapes. DEL may stand raw in JSON, so it is the one
    /// hidden character plain ASCII can hold; C1 and bidi characters stand raw as UTF-8.
    @Test func decodedStringsShowHiddenCharactersEscapedEachWayTheyAreWritten() throws {
        let cases: [(json: String, shown: String)] = [
            ("plain", "plain"), ("a\u{7F}b", #"a\u{7F}b"#), ("Zoë", "Zoë"), ("Zoë\u{7F}", #"Zoë\u{7F}"#),
            ("x\u{9B}2J", #"x\u{9B}2J"#), ("\u{202E}y", #"\u{202E}y"#),
            (#"e\u001b[2J"#, #"e\u{1B}[2J"#), (#"n\u0000"#, #"n\u{0}"#), (#"q\""#, "q\""),
        ]
        for (json, shown) in cases {
            let line = Array(#"{"seq":1,"kind":"note","text":""#.utf8) + Array(json.utf8) + Array(#""}"#.utf8)
            let event = try line.withUnsafeBufferPointer { try TranscriptDecoder.event($0, lineNumber: 2) }
            #expect(event.body == .note(text: shown), "\(json)")
        }
    }

    @Test func aTextCellThatASpreadsheetWouldRunStartsWithAQuote() {
        #expect(CSVText.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVText.field("=cmd|'/c calc'!A1") == "'=cmd|'/c calc'!A1")
        for start in ["+", "-", "@", "\t", "\r"] { #expect(CSVText.field(start + "x").hasPrefix(start == "\r" ? "\"'" : "'")) }
        for number in ["-3", "+2.5", "-0.125", "3", "a=b"] { #expect(CSVText.field(number) == number) }
        #expect(CSVText.field("-") == "'-" && CSVText.field("-3.") == "'-3." && CSVText.field("--3") == "'--3")
    }

    @Test func readersRefuseWhatIsNotARegularFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("f.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let zero = folder.appendingPathComponent("z.jsonl")
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        #expect(throws: TranscriptReadError.notARegularFile(.fifo)) { try TranscriptReader.read(contentsOf: fifo) }
        #expect(throws: TranscriptReadError.notARegularFile(.device)) { try TranscriptReader.read(contentsOf: zero) }
        #expect(throws: TranscriptReadError.notARegularFile(.fifo)) { try TranscriptVerifier.verify(contentsOf: fifo) }
        #expect(throws: TranscriptRepair.RepairError.unreadable(.notARegularFile(.device))) { try TranscriptRepair.repair(zero) }
        var rows: [String] = []
        Caseload(paths: [fifo.path, zero.path]).read { entry in
            if case let .failure(.transcript(error)) = entry.row { rows.append(error.message(in: .en)) } else { rows.append("a row") }
        }
        #expect(
            rows == [
                "this is not a regular file but a FIFO (named pipe); gesprek reads only regular files",
                "this is not a regular file but a device; gesprek reads only regular files",
            ])
    }

    @Test func aLineLongerThanAnyTranscriptsIsAnError() throws {
        let header = ChainTests.text(try ChainTests.lines()).split(separator: UInt8(ascii: "\n"))[0]
        let long = #"{"seq":1,"elapsed":0,"kind":"note","text":""# + String(repeating: "x", count: RegularFile.maximumLineLength) + "\"}"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-long-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for ending in ["\n", ""] {
            let url = folder.appendingPathComponent("t\(ending.count).jsonl")
            try Data(Array(header) + Array(("\n" + long + ending).utf8)).write(to: url)
            #expect(throws: TranscriptReadError.lineTooLong(line: 2)) { try TranscriptReader.read(contentsOf: url) }
        }
    }

    @Test func repairLeavesAFileThatChangedWhileItRanAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-race-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        let cut = Array(ChainTests.text(try ChainTests.lines()).dropLast(40))
        try Data(cut).write(to: url)
        let appended = Array(#"{"extra":1}"#.utf8) + [0x0A]
        #expect(throws: TranscriptRepair.RepairError.changedMeanwhile) {
            try TranscriptRepair.repair(url, closingWith: nil, keyring: nil) {
                let handle = try! FileHandle(forWritingTo: url)
                handle.seekToEndOfFile()
                handle.write(Data(appended))
                try! handle.close()
            }
        }
        #expect(Array(try Data(contentsOf: url)) == cut + appended)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".bak"))
    }

    @Test func noTranscriptIsCreatedInAFolderEveryoneCanChange() throws {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("gesprek-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        chmod(folder.path, 0o777)
        #expect(TranscriptExposure.control(of: folder) == .writableBy(.everyone))
        #expect(throws: TranscriptFileError.folderNotPrivate) { try TranscriptFile(creating: folder.appendingPathComponent("t.jsonl")) }
        chmod(folder.path, 0o1777)
        #expect(TranscriptExposure.control(of: folder) == nil)
        chmod(folder.path, 0o700)
        #expect(TranscriptExposure.control(of: folder) == nil)
        if geteuid() == 0 {
            chown(folder.path, 65534, 65534)
            #expect(TranscriptExposure.control(of: folder) == .ownedBy(uid: 65534))
        }
    }
}
