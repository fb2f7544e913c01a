#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Writes a session's transcript durably, line by line: the header first,
/// then each event, every line sealed with its hash (``TranscriptChain``) in
/// the order it was made and the hash signed (``TranscriptSigner``; with
/// ``TranscriptSigning/checkpoints(every:)`` only every N-th event's); at a
/// normal end, ``close()`` adds the closing record (``TranscriptClosing``), signed.
///
/// When the sink cannot take a line (disk full, quota, read-only disk, file
/// removed), the line is kept in memory, in order; every later line first
/// gives the waiting ones to the sink again. ``move(to:)`` and ``save(to:)``
/// continue in a new sink that first gets every line so far. The interpreter
/// (``Session``) decides what a line is; this type only keeps it.
public final class TranscriptRecorder {
    /// What a recorded line meant for the disk, when there is something to say.
    public enum Notice: Sendable, Equatable {
        /// The sink refused; `waiting` lines (this one included) are only in memory.
        case notSaved(TranscriptFileError, waiting: Int)
        /// After a failure, every waiting line is written: `count` of them.
        case savedAgain(count: Int)
    }

    /// Where the lines go; ``move(to:)`` and ``save(to:)`` change it.
    public private(set) var sink: any TranscriptSink
    /// Seals each line with its hash, chained to the one before.
    private var chain = TranscriptChain()
    /// The lines the sink has taken, header first, as the sink got them: what a new sink receives in
    /// ``move(to:)``. Kept only for a sink that cannot give them back; a ``TranscriptFile`` reads them
    /// again from its file, so that a long script's memory does not grow with its lines.
    private var lines: [String] = []
    /// The lines the sink has not taken yet, in order.
    private var pending: [String] = []
    /// A failed write was reported; the first complete write after it is reported too.
    private var reportedFailure = false
    /// The header as written: with its file id and signer.
    public let header: TranscriptHeader
    /// How many events were recorded.
    private var eventCount = 0
    /// The closing record was made; nothing is recorded after it.
    private var closed = false
    /// The last event recorded, as its line is encoded before the seal (hash and signature): what a
    /// host shows of the event without encoding it again (the C interface's answer to a line).
    public private(set) var lastEventLine: (sequence: Int, line: String)?

    /// Starts the transcript with its header, which gets a new file id and
    /// the signer's public key (format version 3).
    /// - Parameter signer: signs every line; a new key kept nowhere when nil
    ///   (the transcript then verifies as signed by an unknown key).
    /// - Parameter signing: which lines get a signature (the header says so);
    ///   the header and the closing record always do.
    /// - Throws: the sink's error when the header cannot be written.
    public init(
        header: TranscriptHeader, sink: any TranscriptSink, signer: TranscriptSigner? = nil,
        signing: TranscriptSigning = .everyLine
    ) throws {
        self.sink = sink
        let signer = signer ?? .ephemeral()
        var header = header
        header.version = TranscriptHeader.currentVersion
        header.fileID = UUID().uuidString.lowercased()
        header.signer = signer.publicKey.hex
        header.signing = signing
        self.header = header
        self.chain = TranscriptChain(signer: signer)
        // The header starts the hash chain; every line after it is sealed in order as it is made.
        let (headerLine, chain) = self.chain.sealing(TranscriptEncoder.line(for: header))
        try sink.append(line: headerLine)
        self.chain = chain
        if !(sink is TranscriptFile) { lines = [headerLine] }
    }

    /// Seals the event's line and gives it to the sink, after the lines that
    /// wait. The line is kept whatever the disk does.
    /// - Returns: what to tell the user about the disk, or nil when all is well.
    public func record(_ event: Event) -> Notice? {
        let waiting = unsavedLineCount
        // Sealed now, in order: the line will reach the file, now or when the disk takes it again.
        let line = TranscriptEncoder.line(for: event)
        lastEventLine = (event.sequence, line)
        let (sealed, next) = chain.sealing(line, signed: header.signing.signs(sequence: eventCount + 1))
        chain = next
        pending.append(sealed)
        eventCount += 1
        if let error = flush() {
            reportedFailure = true
            return .notSaved(error, waiting: unsavedLineCount)
        }
        if reportedFailure {
            reportedFailure = false
            return .savedAgain(count: waiting + 1)
        }
        return nil
    }

