// In-process benchmarks of GesprekKit; `./dev bench` runs them.
//
//   gesprek-bench                     parse + execute and durable appends: one JSON object, medians in ms
//   gesprek-bench generate DIR COUNT [--checkpoints]  writes COUNT realistic transcripts (~200 events each) into DIR,
//                                    signed on every line (or at checkpoints, as a script run is)
//   gesprek-bench summarise FILE…     reads and summarises the transcripts in this process: one JSON object
//   gesprek-bench script [LINES]      prints the parse + execute benchmark's script (100,000 lines)
//   gesprek-bench rows FILE…          the caseload rows as `gesprek summary` of many reads them (CaseloadReader): one JSON object
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

// MARK: - Parse, execute and append (the default)

func parseExecuteAndAppend() throws {
    let big = script(lines: Int(EnvironmentVariables.process["BENCH_LINES"] ?? "100000")!)
    // Signed as `gesprek run` signs a script (the header, every 1,000th event and the closing record) and, for the
    // C interface's figure to compare with, as a live session signs: every line, one Ed25519 signature each.
    var scriptRun = SessionConfiguration()
    scriptRun.signing = .scriptRun
    var parseExecute: [Double] = []
    var parseExecuteEveryLine: [Double] = []
    for _ in 0..<5 {
        parseExecute.append(
            try milliseconds {
                let session = try Session(configuration: scriptRun, transcript: MemoryTranscript())
                let result = session.run(script: big)
                precondition(result.errors.isEmpty, "\(result.errors.first!.rendered(language: .en))")
            })
        parseExecuteEveryLine.append(
            try milliseconds {
                let session = try Session(transcript: MemoryTranscript())
                let result = session.run(script: big)
                precondition(result.errors.isEmpty, "\(result.errors.first!.rendered(language: .en))")
            })
    }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gesprek-bench-\(UUID())")
    let file = try TranscriptFile(creating: folder.appendingPathComponent("append.jsonl"))
    let line =
        #"{"seq":1,"elapsed":12.804,"time":"2026-11-23T10:41:07.512+01:00","kind":"note","dimensions":["motivationeel"],"tags":["kwetsbaarheid"],"text":"Twijfelt aan zichzelf als opvoeder.","line":"note #m #kwetsbaarheid Twijfelt aan zichzelf als opvoeder.","lineNumber":3}"#
    var appends: [Double] = []
    for _ in 0..<500 { appends.append(try milliseconds { try file.append(line: line) }) }
    try file.close()
    try? FileManager.default.removeItem(at: folder)

    print(
        #"{"parse_execute_100k_ms": \#(median(parseExecute)), "parse_execute_100k_every_line_signed_ms": \#(median(parseExecuteEveryLine)), "durable_append_ms": \#(median(appends))}"#
    )
}

// MARK: - Generated transcripts

/// Deterministic pseudo-random numbers (SplitMix64), so that every run generates the same transcripts.
struct Dice {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// True one time in `n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
}

/// A clock that moves a few seconds to a minute on every reading, as a conversation does.
final class ConversationClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date
    private var dice: Dice

    init(start: Date, seed: UInt64) {
        now = start
        dice = Dice(state: seed)
    }

    func read() -> Date {
        lock.lock()
        defer { lock.unlock() }
        now += Double(5 + dice.below(55)) + Double(dice.below(1000)) / 1000
        return now
    }
}

