import GesprekKit

/// Feeds lines to a session and reports each result the way a command-line
/// user reads it: output on stdout, diagnostics on stderr.
struct LineRunner {
    let session: Session
    let sourceName: String
    var errors = 0
    var warnings = 0

    /// Runs one line; returns whether it was accepted.
    mutating func run(_ line: String, number: Int) -> Bool {
        let result = session.execute(line, lineNumber: number)
        if let output = result.output { Terminal.output(output) }
        for diagnostic in result.diagnostics {
            if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            Terminal.info(diagnostic.rendered(file: sourceName, language: cli))
        }
        return !result.isRejected
    }
}
