import ArgumentParser
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit

/// Opens a transcript named on the command line, with the messages and exit
/// codes every reading command shares.
enum TranscriptInput {
    /// Reads it whole; a cut-off last line is reported as a warning.
    static func read(_ path: String) throws -> Transcript {
        try checkReadable(path)
        do {
            let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path), keyring: keyring)
            for warning in transcript.warnings { warn(warning, path: path) }
            return transcript
        } catch let error as TranscriptReadError {
            throw exit(for: error, path: path)
        } catch let error as Passphrase.Missing {
            Terminal.error(error.message)
            throw Exit.noPermission
        }
    }

    /// What the reader skipped in the transcript at `path` (a cut-off last line).
    static func warn(_ warning: TranscriptWarning, path: String) {
        Terminal.info("\(shown(path)): " + say("waarschuwing: ", "warning: ") + warning.message(in: cli))
    }

    /// The passphrase for encrypted transcripts: asked once per run, only when one is met.
    static let keyring = TranscriptKeyring(caseKeys: SigningKeys.caseKeys) { try Passphrase.obtain(confirm: false) }

    /// Says what is wrong with a transcript and gives the exit code for it:
    /// 66 unreadable or not a regular file, 77 a wrong passphrase or a missing case key,
    /// 69 erased on request, 65 anything else.
    static func exit(for error: TranscriptReadError, path: String) -> ExitCode {
        Terminal.error("\(shown(path)): " + error.message(in: cli))
        switch error {
        case .unreadable, .notARegularFile: return Exit.noInput
        case .wrongPassphrase, .encrypted, .caseKeyMissing: return Exit.noPermission
        case .erasedOnRequest: return Exit.erased
        default: return Exit.dataError
        }
    }

    /// Says why a file of a caseload has no row and gives the exit code for
    /// it, as for a transcript named alone; an error from the keyring other
    /// than a missing passphrase is thrown on.
    static func exit(for error: CaseloadReadError, path: String) throws -> ExitCode {
        switch error {
        case .missing:
            Terminal.error(say("\(shown(path)) bestaat niet", "\(shown(path)) does not exist"))
            return Exit.noInput
        case .folder:
            Terminal.error(say("\(shown(path)) is een map, geen transcript", "\(shown(path)) is a folder, not a transcript"))
            return Exit.noInput
        case .noPermission:
            Terminal.error(say("kan \(shown(path)) niet lezen: geen leesrechten", "cannot read \(shown(path)): no permission"))
            return Exit.noInput
        case let .transcript(error):
            return exit(for: error, path: path)
        case let .keyring(error as Passphrase.Missing):
            Terminal.error(error.message)
            return Exit.noPermission
        case let .keyring(error):
            throw error
        }
    }

    /// Exits with 66 when `path` is missing, a folder or unreadable; warns
    /// when others can read it or list its folder.
    static func checkReadable(_ path: String) throws {
        var isFolder: DirectoryFlag = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw try exit(for: .missing, path: path)
        }
        if isFolder.boolValue { throw try exit(for: .folder, path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw try exit(for: .noPermission, path: path) }
        PrivacyWarning.check(URL(fileURLWithPath: path))
    }
}

/// A path as a message shows it: a control character in a file's name shown
/// escaped (see ``VisibleText``), as in a transcript's text.
func shown(_ path: String) -> String {
    VisibleText.escaped(path)
}
