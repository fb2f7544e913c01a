import ArgumentParser
import Foundation
import GesprekKit

/// Opens a transcript named on the command line, with the messages and exit
/// codes every reading command shares.
enum TranscriptInput {
    /// Reads it whole; a cut-off last line is reported as a warning.
    static func read(_ path: String) throws -> Transcript {
        guard FileManager.default.isReadableFile(atPath: path) else {
            Terminal.error(say("kan \(path) niet lezen", "cannot read \(path)"))
            throw Exit.noInput
        }
        do {
            let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path), keyring: keyring)
            for warning in transcript.warnings {
                Terminal.info("\(path): " + say("waarschuwing: ", "warning: ") + warning.message(in: cli))
            }
            return transcript
        } catch let error as TranscriptReadError {
            throw exit(for: error, path: path)
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            throw Exit.noPermission
        }
    }

    /// The passphrase for encrypted transcripts: asked once per run, only when one is met.
    static let keyring = TranscriptKeyring { try Passphrase.obtain(confirm: false) }

    /// Says what is wrong with a transcript and gives the exit code for it:
    /// 66 unreadable, 77 a wrong passphrase, 65 anything else.
    static func exit(for error: TranscriptReadError, path: String) -> ExitCode {
        Terminal.error("\(path): " + error.message(in: cli))
        switch error {
        case .unreadable: return Exit.noInput
        case .wrongPassphrase, .encrypted: return Exit.noPermission
        default: return Exit.dataError
        }
    }
}
