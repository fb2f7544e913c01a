/// A problem found in a line: an error (the line is rejected, nothing is
/// recorded) or a warning (the line is recorded, but something looks off).
///
/// Diagnostics are values: a host reads `severity`, `location` and `problem`
/// and renders them as it likes, or uses ``rendered(file:language:showingInput:)``.
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

    /// One sentence that says what is wrong; without `showingInput`, none of the typed words.
    public func message(in language: DisplayLanguage, showingInput: Bool = true) -> String {
        problem.message(in: language, showingInput: showingInput)
    }

    /// What to do about it, when there is something to suggest.
    public func hint(in language: DisplayLanguage, showingInput: Bool = true) -> String? {
        problem.hint(in: language, showingInput: showingInput)
    }

    /// The message as a person reads it in a terminal or a log:
    ///
    ///     intake.gesprek:3:16: fout: score gaat van 0 tot en met 4, niet 5
    ///         3 | score gezin.s1 5 Kent de belangrijke mensen nu.
    ///           |                ^
    ///       tip: 0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden
    ///
    /// - Parameter showingInput: `false` for output that may be kept (a log, a
    ///   file): then neither the line nor any typed word appears, only where
    ///   the problem is, what it is and the hint:
    ///
    ///       intake.gesprek:3:16: fout: score gaat van 0 tot en met 4
    ///         tip: 0 zeer ontevreden, 1 ontevreden, 2 neutraal, 3 tevreden, 4 zeer tevreden
    public func rendered(file: String? = nil, language: DisplayLanguage, showingInput: Bool = true) -> String {
        let label =
            switch severity {
            case .error: language.pick("fout", "error")
            case .warning: language.pick("waarschuwing", "warning")
            }
        let place = (file.map { "\($0):" } ?? "") + location.description
        // What was typed or read (a line of a script or a scenario) may hold characters that steer a
        // terminal: the message, the line and the hint show them escaped (``VisibleText``).
        var text = "\(place): \(label): " + VisibleText.escaped(message(in: language, showingInput: showingInput))
        // A transcript's write failure is about the disk, not the line: the line is never repeated.
        if showingInput, !problem.concernsTranscript {
            let (excerpt, column) = Self.excerpt(of: sourceLine, around: location.column)
            let characters = excerpt.map { VisibleText.escaped(String($0)) }
            let shown = characters.joined()
            let gutter = String(location.line)
            let pad = String(repeating: " ", count: gutter.count)
            // The caret sits under the column, an escape as wide as it is shown; tabs before it stay tabs so it lines up.
            let before = characters.prefix(column - 1).map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.count) }.joined()
            let marked = characters.dropFirst(column - 1).prefix(length).map(\.count).reduce(0, +)
            let carets = String(repeating: "^", count: max(1, marked))
            text += "\n    \(gutter) | \(shown)\n    \(pad) | \(before)\(carets)"
        }
        if let hint = hint(in: language, showingInput: showingInput) {
            text += "\n  \(language.pick("tip", "hint")): " + VisibleText.escaped(hint)
        }
        return text
    }

    /// The most of a line shown under a message, in characters.
    static let widestExcerpt = 120

    /// The line as shown, cut around the column when it is too long to read
    /// (`…` marks a cut), and the column within what is shown.
    static func excerpt(of line: String, around column: Int) -> (String, Int) {
        // Counting characters is linear; only a line with many bytes can be too long.
        guard line.utf8.count > widestExcerpt, line.count > widestExcerpt else { return (line, column) }
        let characters = Array(line)
        let start = max(0, min(column - 1 - widestExcerpt / 2, characters.count - widestExcerpt))
        let end = min(characters.count, start + widestExcerpt)
        let head = start > 0 ? "…" : ""
        let tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }
}
