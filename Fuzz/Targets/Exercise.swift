import Foundation
#if canImport(Glibc)
    import Glibc
#endif

// Shared by the fuzz targets: everything a reader of a transcript does with
// it (summary, every export, replay), and the checks that turn a wrong answer
// into a crash the fuzzer reports. Compiled into the GesprekKit module with
// the target, so internal API is in reach.

/// Stops the fuzzer with a message that names the property, never the input
/// (the input is in the crash file libFuzzer writes).
func require(_ condition: @autoclosure () -> Bool, _ property: StaticString) {
    if !condition() { fatalError("fuzz property violated: \(property)") }
}

/// One scratch file per fuzzing process, rewritten for every input, so that
/// the full reader takes its real path (open, read in chunks, split lines).
struct ScratchFile {
    let path: String
    private let fd: Int32

    init(_ name: String) {
        path = "/tmp/gesprek-fuzz-\(name)-\(getpid()).jsonl"
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create the scratch file")
    }

    /// The file now holds exactly these bytes.
    func write(_ data: UnsafePointer<UInt8>, _ size: Int) {
        ftruncate(fd, 0)
        var written = 0
        while written < size {
            let n = pwrite(fd, data + written, size - written, off_t(written))
            precondition(n > 0, "cannot write the scratch file")
            written += n
        }
    }

    var url: URL { URL(fileURLWithPath: path) }
}

/// Runs every reader of a transcript once: the summary in each form, every
/// export, the anonymizer, and a replay played on a console that never waits.
/// (Once each, in one language: the languages differ only in words, and every
/// extra pass makes each input slower to fuzz.)
func exerciseReaders(_ transcript: Transcript) {
    let summary = Summary(transcript)
    _ = SummaryText.render(summary, language: .nl)
    _ = SummaryMarkdown.render(summary, language: .nl)
    _ = SummaryText.network(transcript.state.network, language: .nl)
    let row = SummaryRow(name: "t", summary: summary)
    var total = CaseloadTotal()
    total.add(row)
    _ = CaseloadFormat.text.row(row, index: 0, language: .nl) + CaseloadFormat.text.footer(total, language: .nl)
    for format in ExportFormat.allCases {
        for table in format == .csv ? ExportTable.allCases : [.events] {
            _ = TranscriptExport.render(transcript, format: format, language: .nl, alreadyAnonymized: false, table: table)
        }
    }
    let anonymizer = Anonymizer(transcript)
    let anonymized = anonymizer.transcript(transcript)
    _ = anonymizer.possibleNames(in: anonymized)
    _ = TranscriptExport.render(anonymized, format: .md, language: .nl, alreadyAnonymized: true)
    replay(transcript)
}

/// Plays the events as `gesprek replay` would, with every marker as a pause, on a
/// clock that jumps straight to each deadline.
private func replay(_ transcript: Transcript) {
    var index = ReplayIndex()
    for event in transcript.events { index.add(event) }
    let labels = index.markers.map(\.label)
    let first = labels.first.map { ReplayPosition.marker($0) }
    let windows = [
        ReplayWindow(), try? ReplayWindow(from: first, until: first, markers: index.markers),
        try? ReplayWindow(from: .time(5), until: .time(1), markers: index.markers),
    ].compactMap { $0 }
    for (number, window) in windows.enumerated() {
        let step = number == 1
        guard
            let player = try? ReplayPlayer(
                index: index, window: window, speed: 3, idleLimit: step ? nil : 2,
                step: step, pauseAt: labels)
        else { continue }
        let console = InstantConsole()
        _ = try? player.play(ReplayPlayer.source(transcript.events), on: console, clock: console)
    }
    _ = ReplayText.header(
        transcript.header, details: index.details(from: transcript.header.details), duration: index.duration,
        language: .nl)
}

/// A console and clock in one: waiting moves the clock to the deadline; keys
/// come from a fixed sequence, then `quit`.
private final class InstantConsole: ReplayConsole, ReplayClock {
    private var time = 0.0
    private var keys: [ReplayKey] = [.space, .forward, .nextMarker, .previousMarker, .other, .space, .forward]
    private var shown = 0
    let readsKeys = true

    func now() -> Double { time }

    func show(_ output: ReplayOutput) {
        shown += 1
        _ = output
    }

    func waitForKey(until deadline: Double?) -> ReplayKey? {
        // A key now and then, so pauses, jumps and steps are taken too.
        if shown % 3 == 0 || deadline == nil { return keys.isEmpty ? .quit : keys.removeFirst() }
        if let deadline, deadline > time { time = deadline }
        return nil
    }
}
