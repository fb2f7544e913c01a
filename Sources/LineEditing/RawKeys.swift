#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Single keys from the terminal, without Enter and without echo (the
/// terminal's non-canonical mode), for `gesprek replay`. Signals still work,
/// and every way out puts the terminal back as it was: ``restore()`` (also on
/// deinit), and Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE, which restore it
/// and then end the process by the same signal. Ctrl-Z restores it while suspended.
public final class RawKeys {
    /// A key as read.
    public enum Key: Equatable, Sendable {
        /// Enter (Return), Space, and Escape alone.
        case enter, space, escape
        /// The arrow keys (also with Ctrl or Alt held).
        case up, down, right, left
        /// A letter or other printable character.
        case character(Character)
        /// A control key by its byte: 0x04 is Ctrl-D, 0x7F Backspace.
        case control(UInt8)
        /// The input ended (or could not be read).
        case endOfInput
    }

    /// Puts the terminal on stdin in non-canonical mode without echo; nil when stdin is not a terminal.
    public init?() {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else { return nil }
        rawTerminal = savedTerminal
        rawTerminal.c_lflag &= ~tcflag_t(ICANON | ECHO | ECHONL)
        withUnsafeMutableBytes(of: &rawTerminal.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        RawSignals.install()
        rawModeActive.store(true, ordering: .sequentiallyConsistent)
        tcsetattr(STDIN_FILENO, TCSANOW, &rawTerminal)
    }

    deinit { restore() }

    /// Puts the terminal back as it was; safe to call more than once.
    public func restore() {
        guard rawModeActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        RawSignals.uninstall()
    }

    /// Waits up to `timeout` seconds (nil: without a limit) for one key; nil when none came in time.
    public func read(timeout: Double?) -> Key? {
        let deadline = timeout.map { monotonicSeconds() + max(0, $0) }
        while true {
            let remaining = deadline.map { max(0, $0 - monotonicSeconds()) }
            guard waitForInput(seconds: remaining) else {
                if let deadline, monotonicSeconds() >= deadline { return nil }
                continue
            }
            guard let byte = readByte() else { return .endOfInput }
            return decode(byte)
        }
    }

    private func decode(_ byte: UInt8) -> Key {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x20: return .space
        case 0x1B: return escapeSequence()
        case 0..<0x20, 0x7F: return .control(byte)
        case 0x21..<0x7F: return .character(Character(Unicode.Scalar(byte)))
        default: return utf8Character(startingWith: byte)
        }
    }

    /// An arrow key (`ESC [ C`, `ESC O C`, `ESC [ 1 ; 5 C`) or Escape alone.
    private func escapeSequence() -> Key {
        guard waitForInput(seconds: 0.05), let introducer = readByte(), introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O")
        else { return .escape }
        while waitForInput(seconds: 0.05), let byte = readByte() {
            guard (0x40...0x7E).contains(byte) else { continue }
            switch byte {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            default: return .escape
            }
        }
        return .escape
    }

    private func utf8Character(startingWith first: UInt8) -> Key {
        let expected = first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 1
        var bytes = [first]
        while bytes.count < expected, waitForInput(seconds: 0.05), let byte = readByte() { bytes.append(byte) }
        return .character(String(decoding: bytes, as: UTF8.self).first ?? "\u{FFFD}")
    }

    /// Whether stdin has something to read within `seconds` (nil: waits without a limit).
    private func waitForInput(seconds: Double?) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let milliseconds = seconds.map { Int32(min(Double(Int32.max), ($0 * 1000).rounded(.up))) } ?? -1
        let ready = poll(&descriptor, 1, milliseconds)
        return ready > 0
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return nil
        }
    }
}

/// Seconds on the system's monotonic clock.
private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}

// Globals, not members: the C signal handlers below cannot capture anything.
// Written only before the handlers are installed and while they are not.
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var rawTerminal = termios()
private let rawModeActive = Atomic<Bool>(false)
nonisolated(unsafe) private var previousActions: [Int32: sigaction] = [:]

/// The handlers that put the terminal back when a signal ends or stops the process.
private enum RawSignals {
    static let ending: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE]

    static func install() {
        for signal in ending { previousActions[signal] = handle(signal, endBySignal) }
        previousActions[SIGTSTP] = handle(SIGTSTP, suspend)
        previousActions[SIGCONT] = handle(SIGCONT, resume)
    }

    static func uninstall() {
        for (signal, action) in previousActions {
            var action = action
            sigaction(signal, &action, nil)
        }
        previousActions = [:]
    }

    @discardableResult
    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }
}

/// SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE: terminal back, a newline after what was shown, then the default action.
private func endBySignal(_ signal: Int32) {
    if rawModeActive.load(ordering: .sequentiallyConsistent) {
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
    }
    if isatty(STDOUT_FILENO) == 1 {
        var newline: UInt8 = 0x0A
        _ = write(STDOUT_FILENO, &newline, 1)
    }
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}

/// Ctrl-Z: terminal back, stop; on `fg` raw again (by `resume`) and this handler in place again.
private func suspend(_ signal: Int32) {
    if rawModeActive.load(ordering: .sequentiallyConsistent) {
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
    }
    Glibc.signal(SIGTSTP, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(SIGTSTP)
    // Continued.
    var action = sigaction()
    action.__sigaction_handler.sa_handler = suspend
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGTSTP, &action, nil)
}

private func resume(_ signal: Int32) {
    if rawModeActive.load(ordering: .sequentiallyConsistent) {
        tcsetattr(STDIN_FILENO, TCSANOW, &rawTerminal)
    }
}
