import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Something worth knowing about a transcript that could still be read.
public enum TranscriptWarning: Sendable, Equatable {
    /// The last line was cut off (a crash while writing); it was left out.
    case truncatedLastLine(line: Int)

    public func message(in language: DisplayLanguage) -> String {
        switch self {
        case let .truncatedLastLine(line):
            language.pick("laatste regel (\(line)) is afgebroken, waarschijnlijk door een crash; gelezen tot en met regel \(line - 1)",
                          "the last line (\(line)) was cut off, probably by a crash; read up to line \(line - 1)")
        }
    }
}

/// A transcript read whole: header, events, and any warning.
public struct Transcript: Sendable, Equatable {
    public var header: TranscriptHeader
    public var events: [Event]
    public var warnings: [TranscriptWarning]

    /// The details and network the events add up to.
    public var state: SessionState { SessionState.replaying(events, from: header.details) }
}

/// Streams a transcript back into events, one line at a time, in constant
/// memory. A cut-off last line (a crash mid-write) is skipped with a warning;
/// any other unreadable line is an error that names its line number.
public enum TranscriptReader {
    /// Reads the whole file.
    public static func read(contentsOf url: URL) throws -> Transcript {
        var events: [Event] = []
        let (header, warnings) = try stream(contentsOf: url) { events.append($0) }
        return Transcript(header: header, events: events, warnings: warnings)
    }

    /// Reads transcript text.
    public static func read(text: String) throws -> Transcript {
        var events: [Event] = []
        var lines = LineSplitter()
        lines.feed(Array(text.utf8))
        let (header, warnings) = try decode(lines.finish()) { events.append($0) }
        return Transcript(header: header, events: events, warnings: warnings)
    }

    /// Calls `body` for each event without keeping them.
    @discardableResult
    public static func stream(contentsOf url: URL, _ body: (Event) throws -> Void) throws -> (TranscriptHeader, [TranscriptWarning]) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TranscriptReadError.unreadable(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var splitter = LineSplitter()
        var decoder = StreamingDecoder()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TranscriptReadError.unreadable(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            splitter.feed(buffer[0..<n])
            for line in splitter.takeCompleteLines() { try decoder.take(line, complete: true, body) }
        }
        if let last = splitter.remainder() { try decoder.take(last, complete: false, body) }
        return try decoder.finish()
    }

    private static func decode(_ lines: [(bytes: [UInt8], complete: Bool)], _ body: (Event) throws -> Void) throws
        -> (TranscriptHeader, [TranscriptWarning]) {
        var decoder = StreamingDecoder()
        for line in lines { try decoder.take(line.bytes, complete: line.complete, body) }
        return try decoder.finish()
    }
}

/// Decodes lines one by one; knows the header from the events and the cut tail from corruption.
private struct StreamingDecoder {
    var lineNumber = 0
    var header: TranscriptHeader?
    var warnings: [TranscriptWarning] = []

    mutating func take(_ bytes: [UInt8], complete: Bool, _ body: (Event) throws -> Void) throws {
        lineNumber += 1
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
        guard header != nil else {
            guard let object = try? TranscriptDecoder.object(bytes, line: lineNumber) else {
                throw TranscriptReadError.notATranscript
            }
            header = try TranscriptDecoder.header(object)
            return
        }
        do {
            let object = try TranscriptDecoder.object(bytes, line: lineNumber)
            try body(TranscriptDecoder.event(object, line: lineNumber))
        } catch let error as TranscriptReadError where !complete {
            // Only the last line can lack its newline; if it does not parse, a crash cut it.
            _ = error
            warnings.append(.truncatedLastLine(line: lineNumber))
        }
    }

    func finish() throws -> (TranscriptHeader, [TranscriptWarning]) {
        guard let header else { throw TranscriptReadError.empty }
        return (header, warnings)
    }
}

/// Splits bytes into lines at `\n`, remembering whether the last one ended.
struct LineSplitter {
    private var pending: [UInt8] = []
    private var complete: [[UInt8]] = []

    mutating func feed(_ bytes: some Collection<UInt8>) {
        pending.append(contentsOf: bytes)
        var start = 0
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            complete.append(Array(pending[start..<newline]))
            start = newline + 1
        }
        if start > 0 { pending.removeSubrange(0..<start) }
    }

    mutating func takeCompleteLines() -> [[UInt8]] {
        defer { complete.removeAll(keepingCapacity: true) }
        return complete
    }

    /// The bytes after the last newline, if any.
    func remainder() -> [UInt8]? {
        pending.isEmpty ? nil : pending
    }

    mutating func finish() -> [(bytes: [UInt8], complete: Bool)] {
        var lines = takeCompleteLines().map { ($0, true) }
        if let rest = remainder() { lines.append((rest, false)) }
        return lines
    }
}
