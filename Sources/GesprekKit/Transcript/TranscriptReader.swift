#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Streams a transcript back into events, one line at a time, in constant
/// memory. A cut-off last line (a crash mid-write) is skipped with a warning;
/// any other unreadable line is an error that names its line number.
public enum TranscriptReader {
    /// Reads the whole file.
    /// - Parameter keyring: opens an encrypted transcript; without one, reading it throws ``TranscriptReadError/encrypted``.
    public static func read(contentsOf url: URL, keyring: TranscriptKeyring? = nil) throws -> Transcript {
        let fd = try openForReading(url)
        defer { close(fd) }
        var events: [Event] = []
        let (header, warnings) = try decodeLines(of: fd, keyring: keyring) { events.append($0) }
        return Transcript(header: header, events: events, warnings: warnings)
    }

    /// Reads transcript text.
    public static func read(text: String) throws -> Transcript {
        var events: [Event] = []
        var decoder = StreamingDecoder()
        var text = text
        try text.withUTF8 { try decoder.takeLines(of: $0) { events.append($0) } }
        let (header, warnings) = try decoder.finish()
        return Transcript(header: header, events: events, warnings: warnings)
    }

    /// Calls `body` for each event without keeping them.
    @discardableResult
    public static func stream(
        contentsOf url: URL, keyring: TranscriptKeyring? = nil,
        _ body: (Event) throws -> Void
    ) throws -> (TranscriptHeader, [TranscriptWarning]) {
        let fd = try openForReading(url)
        defer { close(fd) }
        return try decodeLines(of: fd, keyring: keyring) { try body($0) }
    }

    /// Decodes the file a chunk at a time, handing each event to `body` (which
    /// may keep it without copying).
    private static func decodeLines(
        of fd: Int32, keyring: TranscriptKeyring?, _ body: (consuming Event) throws -> Void
    ) throws
        -> (TranscriptHeader, [TranscriptWarning])
    {
        var decoder = StreamingDecoder()
        var lines = PlainLines(keyring: keyring)
        try LineSplitter.forEachLine(of: fd) { line, complete in
            try lines.take(line, complete: complete) { plain, complete in try decoder.take(plain, complete: complete, body) }
        }
        decoder.warnings += lines.warnings
        return try decoder.finish()
    }

    /// A regular file only, no larger than 1 GiB (see ``RegularFile``).
    private static func openForReading(_ url: URL) throws -> Int32 {
        do { return try RegularFile.open(url.path).fd } catch { throw error.readError }
    }
}

/// The plain lines of a file: as they are, or opened one by one when the
/// file is encrypted (its first line is a ``TranscriptEncryption/Envelope``).
struct PlainLines {
    let keyring: TranscriptKeyring?
    private var encryption: TranscriptEncryption?
    private var lineNumber = 0
    private(set) var warnings: [TranscriptWarning] = []

    init(keyring: TranscriptKeyring?) {
        self.keyring = keyring
    }

    mutating func take(
        _ line: UnsafeBufferPointer<UInt8>, complete: Bool,
        _ body: (UnsafeBufferPointer<UInt8>, _ complete: Bool) throws -> Void
    ) throws {
        lineNumber += 1
        if lineNumber == 1, let envelope = TranscriptEncryption.envelope(ofFirstLine: line) {
            guard let keyring else { throw TranscriptReadError.encrypted }
            encryption = try keyring.encryption(for: envelope)
            return
        }
        guard let encryption else { return try body(line, complete) }
        if line.isEmpty { return }
        do {
            let plain = try encryption.open(line, index: lineNumber - 2, lineNumber: lineNumber)
            try plain.withUnsafeBufferPointer { try body($0, true) }
        } catch TranscriptReadError.damagedRecord where !complete {
            // Only the last line can lack its newline; if it does not open, a crash cut it.
            warnings.append(.truncatedLastLine(line: lineNumber))
        }
    }
}

