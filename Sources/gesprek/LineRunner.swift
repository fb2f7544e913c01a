import GesprekKit

/// Feeds lines to a session and reports each result the way a command-line
/// user reads it: output on stdout, diagnostics on stderr.
struct LineRunner {
    let session: Session
    let sourceName: String
    let errorOutput: ErrorOutput
    var errors = 0
    var warnings = 0

    /// Runs one line; returns whether it was accepted.
    mutating func run(_ line: SourceLine, number: Int) -> Bool {
        switch line {
        case let .text(text):
            let result = session.execute(text, lineNumber: number)
            if let output = result.output { Terminal.output(output) }
            report(result.diagnostics)
            return !result.isRejected
        case let .invalid(diagnostic):
            report([diagnostic])
            return false
        }
    }

    private mutating func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            Terminal.info(errorOutput.diagnostic(diagnostic, file: sourceName))
        }
    }
}
