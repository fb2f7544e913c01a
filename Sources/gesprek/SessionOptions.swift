import ArgumentParser
import Foundation
import GesprekKit

/// What every command that records a session accepts: where the transcript
/// goes and what is known about the session.
struct SessionOptions: ParsableArguments {
    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp(
            say(
                "Schrijf het transcript naar dit bestand (het mag nog niet bestaan).",
                "Write the transcript to this file (it must not exist yet)."), valueName: say("bestand", "file")))
    var output: String?

    @Option(name: .customLong("case"), help: ArgumentHelp(say("Dossiernummer.", "Case reference."), valueName: say("nummer", "reference")))
    var caseReference: String?

    @Option(help: ArgumentHelp(say("Naam van de adviseur.", "The advisor's name."), valueName: say("naam", "name")))
    var advisor: String?

    @Option(
        name: .customLong("participant"),
        help: ArgumentHelp(
            say(
                "Deelnemer, met rol na een dubbele punt: \"Lisa:moeder\". Herhaalbaar.",
                "A participant, with the role after a colon: \"Lisa:moeder\". Repeatable."), valueName: say("naam[:rol]", "name[:role]")))
    var participants: [String] = []

    @Flag(help: ArgumentHelp(say("Ga door na een fout en meld ze allemaal.", "Go on after an error and report them all.")))
    var keepGoing = false

    @Flag(
        help: ArgumentHelp(
            say(
                "Versleutel het transcript met een wachtwoord (ook: encrypt = yes in de instellingen; wachtwoord uit GESPREK_PASSPHRASE of gevraagd).",
                "Encrypt the transcript with a passphrase (also: encrypt = yes in the settings; passphrase from GESPREK_PASSPHRASE or asked)."
            )))
    var encrypt = false

    @Option(
        help: ArgumentHelp(
            say(
                "Map voor een volledige kopie als het transcript niet af kan (schijf vol, bestand weg); standaard de transcriptmap.",
                "Folder for a complete copy when the transcript cannot be finished (disk full, file gone); by default the transcripts folder."
            ),
            valueName: say("map", "folder")))
    var rescue: String?

    func validate() throws {
        if caseReference?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError(say("--case mag niet leeg zijn", "--case cannot be empty"))
        }
        if advisor?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError(say("--advisor mag niet leeg zijn", "--advisor cannot be empty"))
        }
        for spec in participants where Self.participant(spec) == nil {
            throw ValidationError(
                say(
                    "--participant heeft een naam nodig, zoals \"Lisa:moeder\"; kreeg \"\(spec)\"",
                    "--participant needs a name, such as \"Lisa:moeder\"; got \"\(spec)\""))
        }
    }

    /// `NAME` or `NAME:ROLE`; nil without a name.
    static func participant(_ spec: String) -> Participant? {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty else { return nil }
        return Participant(name: name, role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
    }

    var details: SessionDetails {
        SessionDetails(caseReference: caseReference, advisor: advisor, participants: participants.compactMap(Self.participant))
    }

    /// Where a complete copy goes when the transcript cannot be finished: `--rescue`, or the transcripts folder.
    var rescueFolder: URL {
        rescue.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath, isDirectory: true) } ?? TranscriptDirectory.defaultURL()
    }

    /// Starts a session that records into a new transcript file (see ``openTranscript(sessionID:started:)``).
    /// - Parameter details: the session's details; the options' own when `nil`.
    func startRecording(details: SessionDetails? = nil) throws -> (Session, TranscriptFile) {
        var configuration = SessionConfiguration(details: details ?? self.details, language: cli)
        let file = try openTranscript(sessionID: configuration.sessionID, started: configuration.clock())
        do {
            configuration.signer = try SigningKeys.signer(encrypt: file.encryption != nil)
        } catch {
            // The file was made for nothing: take it away again, before anything is in it but the envelope.
            try? file.close()
            unlink(file.url.path)
            throw error
        }
        do {
            return (try Session(configuration: configuration, transcript: file), file)
        } catch {
            Terminal.error(say("kan het transcript niet schrijven: \(error)", "cannot write the transcript: \(error)"))
            throw Exit.ioError
        }
    }

    /// Opens a new transcript file: `-o`, or a new file in the data directory.
    func openTranscript(sessionID: UUID, started: Date) throws -> TranscriptFile {
        // A file size limit (ulimit -f) must fail the write (EFBIG), not kill gesprek with lines unsaved.
        signal(SIGXFSZ, SIG_IGN)
        let url =
            output.map { URL(fileURLWithPath: $0) }
            ?? TranscriptDirectory.defaultURL().appendingPathComponent(TranscriptDirectory.fileName(started: started, sessionID: sessionID))
        var encryption: TranscriptEncryption?
        if encrypt || Settings.load().encrypt {
            do {
                let passphrase = try Passphrase.obtain(confirm: true)
                encryption = try TranscriptEncryption(newWithPassphrase: passphrase, salt: TranscriptDirectory.encryptionSalt())
            } catch let error as Passphrase.Missing {
                Terminal.error(error.message)
                throw Exit.noPermission
            } catch {
                Terminal.error(say("kan geen sleutel maken: \(error)", "cannot make a key: \(error)"))
                throw Exit.cannotCreate
            }
        }
        do {
            let file = try TranscriptFile(creating: url, encryption: encryption)
            PrivacyWarning.check(url)
            return file
        } catch let error as TranscriptFileError {
            let message =
                error.code == EEXIST
                ? say(
                    "\(url.path) bestaat al; een transcript wordt nooit overschreven. Kies een andere naam.",
                    "\(url.path) exists already; a transcript is never overwritten. Choose another name.")
                : say("kan \(url.path) niet aanmaken: \(error.reason)", "cannot create \(url.path): \(error.reason)")
            Terminal.error(message)
            throw Exit.cannotCreate
        }
    }
}