/// Decodes lines one by one; knows the header from the events and the cut tail from corruption.
private struct StreamingDecoder {
    /// The number of the line last taken.
    var lineNumber = 0
    var header: TranscriptHeader?
    /// Whether `header` is set (asking `header != nil` would copy it, on every line).
    var hasHeader = false
    var warnings: [TranscriptWarning] = []

    /// Takes every line of `bytes`; the last one may lack its newline.
    mutating func takeLines(of bytes: UnsafeBufferPointer<UInt8>, _ body: (consuming Event) throws -> Void) throws {
        let consumed = try LineSplitter.forEachCompleteLine(in: bytes) { try take($0, complete: true, body) }
        if consumed < bytes.count { try take(UnsafeBufferPointer(rebasing: bytes[consumed...]), complete: false, body) }
    }

    mutating func take(_ line: UnsafeBufferPointer<UInt8>, complete: Bool, _ body: (consuming Event) throws -> Void) throws {
        lineNumber += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
        guard hasHeader else {
            header = try TranscriptDecoder.header(line)
            hasHeader = true
            return
        }
        // The closing record (version 3) is no event; the verifier checks it.
        if TranscriptFormat.isClosing(line), complete || TranscriptDecoder.closing(line) != nil { return }
        do {
            try body(TranscriptDecoder.event(line, lineNumber: lineNumber))
        } catch is TranscriptReadError where !complete {
            // Only the last line can lack its newline; if it does not parse, a crash cut it.
            warnings.append(.truncatedLastLine(line: lineNumber))
        }
    }

    func finish() throws -> (TranscriptHeader, [TranscriptWarning]) {
        guard let header else { throw TranscriptReadError.empty }
        return (header, warnings)
    }
}

/// Splits bytes into lines at `\n` where they lie, without copying each line.
enum LineSplitter {
    /// Big enough for a whole typical transcript in one read; grows for a longer line.
    static let chunkSize = 1 << 16

    /// Reads the file in chunks and calls `body` with each line (without its
    /// newline) and whether it ended in one: only the last line may not. A
    /// line longer than ``RegularFile/maximumLineLength`` or a file longer than
    /// ``RegularFile/maximumSize`` (one that grows while it is read) is an error.
    static func forEachLine(of fd: Int32, _ body: (UnsafeBufferPointer<UInt8>, _ complete: Bool) throws -> Void) throws {
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        // Bytes of a line not yet complete, kept at the start of the buffer.
        var pending = 0
        var total = 0
        var lines = 0
        while true {
            if pending == buffer.count {
                guard pending <= RegularFile.maximumLineLength else { throw TranscriptReadError.lineTooLong(line: lines + 1) }
                buffer = grow(buffer)
            }
            let n = Glibc.read(fd, buffer.baseAddress! + pending, buffer.count - pending)
            if n < 0 {
                if errno == EINTR { continue }
                throw TranscriptReadError.unreadable(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
            guard total <= RegularFile.maximumSize else { throw TranscriptReadError.fileTooLarge }
            let filled = pending + n
            let consumed = try forEachCompleteLine(in: UnsafeBufferPointer(rebasing: buffer[..<filled])) {
                lines += 1
                guard $0.count <= RegularFile.maximumLineLength else { throw TranscriptReadError.lineTooLong(line: lines) }
                try body($0, true)
            }
            // Move the unfinished line to the front for the next read to complete.
            pending = filled - consumed
            if consumed > 0, pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + consumed, pending) }
        }
        if pending > RegularFile.maximumLineLength { throw TranscriptReadError.lineTooLong(line: lines + 1) }
        if pending > 0 { try body(UnsafeBufferPointer(rebasing: buffer[..<pending]), false) }
    }

    /// Calls `body` with each line of `bytes` that ends in a newline; returns
    /// how many bytes those lines took, newlines included.
    static func forEachCompleteLine(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        // memchr finds the newline many bytes at a time.
        while let newline = memchr(base + start, 0x0A, bytes.count - start) {
            let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end + 1
        }
        return start
    }

    /// A buffer twice as big holding the same bytes.
    private static func grow(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<UInt8> {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
        _ = larger.initialize(fromContentsOf: buffer)
        buffer.deallocate()
        return larger
    }
}
