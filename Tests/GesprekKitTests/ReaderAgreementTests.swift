import Foundation
import Testing
@testable import GesprekKit

/// The two readers of the transcript format must agree: whenever the
/// caseload's fast scanner gives a row, the full reader accepts the file and
/// gives the same row; whenever the full reader refuses a file, the scanner
/// gives none (and the caller then reports the full reader's error).
///
/// Both take their keys, requirements and ranges from ``TranscriptFormat``;
/// these tests change values and keys the way a hand edit or a damaged disk
/// would, aiming at the table's edges.
@Suite struct ReaderAgreementTests {
    /// The property itself, for one file's bytes; a description of the disagreement, or nil.
    static func disagreement(_ bytes: [UInt8]) throws -> String? {
        let scanned = CaseloadScanTests.scannedRow(bytes)
        let full = try fullRow(bytes)
        if let scanned, scanned != full { return full == nil ? "scanned a row the full reader refuses" : "rows differ" }
        return nil
    }

    /// The full reader's row, or nil when it refuses the file or warns. Text is
    /// read from memory (the transcript fuzz target holds that equal to reading
    /// the file); other bytes through a file.
    static func fullRow(_ bytes: [UInt8]) throws -> SummaryRow? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return try CaseloadScanTests.fullRow(bytes) }
        guard let transcript = try? TranscriptReader.read(text: text), transcript.warnings.isEmpty else { return nil }
        return SummaryRow(name: "t.jsonl", summary: Summary(transcript))
    }

    /// Each event line of the generated conversation and the samples, alone
    /// under its transcript's header: small files, so that thousands of edits stay quick.
    static func singleLineFiles(of transcripts: [[UInt8]]) -> [(header: String, line: String)] {
        var files: [(String, String)] = []
        for transcript in transcripts {
            let lines = String(decoding: transcript, as: UTF8.self).split(separator: "\n").map(String.init)
            for line in lines.dropFirst() { files.append((lines[0], line)) }
        }
        return files
    }

    /// Lines of a generated conversation with every kind, and the samples.
    static func transcripts() throws -> [[UInt8]] {
        var all = [try CaseloadScanTests.transcript(CaseloadScanTests.script)]
        for sample in try CaseloadScanTests.samples() { all.append(Array(try Data(contentsOf: sample))) }
        return all
    }

    /// Numbers at the edges of the format's ranges and of what the scanner reads itself.
    static let edgeNumbers = [
        "-40.000", "-0.001", "-1", "-0", "0", "0.000", "4", "5", "1000000000.000", "1000000000.001", "999999999.999",
        "20000000000.000", "999999999999999999", "9999999999999999999", "1e2", "3.0", "01", "0.0000000000000001",
    ]

    @Test func everyNumberAtTheEdgesOfTheRanges() throws {
        var files = 0, refused = 0
        // Each number that follows a key: `"key":123` or `"key":1.500`.
        let numbers = try Regex(#""[a-zA-Z]+":(-?[0-9][0-9.]*)"#)
        for (header, line) in Self.singleLineFiles(of: try Self.transcripts()) {
            for match in line.matches(of: numbers) {
                guard let range = match.output[1].range else { continue }
                for number in Self.edgeNumbers {
                    var edited = line
                    edited.replaceSubrange(range, with: number)
                    let bytes = Array("\(header)\n\(edited)\n".utf8)
                    files += 1
                    if try Self.fullRow(bytes) == nil { refused += 1 }
                    let problem = try Self.disagreement(bytes)
                    #expect(problem == nil, "\(problem ?? ""): \(line[range]) → \(number)")
                }
            }
        }
        // The edits reach both sides of the ranges.
        #expect(files > 1000 && refused > 100, "\(files) files, \(refused) refused")
    }

    /// The elapsed that a folder summary once counted while `summary FILE` refused it.
    @Test func anElapsedOutsideTheRangeIsRefusedByBoth() throws {
        let original = String(decoding: try CaseloadScanTests.transcript("ask #v Hoe gaat het?\nnote Goed.\n"), as: UTF8.self)
        for elapsed in ["-40.000", "20000000000.000"] {
            let edited = original.replacing(try Regex(#""elapsed":[0-9.]+"#), with: "\"elapsed\":\(elapsed)", maxReplacements: 1)
            let bytes = Array(edited.utf8)
            #expect(CaseloadScanTests.scannedRow(bytes) == nil, "\(elapsed)")
            #expect(try Self.fullRow(bytes) == nil, "\(elapsed)")
        }
    }

    /// Each key of each event line removed, or renamed to each other key of the format.
    @Test func everyKeyRemovedOrRenamed() throws {
        // The keys either reader acts on: the required ones and those the scanner counts.
        let acted: [TranscriptFormat.EventKey] = [
            .seq, .elapsed, .kind, .dimensions, .tags, .text, .speaker, .name, .target,
            .value, .label, .retracts, .caseReference, .command,
        ]
        let keys = acted.map { "\($0.name)" }
        var files = 0
        // The generated conversation has every kind.
        for (header, line) in Self.singleLineFiles(of: [try CaseloadScanTests.transcript(CaseloadScanTests.script)]) {
            for key in keys where line.contains("\"\(key)\":") {
                var edits: [String] = []
                // Removed: the member up to the next key (values in these lines hold no `,"`).
                if let removed = try? line.replacing(Regex("\"\(key)\":.*?(,(?=\")|(?=\\}$))"), with: "", maxReplacements: 1) {
                    edits.append(removed)
                }
                for other in keys where other != key {
                    edits.append(line.replacingOccurrences(of: "\"\(key)\":", with: "\"\(other)\":"))
                }
                for edit in edits {
                    files += 1
                    let problem = try Self.disagreement(Array("\(header)\n\(edit)\n".utf8))
                    #expect(problem == nil, "\(problem ?? ""): key \(key) in \(line.prefix(60))")
                }
            }
        }
        #expect(files > 2000, "\(files)")
    }

    /// Every kind without each key the format requires of it: both readers refuse it.
    @Test func eachRequiredKeyIsRequiredByBoth() throws {
        for kind in Event.Kind.allCases {
            for key in TranscriptFormat.keysOfEveryEvent + TranscriptFormat.requiredKeys(of: kind) {
                var fields: [String] = [
                    "\"seq\":1", "\"elapsed\":1.000", "\"kind\":\"\(kind.rawValue)\"", "\"dimensions\":[]", "\"tags\":[]",
                ]
                for required in TranscriptFormat.requiredKeys(of: kind) where required != key {
                    fields.append(required == .value || required == .retracts ? "\"\(required.name)\":1" : "\"\(required.name)\":\"x\"")
                }
                if key != .seq && key != .kind {
                    // The line is whole but for `key`; with it, both read it.
                    var complete = fields
                    complete.append(key == .value || key == .retracts ? "\"\(key.name)\":1" : "\"\(key.name)\":\"x\"")
                    let whole = Self.file(line: "{" + complete.joined(separator: ",") + "}")
                    #expect(try Self.fullRow(whole) != nil, "\(kind) with \(key.name)")
                    #expect(CaseloadScanTests.scannedRow(whole) != nil, "\(kind) with \(key.name)")
                } else {
                    fields.removeAll { $0.hasPrefix("\"\(key.name)\":") }
                }
                let without = Self.file(line: "{" + fields.joined(separator: ",") + "}")
                #expect(try Self.fullRow(without) == nil, "\(kind) without \(key.name)")
                #expect(CaseloadScanTests.scannedRow(without) == nil, "\(kind) without \(key.name)")
            }
        }
    }

    /// A version 1 transcript (no chain) with one event line.
    static func file(line: String) -> [UInt8] {
        Array(
            "{\"format\":\"gesprek-transcript\",\"version\":1,\"session\":\"s\",\"started\":\"2026-11-30T10:00:00.000+01:00\",\"participants\":[],\"tool\":\"t\",\"language\":\"nl\"}\n\(line)\n"
                .utf8)
    }
}