/// The script of one conversation of about `lines` lines: every kind of
/// line, some undone, Dutch text with ë, ï and é, names with spaces.
func conversation(number: Int, lines: Int) -> String {
    var dice = Dice(state: UInt64(number) &* 7919 &+ 17)
    let firstNames = ["Lisa", "Zoë", "Noël", "Anaïs", "Milan", "René", "Daan", "Eefje", "Chloë", "Jesse"]
    let lastNames = ["de Vries", "van Dijk", "Bakker", "Jansen", "el Amrani", "Visser", "Smit", "Meijer"]
    let roles = ["moeder", "vader", "jongere", "stiefvader", "oma", "zus"]
    let dimensionTags = ["#v", "#c", "#s", "#m", "#v #s", "#c #m", ""]
    let otherTags = ["", "", "", "#kracht", "#kwetsbaarheid", "#school", "#slaap #kwetsbaarheid"]
    let questions = [
        "Hoe gaat het thuis, volgens jou?", "Wat lukt er de laatste tijd wél?", "Wie zijn belangrijke mensen voor jullie?",
        "Waar krijg je energie van?", "Wat zou je zelf als eerste willen proberen?", "Hoe reageert de school daarop?",
        "Wat heb je nodig om dat vol te houden?", "Wie kun je bellen als het mis gaat, ook 's nachts?",
    ]
    let quotes = [
        "Het gaat wel, maar ik slaap slecht sinds de scheiding.", "Ik heb dit niet zelf gevraagd.",
        "Met mijn vader gaat het niet zo goed sinds hij zijn werk kwijt is.", "Oma zegt altijd: \"komt goed\".",
        "Ik maak fietsen voor jongens uit de buurt.", "Eerlijk gezegd weet ik het niet meer.", "Naïef was ik, achteraf gezien.",
    ]
    let notes = [
        "Twijfelt aan zichzelf als opvoeder.", "Capuchon op, kijkt vooral naar de telefoon.", "Kookt elke dag voor het gezin.",
        "Vertelt open over de ruzies; de coördinator weet ervan.", "Technisch handig en helpt anderen zonder dat iemand erom vraagt.",
        "Wil zelf met de trainer praten over weer trainen.", "Pad C:\\gezin\\afspraken genoemd, zie het dossier.",
    ]
    let items = [
        "gezin.v1", "gezin.v2", "gezin.v3", "gezin.v4", "gezin.s1", "gezin.s2", "gezin.c1", "gezin.c2", "gezin.c3",
        "gezin.m1", "gezin.m2", "gezin.m3", "gezin.m4", "vertrekpunt", "competentioneel", "sociaal", "motivationeel",
    ]
    let networkRoles = ["buurvrouw", "grootmoeder", "voetbaltrainer", "mentor", "tante", "vriend", "huisarts"]
    let support = ["praktisch", "emotioneel", "informatie", "gezelschap", "praktisch,emotioneel", "emotioneel,informatie"]
    let contact = ["dagelijks", "wekelijks", "maandelijks", "zelden"]

    var out = [
        #"session case=OKT-2026-\#(String(format: "%04d", number % 10_000)) advisor="\#(dice.pick(firstNames)) \#(dice.pick(lastNames))""#
    ]
    var speakers: [String] = []
    for _ in 0..<(2 + dice.below(2)) {
        let name = "\(dice.pick(firstNames)) \(dice.pick(lastNames))"
        speakers.append(name)
        out.append("participant \"\(name)\" role=\(dice.pick(roles))")
    }
    var network: [String] = []
    var added = 0
    while out.count < lines {
        let tags = [dice.pick(dimensionTags), dice.pick(otherTags)].filter { !$0.isEmpty }.joined(separator: " ")
        switch dice.below(20) {
        case 0...3: out.append("ask \(tags) \(dice.pick(questions))")
        case 4...8: out.append("say \"\(dice.pick(speakers))\" \(tags) \(dice.pick(quotes))")
        case 9...11: out.append("note \(tags) \(dice.pick(notes))")
        case 12...13: out.append("score \(dice.pick(items)) \(dice.below(5))" + (dice.oneIn(2) ? " Samen besproken, één stap verder." : ""))
        case 14:
            added += 1
            let name = "\(dice.pick(["Buurvrouw", "Oom", "Coach", "Tante"])) \(dice.pick(firstNames)) \(added)"
            network.append(name)
            out.append(
                "network add \"\(name)\" role=\(dice.pick(networkRoles)) influence=\(dice.pick(["+", "-", "="])) "
                    + "support=\(dice.pick(support)) stays=\(dice.pick(["yes", "no"])) contact=\(dice.pick(contact)) \(dice.pick(otherTags))"
            )
        case 15 where !network.isEmpty:
            out.append("network set \"\(dice.pick(network))\" contact=\(dice.pick(contact))" + (dice.oneIn(3) ? " distance=yes" : ""))
        case 16 where network.count > 2 && dice.oneIn(3):
            out.append("network remove \"\(network.remove(at: dice.below(network.count)))\"")
        case 17: out.append("mark stap-\(out.count)")
        case 18:
            out.append("afspraak \(dice.pick(["maandag", "dinsdag", "vrijdag"])) om \(9 + dice.below(8)) uur met \(dice.pick(speakers))")
        case 19 where dice.oneIn(4):
            // Undo only what can be undone without touching the network bookkeeping above.
            if let last = out.last, last.hasPrefix("ask") || last.hasPrefix("note") || last.hasPrefix("say") { out.append("undo") }
        default: out.append("note \(tags) \(dice.pick(notes))")
        }
    }
    return out.joined(separator: "\n")
}