    /// How many lines are recorded in memory but not yet in the sink.
    /// Zero as long as every write succeeds.
    public var unsavedLineCount: Int { pending.count }

    /// Gives the lines that wait to the sink again, in order.
    /// - Returns: how many lines were written.
    /// - Throws: the sink's ``TranscriptFileError`` when lines still wait.
    @discardableResult
    public func retryUnsaved() throws -> Int {
        let before = pending.count
        if let error = flush() { throw error }
        reportedFailure = false
        return before
    }

    /// Goes on in another sink. It first gets every line so far, header
    /// first, so that it holds the whole transcript on its own; then it takes
    /// the place of the current sink, which is closed as it is.
    /// - Throws: the new sink's error; then nothing changes, every line kept.
    public func move(to newSink: any TranscriptSink) throws {
        var all: [String]
        do {
            all = try (sink as? TranscriptFile)?.writtenLines() ?? lines
            all += pending
            for line in all { try newSink.append(line: line) }
        } catch {
            try? newSink.close()
            throw Self.failure(error)
        }
        let previous = sink
        sink = newSink
        lines = newSink is TranscriptFile ? [] : all
        pending = []
        reportedFailure = false
        try? previous.close()
    }

    /// Saves the whole transcript so far as a new file and goes on there (see
    /// ``move(to:)``). Never overwrites a file; mode 0600, new folders 0700.
    /// An encrypted transcript stays encrypted in its new place, under the same key.
    /// - Throws: ``TranscriptFileError`` (`EEXIST` when the file exists). A new
    ///   file that could not be written whole is removed again.
    @discardableResult
    public func save(to url: URL) throws -> TranscriptFile {
        let file = try TranscriptFile(creating: url, encryption: (sink as? TranscriptFile)?.encryption)
        do {
            try move(to: file)
        } catch {
            unlink(url.path)
            throw error
        }
        return file
    }

    /// Makes what the sink has taken durable (``TranscriptSink/sync()``); the lines that wait stay waiting.
    public func sync() throws {
        try sink.sync()
    }

    /// Every event recorded so far, read back from the lines (from the file, for a ``TranscriptFile``):
    /// for a session that does not keep its events.
    func recordedEvents() throws -> [Event] {
        let all = try ((sink as? TranscriptFile)?.writtenLines() ?? lines) + pending
        return try TranscriptReader.read(text: all.map { $0 + "\n" }.joined()).events
    }

    /// Closes the sink at a normal end: the closing record is added after the
    /// lines that wait, and all are given to the sink. When some still cannot
    /// be written this throws and leaves the sink open, so that ``save(to:)``
    /// can still keep them (the closing record with them).
    public func close() throws {
        if !closed, let last = chain.last {
            let closing = TranscriptClosing(
                reason: .normal, events: eventCount, fileID: header.fileID ?? "", lastHash: Hex.string(last),
                signer: header.signer ?? "")
            let (sealed, next) = chain.sealing(TranscriptEncoder.line(for: closing))
            chain = next
            pending.append(sealed)
            closed = true
        }
        if let error = flush() { throw error }
        try sink.close()
    }

    /// Writes the waiting lines in order; stops at the first that fails.
    private func flush() -> TranscriptFileError? {
        var taken = 0
        defer {
            if taken > 0 {
                if !(sink is TranscriptFile) { lines += pending[..<taken] }
                pending.removeFirst(taken)
            }
        }
        while taken < pending.count {
            do {
                try sink.append(line: pending[taken])
            } catch {
                return Self.failure(error)
            }
            taken += 1
        }
        return nil
    }

    /// A sink's error as it may be shown: its system reason, or only its type (never its text).
    private static func failure(_ error: any Error) -> TranscriptFileError {
        (error as? TranscriptFileError) ?? TranscriptFileError(code: 0, reason: "\(type(of: error))")
    }
}
