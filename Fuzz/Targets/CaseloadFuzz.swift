import Foundation

// libFuzzer target for the two readers of the transcript format: arbitrary
// bytes as one file of a caseload (`gesprek summary DIR`). It checks that
// the fast scanner (`SummaryRowScanner`) and the full reader agree:
// - whenever the scanner gives a row, the full reader reads the file without
//   a warning and its summary gives the same row;
// - whenever the full reader refuses the file or warns about it, the scanner
//   gives no row (so the caseload reports the full reader's error).
// Build and run: Fuzz/build.sh caseload, ./dev fuzz SECONDS caseload (docs/development.md).

private let scratch = ScratchFile("caseload")

private var scanner = SummaryRowScanner()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaseload(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    scratch.write(data, size)
    let scanned = scanner.row(name: "t.jsonl", transcript: UnsafeBufferPointer(start: data, count: size))
    let full = try? TranscriptReader.read(contentsOf: scratch.url)
    guard let full, full.warnings.isEmpty else {
        require(scanned == nil, "the scanner gives no row for a file the full reader refuses or warns about")
        return 0
    }
    if let scanned {
        require(scanned == SummaryRow(name: "t.jsonl", summary: Summary(full)), "the scanner's row is the full reader's")
    }
    return 0
}