/// Writes `count` transcripts into `folder` as `t00000.jsonl`, … (one write each, no fsync).
/// - Parameter signing: every line, as a live session signs (the bench's caseload), or
///   checkpoints, as a script run signs (the tests' quick set: a debug build signs slowly).
func generate(into folder: URL, count: Int, signing: TranscriptSigning = .everyLine) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let start = Date(timeIntervalSince1970: 1_795_424_400)
    var events = 0, bytes = 0
    for number in 0..<count {
        let memory = MemoryTranscript()
        let clock = ConversationClock(start: start + Double(number) * 3600, seed: UInt64(number))
        var configuration = SessionConfiguration(sessionID: UUID(), clock: { clock.read() })
        configuration.signing = signing
        let session = try Session(configuration: configuration, transcript: memory)
        try session.register(
            HostCommand(name: "afspraak", usage: "afspraak DAG [TEKST]", help: "Een vervolgafspraak.") { invocation in
                .record(text: invocation.text, fields: ["dag": invocation.words.first ?? ""])
            })
        let result = session.run(script: conversation(number: number, lines: 205))
        precondition(result.errors.isEmpty, "transcript \(number): \(result.errors.first!.rendered(language: .en))")
        let text = memory.text
        try Data(text.utf8).write(to: folder.appendingPathComponent(String(format: "t%05d.jsonl", number)))
        events += memory.lines.count - 1
        bytes += text.utf8.count
    }
    print(#"{"transcripts": \#(count), "events": \#(events), "bytes": \#(bytes)}"#)
}

// MARK: - Reading and summarising in this process

/// Reads and summarises each file as `gesprek summary` does, without the command line around it.
func summarise(_ paths: [String]) throws {
    var events = 0, recorded = 0
    let ms = try milliseconds {
        for path in paths {
            let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path))
            events += transcript.events.count
            recorded += Summary(transcript).recorded
        }
    }
    let perEvent = ms * 1000 / Double(max(events, 1))
    print(#"{"transcripts": \#(paths.count), "events": \#(events), "recorded": \#(recorded), "ms": \#(ms), "us_per_event": \#(perEvent)}"#)
}

/// Reads the caseload rows of the files as `gesprek summary` of many does: the fast scan on every core.
func rows(_ paths: [String]) {
    var scanned = 0, leftToFullReader = 0, recorded = 0
    let ms = milliseconds {
        CaseloadReader.rows(of: paths) { _, row in
            if let row {
                scanned += 1
                recorded += row.events
            } else {
                leftToFullReader += 1
            }
        }
    }
    print(
        #"{"transcripts": \#(paths.count), "scanned": \#(scanned), "left_to_full_reader": \#(leftToFullReader), "recorded": \#(recorded), "ms": \#(ms)}"#
    )
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "generate":
    let checkpoints = arguments.last == "--checkpoints"
    let operands = checkpoints ? Array(arguments.dropLast()) : arguments
    guard operands.count == 3, let count = Int(operands[2]) else {
        FileHandle.standardError.write(Data("usage: gesprek-bench generate DIR COUNT [--checkpoints]\n".utf8))
        exit(64)
    }
    try generate(into: URL(fileURLWithPath: operands[1]), count: count, signing: checkpoints ? .scriptRun : .everyLine)
case "summarise":
    try summarise(Array(arguments.dropFirst()))
case "rows":
    rows(Array(arguments.dropFirst()))
case "script":
    // The parse + execute benchmark's script, for the same figure through the C interface (bench.py).
    print(script(lines: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000))
default:
    try parseExecuteAndAppend()
}
