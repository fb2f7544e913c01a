#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit
import LineEditing

/// The terminal side of a replay: shows the lines (styled on a terminal),
/// reads keys in raw mode when stdin is a terminal, and waits. Without a
/// terminal it prints plain lines (the caller gives it a style without
/// colours), and only sleeps.
final class ReplayScreen: ReplayConsole {
    private let keys: RawKeys?
    private let clock: ReplayClock
    private let style: Style
    /// Transient notes stand on their own line until the next output; only on a terminal.
    private let overwrites: Bool
    private var transientShown = false

    init(keys: RawKeys?, clock: ReplayClock, style: Style) {
        self.keys = keys
        self.clock = clock
        self.style = style
        overwrites = keys != nil && isatty(STDOUT_FILENO) == 1
    }

    var readsKeys: Bool { keys != nil }

    func show(_ output: ReplayOutput) {
        switch output {
        case let .event(event, retracted):
            let text = Terminal.printable(ReplayText.event(event, retracted: retracted, language: cli))
            line(retracted ? style.struck(text) : event.kind == .mark ? style.bold(style.cyan(text)) : text)
        case let .reflection(reflection):
            line(style.yellow(Terminal.printable(ReplayText.reflection(reflection, language: cli))))
        case let .undo(event, retracting):
            line(style.dim(Terminal.printable(ReplayText.undo(event, retracting: retracting, language: cli))))
        case let .note(note):
            let text = style.dim(Terminal.printable(ReplayText.note(note, language: cli)))
            if note.isTransient && overwrites {
                clearTransient()
                write(text)
                transientShown = true
            } else {
                line(text)
            }
        }
    }

    /// A line of the replay's own: header, window, keys, closing.
    func line(_ text: String) {
        clearTransient()
        write(text + "\n")
    }

    func waitForKey(until deadline: Double?) -> ReplayKey? {
        // Nobody sees the replay any more (a closed pipe, a full disk): no use waiting out its pauses.
        if Terminal.outputFailure != nil { return .quit }
        let remaining = deadline.map { max(0, $0 - clock.now()) }
        guard let keys else {
            if let remaining { Self.sleep(remaining) }
            return deadline == nil ? .quit : nil
        }
        return keys.read(timeout: remaining).map(Self.meaning)
    }

    /// What a key does in replay.
    static func meaning(_ key: RawKeys.Key) -> ReplayKey {
        switch key {
        case .enter, .right: .forward
        case .space: .space
        case .endOfInput, .control(0x04): .quit
        case let .character(c):
            switch c.lowercased() {
            case "j": .forward
            case "n": .nextMarker
            case "p": .previousMarker
            case "q": .quit
            default: .other
            }
        case .escape, .up, .down, .left, .control: .other
        }
    }

    private func clearTransient() {
        guard transientShown else { return }
        write("\r\u{1B}[2K")
        transientShown = false
    }

    private func write(_ text: String) {
        Terminal.writeOutput(text)
    }

    private static func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1_000_000_000))
        var rest = timespec()
        while nanosleep(&request, &rest) != 0 && errno == EINTR { request = rest }
    }
}

/// The system's monotonic clock.
final class SystemReplayClock: ReplayClock {
    func now() -> Double { ProcessInfo.processInfo.systemUptime }
}

extension Style {
    /// Dimmed and struck through: a retracted line.
    func struck(_ text: String) -> String {
        enabled ? "\u{1B}[2;9m\(text)\u{1B}[0m" : text
    }
}
