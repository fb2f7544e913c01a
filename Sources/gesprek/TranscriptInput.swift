import ArgumentParser
import Foundation
import GesprekKit

/// Opens a transcript named on the command line, with the messages and exit
/// codes every reading command shares.
enum TranscriptInput {
    /// Reads it whole; a cut-off last line is reported as a warning.
    static func read(_ path: String) throws -> Transcript {
        try checkReadable(path)
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

    /// Exits with 66 when `path` is missing, a folder or unreadable; warns
    /// when others can read it or list its folder.
    static func checkReadable(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            Terminal.error(say("\(path) bestaat niet", "\(path) does not exist"))
            throw Exit.noInput
        }
        if isFolder.boolValue {
            Terminal.error(say("\(path) is een map, geen transcript", "\(path) is a folder, not a transcript"))
            throw Exit.noInput
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            Terminal.error(say("kan \(path) niet lezen: geen leesrechten", "cannot read \(path): no permission"))
            throw Exit.noInput
        }
        PrivacyWarning.check(URL(fileURLWithPath: path))
    }
}
