// In-process benchmarks of GesprekKit; `./dev bench` runs them. Prints one
// JSON object with medians in milliseconds.
import Foundation
import GesprekKit

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

/// A long conversation: every command of the language, names kept unique.
func script(lines: Int) -> String {
    var out: [String] = []
    out.reserveCapacity(lines)
    var i = 0
    while out.count < lines {
        let templates = [
            "ask #v Hoe gaat het met je, en met de rest van het gezin? \(i)",
            "say moeder #v Het gaat wel, maar ik slaap slecht sinds de scheiding. \(i)",
            "note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder. \(i)",
            "network add \"Buurvrouw \(i)\" role=buurvrouw influence=+ support=praktisch,emotioneel stays=yes contact=wekelijks",
            "network set \"Buurvrouw \(i)\" contact=dagelijks",
            "note #c #kracht Houdt de ochtendroutine goed vol. \(i)",
            "score gezin.s\(i % 2 + 1) \(i % 5) Kent de belangrijke mensen nu.",
            "mark stap-\(i)",
            "score motivationeel 2",
            "undo",
        ]
        out.append(contentsOf: templates)
        i += 1
    }
    return out.prefix(lines).joined(separator: "\n")
}

let big = script(lines: Int(ProcessInfo.processInfo.environment["BENCH_LINES"] ?? "100000")!)
var parseExecute: [Double] = []
for _ in 0..<5 {
    parseExecute.append(try milliseconds {
        let session = try Session(transcript: MemoryTranscript())
        let result = session.run(script: big)
        precondition(result.errors.isEmpty, "\(result.errors.first!.rendered(language: .en))")
    })
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-bench-\(UUID())")
let file = try TranscriptFile(creating: folder.appendingPathComponent("append.jsonl"))
let line = #"{"seq":1,"elapsed":12.804,"time":"2026-11-23T10:41:07.512+01:00","kind":"note","dimensions":["motivationeel"],"tags":["kwetsbaarheid"],"text":"Twijfelt aan zichzelf als opvoeder.","line":"note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder.","lineNumber":3}"#
var appends: [Double] = []
for _ in 0..<500 { appends.append(try milliseconds { try file.append(line: line) }) }
try file.close()
try? FileManager.default.removeItem(at: folder)

print(#"{"parse_execute_100k_ms": \#(median(parseExecute)), "durable_append_ms": \#(median(appends))}"#)
