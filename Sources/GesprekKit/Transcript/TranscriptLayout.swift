/// A last line that a crash cut off while it was being written. Such a line
/// was never confirmed: a line is confirmed only once it is on disk whole.
public struct CutTail: Sendable, Equatable {
    /// Its number in the file; the header is line 1.
    public var line: Int
    /// How many of its bytes were written.
    public var bytes: Int
    /// Only the newline is missing; the line itself is whole and counts.
    public var onlyLineEndMissing: Bool

    public init(line: Int, bytes: Int, onlyLineEndMissing: Bool) {
        self.line = line
        self.bytes = bytes
        self.onlyLineEndMissing = onlyLineEndMissing
    }

    /// What it is, without any of its content.
    public func message(in language: DisplayLanguage) -> String {
        onlyLineEndMissing
            ? language.pick(
                "laatste regel \(line) mist alleen zijn regeleinde; gesprek repair zet het erbij",
                "the last line (\(line)) lacks only its line end; gesprek repair adds it")
            : language.pick(
                "afgebroken laatste regel \(line) (\(bytes) bytes), nooit bevestigd; gesprek repair haalt hem weg",
                "cut-off last line \(line) (\(bytes) bytes), never confirmed; gesprek repair trims it")
    }
}

/// A transcript's bytes cut into lines, with a cut-off last line told apart:
/// what ``TranscriptVerifier`` checks and ``TranscriptRepair`` mends.
struct TranscriptLayout {
    /// The lines that count, header first, without their newlines.
    private(set) var lines: [Range<Int>] = []
    /// The last line, when a crash left it without its newline.
    private(set) var cutTail: CutTail?
    /// Where the cut-off line starts, when it is to be trimmed.
    private(set) var cutOffset: Int?
    /// Whether the file is encrypted: its first line is an envelope, the header the second.
    private(set) var isEncrypted = false

    /// How many events the whole lines hold.
    var events: Int { max(0, lines.count - (isEncrypted ? 2 : 1)) }

    /// Throws `empty`, or `notATranscript` when the first line is no header
    /// (a header cut off while being written still counts as one).
    init(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { throw TranscriptReadError.empty }
        var end = 0
        while let newline = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(end..<newline)
            end = newline + 1
        }
        if end < bytes.count {
            let tail = UnsafeBufferPointer(rebasing: bytes[end...])
            let number = lines.count + 1
            let whole = Self.isWhole(tail, lineNumber: number)
            cutTail = CutTail(line: number, bytes: tail.count, onlyLineEndMissing: whole)
            if whole { lines.append(end..<bytes.count) } else { cutOffset = end }
        }
        guard let first = lines.first else {
            // Nothing but the start of a header: a crash right after the file was made.
            guard Self.beginsLikeAHeader(UnsafeBufferPointer(rebasing: bytes[...])) else { throw TranscriptReadError.notATranscript }
            return
        }
        let firstLine = UnsafeBufferPointer(rebasing: bytes[first])
        // An encrypted transcript starts with its envelope; its sealed lines cannot be judged whole without
        // the key, and a sealed line without its newline was never confirmed: it is cut.
        if TranscriptEncryption.envelope(ofFirstLine: firstLine) != nil {
            isEncrypted = true
            if let cut = cutTail, cut.onlyLineEndMissing, lines.count > 1 {
                lines.removeLast()
                cutOffset = lines.last.map { $0.upperBound + 1 } ?? end
                cutTail = CutTail(line: cut.line, bytes: cut.bytes, onlyLineEndMissing: false)
            }
            return
        }
        _ = try TranscriptDecoder.header(firstLine)
    }

    /// Whether a line without newline is whole all the same: it reads as a
    /// header or an event. A cut can only end it early, and every line ends in `}`.
    private static func isWhole(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> Bool {
        // Sealed lines are base64: no JSON object, so never taken for whole here.
        do {
            if lineNumber == 1 {
                _ = try TranscriptDecoder.header(line)
            } else if TranscriptFormat.isClosing(line) {
                return TranscriptDecoder.closing(line) != nil
            } else {
                _ = try TranscriptDecoder.event(line, lineNumber: lineNumber)
            }
            return true
        } catch TranscriptReadError.unsupportedVersion {
            return true  // whole, but not ours to judge
        } catch {
            return false
        }
    }

    private static let headerStart = Array(#"{"format":"gesprek-transcript","#.utf8)

    /// Whether `bytes` start a header as gesprek writes it, as far as they go.
    private static func beginsLikeAHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(bytes.count, headerStart.count)
        return bytes.prefix(n).elementsEqual(headerStart.prefix(n))
    }
}
