/// A problem found in a line: an error (the line is rejected, nothing is
/// recorded) or a warning (the line is recorded, but something looks off).
///
/// Diagnostics are values: a host reads `severity`, `location` and `problem`
/// and renders them as it likes, or uses ``rendered(file:language:)``.
public struct Diagnostic: Sendable, Equatable, Error {
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    public let severity: Severity
    /// Where the problem starts.
    public let location: SourceLocation
    /// How many characters the caret marks (at least one).
    public let length: Int
    /// What is wrong, as a typed value.
    public let problem: Problem
    /// The line as it was typed, for showing the caret under the spot.
    public let sourceLine: String

    public init(_ severity: Severity, _ problem: Problem, at location: SourceLocation, length: Int = 1, sourceLine: String) {
        self.severity = severity
        self.problem = problem
        self.location = location
        self.length = max(1, length)
        self.sourceLine = sourceLine
    }

    /// One sentence that says what is wrong.
    public func message(in language: DisplayLanguage) -> String { problem.message(in: language) }

    /// What to do about it, when there is something to suggest.
    public func hint(in language: DisplayLanguage) -> String? { problem.hint(in: language) }

    /// The message as a person reads it in a terminal or a log:
    ///
    ///     intake.gesprek:3:16: fout: score gaat van 0 tot en met 4, niet 5
    ///         3 | score gezin.s1 5 Kent de belangrijke mensen nu.
    ///           |                ^
    ///       tip: 0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden
    public func rendered(file: String? = nil, language: DisplayLanguage) -> String {
        let label = switch severity {
        case .error: language.pick("fout", "error")
        case .warning: language.pick("waarschuwing", "warning")
        }
        let place = (file.map { "\($0):" } ?? "") + location.description
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        // The caret sits under the column; tabs before it stay tabs so it lines up.
        let before = sourceLine.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        let carets = String(repeating: "^", count: min(length, max(1, sourceLine.count - location.column + 1)))
        if problem.concernsTranscript {
            return "\(place): \(label): \(message(in: language))" + (hint(in: language).map { "\n  \(language.pick("tip", "hint")): \($0)" } ?? "")
        }
        var text = "\(place): \(label): \(message(in: language))\n"
        text += "    \(gutter) | \(sourceLine)\n"
        text += "    \(pad) | \(before)\(carets)"
        if let hint = hint(in: language) {
            text += "\n  \(language.pick("tip", "hint")): \(hint)"
        }
        return text
    }
}
