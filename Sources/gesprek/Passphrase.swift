import ArgumentParser
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit
import Synchronization

/// Where the passphrase of encrypted transcripts comes from: `GESPREK_PASSPHRASE`
/// for scripts, else asked on the terminal without echo.
enum Passphrase {
    /// No passphrase can be had: no variable and no terminal to ask on.
    struct Missing: Error {
        var message: String {
            say(
                "dit transcript is versleuteld of moet versleuteld worden, maar er is geen wachtwoord: zet GESPREK_PASSPHRASE of gebruik een terminal",
                "this transcript is or must be encrypted, but there is no passphrase: set GESPREK_PASSPHRASE or use a terminal")
        }
    }

    /// A passphrase from `GESPREK_PASSPHRASE` for a new transcript that is
    /// shorter than ``minimumLength``: the same rule as on the terminal.
    struct TooShort: Error {
        var message: String {
            say(
                "het wachtwoord in GESPREK_PASSPHRASE is te kort: een nieuw transcript vraagt minstens \(minimumLength) tekens",
                "the passphrase in GESPREK_PASSPHRASE is too short: a new transcript needs at least \(minimumLength) characters")
        }
        var hint: String {
            say("kies een langer wachtwoord; er is niets geschreven", "choose a longer passphrase; nothing was written")
        }
    }

    /// The shortest passphrase accepted for a new transcript, typed or from
    /// `GESPREK_PASSPHRASE`, in characters.
    static let minimumLength = 8

    /// Whether a passphrase is long enough for a new transcript: one rule for the prompt and the environment.
    static func isLongEnough(_ passphrase: String) -> Bool {
        passphrase.count >= minimumLength
    }

    /// The passphrase given on the terminal earlier in this run, so that the signing key does not ask again.
    nonisolated(unsafe) private static var given: String?

    /// - Parameter confirm: for a new transcript: ask twice, and insist on a minimum length
    ///   (``TooShort`` for a shorter one from the environment).
    /// - Throws: ``Missing``, ``TooShort``; `ExitCode` 130 after Ctrl-C and 77 after Ctrl-D
    ///   at the prompt, 143 or 129 after SIGTERM or SIGHUP (the message is shown
    ///   then, the terminal's echo back on, nothing written).
    static func obtain(confirm: Bool, environment: EnvironmentVariables = .process) throws -> String {
        if let given = environment["GESPREK_PASSPHRASE"], !given.isEmpty {
            if confirm, !isLongEnough(given) { throw TooShort() }
            return given
        }
        if let given { return given }
        let answer = try ask(confirm: confirm)
        given = answer
        return answer
    }

    private static func ask(confirm: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard tty >= 0 else { throw Missing() }
        defer { close(tty) }
        while true {
            let first = try ask(say("Wachtwoord voor het transcript: ", "Passphrase for the transcript: "), on: tty)
            guard confirm else { return first }
            guard isLongEnough(first) else {
                Terminal.info(say("Kies minstens \(minimumLength) tekens.", "Choose at least \(minimumLength) characters."))
                continue
            }
            if try ask(say("Nogmaals: ", "Once more: "), on: tty) == first { return first }
            Terminal.info(say("De twee wachtwoorden verschillen; probeer opnieuw.", "The two passphrases differ; try again."))
        }
    }

    /// One line from the terminal, not shown while typed; the terminal as it
    /// was afterwards, whatever ends the prompt.
    private static func ask(_ prompt: String, on tty: Int32) throws -> String {
        switch SecretPrompt.read(prompt, on: tty) {
        case let .text(text):
            return text
        case .interrupted:
            Terminal.error(
                say("geen wachtwoord gegeven (Ctrl-C); er is niets geschreven", "no passphrase given (Ctrl-C); nothing was written"))
            throw ExitCode(128 + SIGINT)
        case .endOfInput:
            Terminal.error(
                say("geen wachtwoord gegeven (Ctrl-D); er is niets geschreven", "no passphrase given (Ctrl-D); nothing was written"))
            throw Exit.noPermission
        case let .signal(signal):
            Terminal.error(
                say("gestopt door signaal \(signal); er is niets geschreven", "stopped by signal \(signal); nothing was written"))
            throw ExitCode(128 + signal)
        }
    }
}

/// Reads a line on the terminal without echo, key by key: Enter ends it,
/// Backspace and Ctrl-U correct it, Ctrl-C and Ctrl-D cancel. (glibc's
/// getpass reads Ctrl-C as a character, takes Ctrl-D as an empty line, and
/// leaves echo off when a signal ends the program.) SIGTERM, SIGHUP and
/// SIGINT are caught while it waits, so that the terminal is put back first.
enum SecretPrompt {
    enum Answer: Equatable {
        case text(String)
        case interrupted
        case endOfInput
        case signal(Int32)
    }

    static func read(_ prompt: String, on tty: Int32) -> Answer {
        var saved = termios()
        let isTerminal = tcgetattr(tty, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
            withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        let previous = [SIGTERM, SIGHUP, SIGINT].map { signal in
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { promptSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            return (signal, old)
        }
        promptSignal.store(0, ordering: .relaxed)
        defer {
            if isTerminal { tcsetattr(tty, TCSAFLUSH, &saved) }
            for (signal, old) in previous {
                var old = old
                sigaction(signal, &old, nil)
            }
        }
        writeAll(prompt, to: tty)
        var bytes: [UInt8] = []
        while true {
            let signal = promptSignal.load(ordering: .relaxed)
            if signal == SIGINT { writeAll("\n", to: tty); return .interrupted }
            if signal != 0 { writeAll("\n", to: tty); return .signal(signal) }
            var ready = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            let count = poll(&ready, 1, 200)
            if count < 0 && errno == EINTR || count == 0 { continue }
            var byte: UInt8 = 0
            let n = count < 0 ? -1 : Glibc.read(tty, &byte, 1)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            // The terminal is gone: as a hangup.
            if n <= 0 { return .signal(SIGHUP) }
            switch byte {
            case 0x0D, 0x0A:
                writeAll("\n", to: tty)
                return .text(String(decoding: bytes, as: UTF8.self))
            case 0x03:
                writeAll("^C\n", to: tty)
                return .interrupted
            case 0x04:
                writeAll("\n", to: tty)
                return .endOfInput
            case 0x7F, 0x08:
                // One character back: its continuation bytes too.
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            case 0x15:
                bytes.removeAll()
            default:
                if byte >= 0x20 || byte == 0x09 { bytes.append(byte) }
            }
        }
    }

    private static func writeAll(_ text: String, to tty: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(tty, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// The signal that ended the passphrase prompt, 0 while none.
private let promptSignal = Atomic<Int32>(0)
