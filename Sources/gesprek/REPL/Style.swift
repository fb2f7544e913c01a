import Foundation
import GesprekKit

/// Colours for the terminal: only when stdout is a terminal and `NO_COLOR`
/// is not set (https://no-color.org).
struct Style {
    let enabled: Bool

    static let current = Style(enabled: isatty(STDOUT_FILENO) == 1
        && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A diagnostic as the REPL shows it: errors red, warnings yellow.
    func diagnostic(_ diagnostic: Diagnostic, file: String? = nil) -> String {
        let text = InputDisplay.render(diagnostic, file: file)
        switch diagnostic.problem {
        case .transcriptNotSaved: return red(text)
        case .transcriptSavedAgain: return green(text)
        default: return diagnostic.severity == .error ? red(text) : yellow(text)
        }
    }

    /// A colour for the prompt: libedit skips what stands between \u{1} marks
    /// when it measures the prompt, so the cursor lands in the right place.
    func prompt(_ text: String, _ code: String) -> String {
        enabled ? "\u{1}\u{1B}[\(code)m\u{1}\(text)\u{1}\u{1B}[0m\u{1}" : text
    }
}
