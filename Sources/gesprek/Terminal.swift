import Foundation

/// Writing to the standard streams. Messages for people go to stderr so that
/// stdout carries only what was asked for (a summary, help).
enum Terminal {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func info(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("gesprek: " + text + "\n").utf8))
    }

    /// Line editing only when both ends are terminals; otherwise plain lines, no prompt, no escape codes.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
