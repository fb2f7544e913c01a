import Foundation

/// Writing to the standard streams. Messages for people go to stderr so that
/// stdout carries only what was asked for (a summary, help).
enum Terminal {
    /// Text for stdout; on a terminal without control characters (see ``printable(_:)``).
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(((stdoutIsTerminal ? printable(text) : text) + "\n").utf8))
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
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("gesprek: " + text + "\n").utf8))
    }

    /// An error with what to do about it on the line below.
    static func error(_ text: String, hint: String?) {
        error(text + (hint.map { "\n  " + say("tip: ", "hint: ") + $0 } ?? ""))
    }

    /// Line editing only when both ends are terminals; otherwise plain lines, no prompt, no escape codes.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
