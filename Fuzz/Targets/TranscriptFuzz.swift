import Foundation
#if canImport(Glibc)
    import Glibc
#endif

// libFuzzer target for the transcript reader: arbitrary bytes as a file that
// `gesprek summary`, `replay` and `export` open. Beyond "no crash" it checks:
// - reading the file and reading the same text from memory agree;
// - what was read, written again by the encoder, reads back the same (to the millisecond);
// - the summary, every export and the replay work on whatever was read;
// - verify (chain, signatures, closing record) gives the same report for the
//   file and its bytes, and an intact, signed transcript holds its own seal;
// - a transcript signed at checkpoints has an unsigned tail only where its header
//   allows one, shorter than the interval, and none under a normal closing record.
// Build and run: Fuzz/build.sh, ./dev fuzz (see docs/development.md, "Fuzzing").

private let scratch = ScratchFile("transcript")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    scratch.write(data, size)
    let fromFile = Result { try TranscriptReader.read(contentsOf: scratch.url) }

    // Text is valid UTF-8 by construction; for such input both ways of reading must agree.
    if let text = String(validating: bytes, as: UTF8.self) {
        let fromText = Result { try TranscriptReader.read(text: text) }
        require(same(fromFile, fromText), "reading a file and reading its text agree")
    }

    // The verifier checks signatures on whatever it is given, and says the same of a file and its bytes.
    let verified = Result { try TranscriptVerifier.verify(Array(bytes)) }
    let verifiedFile = Result { try TranscriptVerifier.verify(contentsOf: scratch.url) }
    switch (verified, verifiedFile) {
    case let (.success(a), .success(b)):
        require(a == b, "verifying a file and its bytes agree")
        if let seal = TranscriptSeal(a) { require(seal.holds(for: a), "an intact transcript holds its own seal") }
        // Signing at checkpoints (seeds checkpoints-*.jsonl): an unsigned tail only where the header allows one,
        // shorter than its interval, and never under a normal closing record.
        if a.unsignedTail > 0 {
            require(a.finding == .intact, "only an intact transcript has an unsigned tail")
            require(a.unsignedTail < (a.checkpointInterval ?? 1), "an unsigned tail is shorter than the checkpoint interval")
            require(a.closing?.reason != .normal, "a normal closing record vouches for every line")
        }
    case let (.failure(a as TranscriptReadError), .failure(b as TranscriptReadError)):
        require(a == b, "verifying a file and its bytes fail alike")
    default:
        require(false, "verifying a file and its bytes agree")
    }

    guard case let .success(transcript) = fromFile else { return 0 }
    let rewritten = ([TranscriptEncoder.line(for: transcript.header)] + transcript.events.map(TranscriptEncoder.line(for:)))
        .map { $0 + "\n" }.joined()
    guard let again = try? TranscriptReader.read(text: rewritten) else {
        require(false, "what was read can be written and read again")
        return 0
    }
    require(again.header == transcript.header, "a header reads back the same after writing")
    // The writer keeps milliseconds (the format's precision); a file may hold more digits.
    require(again.events == transcript.events.map(inMilliseconds), "events read back the same after writing")
    exerciseReaders(transcript)
    return 0
}

/// The event with `elapsed` as the writer writes it.
private func inMilliseconds(_ event: Event) -> Event {
    var event = event
    event.elapsed = (event.elapsed * 1000).rounded() / 1000
    return event
}

private func same(_ a: Result<Transcript, any Error>, _ b: Result<Transcript, any Error>) -> Bool {
    switch (a, b) {
    case let (.success(x), .success(y)): x == y
    case let (.failure(x as TranscriptReadError), .failure(y as TranscriptReadError)): x == y
    default: false
    }
}
