#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Colours for a terminal: only when the stream written to is a terminal
/// and `NO_COLOR` is not set (https://no-color.org). stdout and stderr are
/// decided apart: either may be a file or a pipe while the other is a terminal.
struct Style {
    let enabled: Bool

    /// For what goes to stdout.
    static let standardOutput = Style(stream: STDOUT_FILENO)
    /// For what goes to stderr: messages, diagnostics, confirmations.
    static let standardError = Style(stream: STDERR_FILENO)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    init(stream: Int32, environment: EnvironmentVariables = .process) {
        enabled = isatty(stream) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A colour for the prompt: libedit skips what stands between \u{1} marks
    /// when it measures the prompt, so the cursor lands in the right place.
    func prompt(_ text: String, _ code: String) -> String {
        enabled ? "\u{1}\u{1B}[\(code)m\u{1}\(text)\u{1}\u{1B}[0m\u{1}" : text
    }
}

/// How a run writes diagnostics on stderr: coloured when stderr is a
/// terminal, showing what was typed only where it may (``InputDisplay``).
struct ErrorOutput {
    var style = Style.standardError
    let inputDisplay: InputDisplay

    /// A diagnostic: errors red, warnings yellow.
    func diagnostic(_ diagnostic: Diagnostic, file: String? = nil) -> String {
        let text = inputDisplay.render(diagnostic, file: file)
        switch diagnostic.problem {
        case .transcriptNotSaved: return style.red(text)
        case .transcriptSavedAgain: return style.green(text)
        default: return diagnostic.severity == .error ? style.red(text) : style.yellow(text)
        }
    }
}
