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
        // As in a typed line: no invisible control characters, which would steer a terminal wherever the value is shown.
        let values = [("--case", caseReference), ("--advisor", advisor)] + participants.map { ("--participant", Optional($0)) }
        for case let (option, value?) in values {
            if let problem = Self.controlCharacter(in: value, option: option) { throw ValidationError(problem) }
        }
        if caseReference?.trimmingSpaces().isEmpty == true {
            throw ValidationError(say("--case mag niet leeg zijn", "--case cannot be empty"))
        }
        if advisor?.trimmingSpaces().isEmpty == true {
            throw ValidationError(say("--advisor mag niet leeg zijn", "--advisor cannot be empty"))
        }
        for spec in participants where Self.participant(spec) == nil {
            throw ValidationError(
                say(
                    "--participant heeft een naam nodig, zoals \"Lisa:moeder\"; kreeg \"\(spec)\"",
                    "--participant needs a name, such as \"Lisa:moeder\"; got \"\(spec)\""))
        }
    }

    /// The message for the first control character in an option's value (see
    /// ``VisibleText``; a newline too): the option, the column and the code
    /// point, never the value itself, with what to do.
    static func controlCharacter(in value: String, option: String) -> String? {
        guard let index = value.unicodeScalars.firstIndex(where: { VisibleText.isHidden($0) || $0 == "\n" }) else { return nil }
        let scalar = value.unicodeScalars[index]
        let column = value.unicodeScalars[..<index].count + 1
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return say(
            "\(option):\(column): onzichtbaar stuurteken \(code) in de waarde\n  tip: geef \(option) opnieuw zonder dit teken, als platte tekst",
            "\(option):\(column): invisible control character \(code) in the value\n  hint: give \(option) again without it, as plain text")
    }

    /// `NAME` or `NAME:ROLE`; nil without a name.
    static func participant(_ spec: String) -> Participant? {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
        guard let name = parts.first, !name.isEmpty else { return nil }
        return Participant(name: name, role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
    }

    /// The values as given, which the recording works from.
    var settings: SessionSettings {
        SessionSettings(
            output: output, caseReference: caseReference, advisor: advisor, participants: participants, keepGoing: keepGoing,
            encrypt: encrypt, rescue: rescue)
    }

    var details: SessionDetails { settings.details }
}

/// ``SessionOptions`` as plain values: what a recording needs, made by the
/// argument parser or, for the plainest `gesprek run SCRIPT -o FILE`, by
/// ``RunFastPath`` without it.
struct SessionSettings {
    var output: String?
    var caseReference: String?
    var advisor: String?
    var participants: [String] = []
    var keepGoing = false
    var encrypt = false
    var rescue: String?

    var details: SessionDetails {
        SessionDetails(
            caseReference: caseReference, advisor: advisor, participants: participants.compactMap(SessionOptions.participant))
    }

    /// Where a complete copy goes when the transcript cannot be finished: `--rescue`, or the transcripts folder.
    var rescueFolder: URL {
        rescue.map { URL(fileURLWithPath: PathText.expandingTilde($0), isDirectory: true) } ?? TranscriptDirectory.defaultURL()
    }

    /// Starts a session that records into a new transcript file (see ``openTranscript(sessionID:started:)``).
    /// - Parameter details: the session's details; the options' own when `nil`.
    /// - Parameter durability: every line synced (live input), or at the end (a script file, its own source).
    /// - Parameter compactSummary: `summary` gives the short overview (the live session on a terminal).
    func startRecording(
        details: SessionDetails? = nil, durability: TranscriptFile.Durability = .everyLine, compactSummary: Bool = false
    ) throws -> (Session, TranscriptFile) {
        var configuration = SessionConfiguration(details: details ?? self.details, language: cli)
        configuration.compactSummary = compactSummary
        // A script file may be long: its events stay in the transcript, not in memory (undo and the counts still work).
        configuration.keepsEvents = durability == .everyLine
        // Signatures fit the source too: a person's every line is signed as it is acknowledged; a script file's
        // lines at checkpoints (every 1,000 events) and the closing record, the chain vouching for the lines between.
        configuration.signing = durability == .everyLine ? .everyLine : .scriptRun
        let file = try openTranscript(sessionID: configuration.sessionID, started: configuration.clock(), durability: durability)
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

    /// Whether new transcripts are encrypted: `--encrypt`, or `encrypt = yes`
    /// in the settings. A settings file with an error stops here, before
    /// anything is written (exit code 78).
    func encrypts() throws -> Bool {
        do {
            let settings = try Settings.load()
            return encrypt || settings.encrypt
        } catch {
            Terminal.error(error.text, hint: error.hint)
            throw Exit.config
        }
    }

    /// Opens a new transcript file: `-o`, or a new file in the data directory.
    func openTranscript(sessionID: UUID, started: Date, durability: TranscriptFile.Durability = .everyLine) throws -> TranscriptFile {
        // A file size limit (ulimit -f) must fail the write (EFBIG), not kill gesprek with lines unsaved.
        signal(SIGXFSZ, SIG_IGN)
        let url =
            output.map { URL(fileURLWithPath: $0) }
            ?? TranscriptDirectory.defaultURL().appendingPathComponent(TranscriptDirectory.fileName(started: started, sessionID: sessionID))
        let folder = url.deletingLastPathComponent()
        if let control = TranscriptExposure.control(of: folder) {
            Terminal.error(
                TranscriptExposure.message(control, folder: folder, in: cli)
                    + say("; er is geen transcript gemaakt", "; no transcript was made"),
                hint: TranscriptExposure.hint(control, folder: folder, in: cli))
            throw Exit.cannotCreate
        }
        if TranscriptExposure.isSymbolicLink(folder) {
            let path = shown(folder.path)
            Terminal.info(
                say("waarschuwing: ", "warning: ")
                    + say(
                        "de transcriptmap \(path) is een symbolische koppeling; transcripten komen terecht waar die naar wijst\n  tip: controleer waar hij naar wijst (ls -l), of gebruik een gewone map",
                        "the transcripts folder \(path) is a symbolic link; transcripts land wherever it points\n  hint: check where it points (ls -l), or use a plain folder"
                    ))
        }
        var encryption: TranscriptEncryption?
        if try encrypts() {
            do {
                let passphrase = try Passphrase.obtain(confirm: true)
                // The case's own data key, wrapped with the passphrase, so that `gesprek erase` can shred it.
                encryption = try SigningKeys.caseKeys.encryption(
                    forCase: caseReference, passphrase: passphrase, salt: TranscriptDirectory.encryptionSalt())
            } catch let error as CaseKeyError {
                Terminal.error(error.message(in: cli))
                if error == .wrongPassphrase { throw Exit.noPermission }
                throw Exit.cannotCreate
            } catch let error as Passphrase.Missing {
                Terminal.error(error.message)
                throw Exit.noPermission
            } catch let error as Passphrase.TooShort {
                Terminal.error(error.message, hint: error.hint)
                throw Exit.usage
            } catch let code as ExitCode {
                throw code
            } catch {
                Terminal.error(say("kan geen sleutel maken: \(error)", "cannot make a key: \(error)"))
                throw Exit.cannotCreate
            }
        }
        do {
            let file = try TranscriptFile(creating: url, encryption: encryption, durability: durability)
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
