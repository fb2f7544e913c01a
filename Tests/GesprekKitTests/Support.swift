import Foundation
@testable import GesprekKit

/// The repository's root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A clock that advances a fixed step on every reading, from a fixed start.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date
    private let step: TimeInterval

    init(start: Date = Date(timeIntervalSince1970: 1_795_424_400), step: TimeInterval = 1) {
        self.now = start
        self.step = step
    }

    func read() -> Date {
        lock.lock()
        defer { lock.unlock() }
        let current = now
        now += step
        return current
    }
}

/// A session in English with an in-memory transcript and a stepping clock.
func makeSession(language: DisplayLanguage = .en, details: SessionDetails = SessionDetails()) throws -> (Session, MemoryTranscript) {
    let clock = SteppingClock()
    let memory = MemoryTranscript()
    let session = try Session(
        configuration: SessionConfiguration(details: details, language: language, clock: { clock.read() }),
        transcript: memory)
    return (session, memory)
}

/// Splits a line with a 1️⃣ marker into the line without it and the marker's column,
/// so that an expected position stands where it applies.
func marked(_ line: String) -> (line: String, column: Int) {
    guard let range = line.range(of: "1️⃣") else { return (line, 1) }
    let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
    return (line.replacingCharacters(in: range, with: ""), column)
}
