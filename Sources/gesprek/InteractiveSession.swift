#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Starts the live session on a terminal.
enum InteractiveSession {
    static func run(options: SessionSettings, keepHistory: Bool, errors: ErrorOutput) throws {
        let (session, file) = try options.startRecording(compactSummary: true)
        let repl = try Repl(
            session: session, file: file, historyFile: keepHistory ? historyURL() : nil, rescueFolder: options.rescueFolder,
            errors: errors)
        let code = repl.run()
        if code != 0 { throw ExitCodeError(code: code) }
    }

    /// `$XDG_STATE_HOME/gesprek/history`, or `~/.local/state/gesprek/history`.
    static func historyURL(environment: EnvironmentVariables = .process) -> URL {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? PathText.home()).appendingPathComponent(".local/state")
        return base.appendingPathComponent("gesprek/history")
    }
}

/// Ends the program with this code.
struct ExitCodeError: Error {
    let code: Int32
}
