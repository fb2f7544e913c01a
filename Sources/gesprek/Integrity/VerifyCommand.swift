import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek verify TRANSCRIPT…`: checks each transcript's hash chain.
struct VerifyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: say("Controleer of transcripten ongewijzigd zijn (hashketen).", "Check that transcripts are unchanged (hash chain)."),
            discussion: say(
                """
                Per bestand: intact, of het eerste seq-nummer dat gewijzigd, verwijderd, ingevoegd of verplaatst is. \
                Een door een crash afgebroken laatste regel wordt apart gemeld; gesprek repair haalt hem weg. \
                Afsluitcode 0 als alles intact is, 65 bij geknoei, een bestand zonder keten (versie 1) of geen transcript, \
                66 als een bestand onleesbaar is, 77 als het wachtwoord van een versleuteld transcript ontbreekt of niet past.
                """,
                """
                Per file: intact, or the first sequence number that was changed, removed, inserted or moved. \
                A last line cut off by a crash is reported apart; gesprek repair trims it. \
                Exit code 0 when all are intact, 65 for tampering, a file without chain (version 1) or not a transcript, \
                66 when a file cannot be read, 77 when the passphrase of an encrypted transcript is missing or wrong.
                """))
    }

    @Argument(help: ArgumentHelp(say("De transcripten.", "The transcripts."), valueName: "transcript"))
    var transcripts: [String]

    @OptionGroup var language: LanguageOption

    func run() throws {
        var intact = 0, broken = 0, unreadable = 0, locked = 0
        var folders = Set<String>()
        for path in transcripts {
            // Once per folder: a folder others can change makes "intact" worth little.
            let url = URL(fileURLWithPath: path)
            if folders.insert(url.deletingLastPathComponent().path).inserted { PrivacyWarning.checkFolder(of: url) }
            do {
                let report = try TranscriptVerifier.verify(contentsOf: URL(fileURLWithPath: path), keyring: TranscriptInput.keyring)
                Terminal.output("\(shown(path)): " + report.message(in: cli))
                if let cut = report.cutTail { Terminal.output("\(shown(path)): " + cut.message(in: cli)) }
                if report.finding == .intact { intact += 1 } else { broken += 1 }
            } catch let error as TranscriptReadError {
                Terminal.error("\(shown(path)): " + error.message(in: cli))
                switch error {
                case .unreadable, .notARegularFile: unreadable += 1
                case .wrongPassphrase, .encrypted: locked += 1
                default: broken += 1
                }
            } catch let error as Passphrase.Missing {
                Terminal.error(error.message)
                locked += 1
            }
        }
        if transcripts.count > 1 {
            Terminal.output(
                say(
                    "\(transcripts.count) transcripten: \(intact) intact, \(broken) niet intact of niet te controleren, \(unreadable) onleesbaar",
                    "\(transcripts.count) transcripts: \(intact) intact, \(broken) not intact or not checkable, \(unreadable) unreadable"))
        }
        if broken > 0 { throw Exit.dataError }
        if locked > 0 { throw Exit.noPermission }
        if unreadable > 0 { throw Exit.noInput }
    }
}
