#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// The first error of a write to stdout and to stderr (an errno), 0 while none.
// Atomics, as the flags of LineEditing's `Signals`: any thread may write a message.
private let standardOutputFailure = Atomic<Int32>(0)
private let standardErrorFailure = Atomic<Int32>(0)

/// Writing to the standard streams. Messages for people go to stderr so that
/// stdout carries only what was asked for (a summary, help).
///
/// Every write is write(2) with its error handled, never FileHandle (whose
/// write traps on EIO, ENOSPC or EPIPE and kills gesprek with SIGILL): a
/// terminal that went away, a full disk or a closed pipe loses that output,
/// never the transcript. After the first failure a stream takes no more
/// writes; ``outputFailure`` tells the command line how to end (see `Gesprek.main`).
enum Terminal {
    /// Text for stdout; on a terminal without control characters (see ``printable(_:)``).
    static func output(_ text: String) {
        writeOutput((stdoutIsTerminal ? printable(text) : text) + "\n")
    }

    /// A line for stdout that gesprek styled itself, written as it is (its
    /// colour codes must reach the terminal). Every piece in it from outside
    /// (a transcript, a scenario) went through ``VisibleText`` before it was styled.
    static func styledOutput(_ text: String) {
        writeOutput(text + "\n")
    }

    /// Text for stdout as it is, with no newline added.
    static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO, failure: standardOutputFailure)
    }

    /// Text for stderr as it is, with no newline added.
    static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO, failure: standardErrorFailure)
    }

    /// Why stdout could not take everything (an errno: EPIPE when its reader is gone), or nil.
    static var outputFailure: Int32? {
        let code = standardOutputFailure.load(ordering: .relaxed)
        return code == 0 ? nil : code
    }

    /// Why stderr could not take everything, or nil.
    static var errorFailure: Int32? {
        let code = standardErrorFailure.load(ordering: .relaxed)
        return code == 0 ? nil : code
    }

    /// Why a write to a stream failed, in words, for an errno.
    static func explanation(ofWriteError code: Int32) -> String {
        switch code {
        case ENOSPC: say("de schijf is vol", "the disk is full")
        case EDQUOT: say("je schijfquotum is op", "your disk quota is used up")
        case EFBIG: say("de maximale bestandsgrootte is bereikt", "the file size limit is reached")
        case EIO: say("de terminal of schijf geeft een schrijffout", "the terminal or disk reports an input/output error")
        case EPIPE: say("wie de uitvoer las, is gestopt", "the reader of the output has gone")
        default: String(cString: strerror(code))
        }
    }

    /// Writes all of `text`, through EINTR and EAGAIN; on any other error notes it and gives up on the stream.
    private static func write(_ text: String, to descriptor: Int32, failure: borrowing Atomic<Int32>) {
        guard failure.load(ordering: .relaxed) == 0 else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // A non-blocking descriptor (shared with another program): wait until it takes more.
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 1000)
                continue
            }
            failure.store(code, ordering: .relaxed)
            return
        }
    }

    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// The text with every control character but newline and tab shown as �.
    /// A transcript written by hand (or by an older gesprek) may hold them,
    /// and on a terminal they steer it: `ESC ]0;…` sets the window's title.
    static func printable(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    static func info(_ text: String) {
        writeError(text + "\n")
    }

    static func error(_ text: String) {
        writeError("gesprek: " + text + "\n")
    }

    /// An error with what to do about it on the line below.
    static func error(_ text: String, hint: String?) {
        error(text + (hint.map { "\n  " + say("tip: ", "hint: ") + $0 } ?? ""))
    }

    /// Line editing only when both ends are terminals; otherwise plain lines, no prompt, no escape codes.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
