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

/// `gesprek repair TRANSCRIPT`: trims a last line that a crash cut off, keeping a backup.
struct RepairCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "repair",
            abstract: say(
                "Haal een door een crash afgebroken laatste regel weg; bewaart een reservekopie.",
                "Trim a last line cut off by a crash; keeps a backup."),
            discussion: say(
                """
                Eerst komt het hele bestand in een reservekopie ernaast (NAAM.bak, of .bak.2, …; nooit overschreven; 0600). \
                Een onderbroken, ondertekend transcript krijgt daarna een afsluitrecord dat zegt dat het HERSTELD is, \
                ondertekend met je eigen sleutel. Een heel, afgesloten transcript blijft onaangeroerd. Verder verandert repair niets: gesprek verify meldt geknoei. \
                Afsluitcode 0 als het gelukt is of er niets te herstellen was; 65 geen transcript, 66 onleesbaar, \
                73 reservekopie niet te maken, 74 schrijven mislukt, 75 een sessie schrijft er nog in of het veranderde tijdens het herstel, \
                77 wachtwoord ontbreekt of past niet.
                """,
                """
                First the whole file goes to a backup beside it (NAME.bak, or .bak.2, …; never overwritten; 0600). \
                An interrupted signed transcript then gets a closing record that says it was RECOVERED, signed with your own \
                key. A whole, closed transcript is left untouched. Repair changes nothing else: gesprek verify reports tampering. \
                Exit code 0 when repaired or nothing needed repair; 65 not a transcript, 66 unreadable, \
                73 backup cannot be made, 74 writing failed, 75 a session is still writing it or it changed while repair ran, \
                77 the passphrase is missing or wrong.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het transcript.", "The transcript."), valueName: "transcript"))
    var transcript: String

    @OptionGroup var language: LanguageOption

    func run() throws {
        let result: TranscriptRepair.Repaired
        // An interrupted signed transcript is closed as recovered, signed with the repairer's own key.
        let signer = try SigningKeys.signer(encrypt: Settings.load().encrypt)
        do {
            result = try TranscriptRepair.repair(
                URL(fileURLWithPath: transcript), closingWith: signer, keyring: TranscriptInput.keyring, afterReading: Self.testPause)
        } catch {
            Terminal.error("\(shown(transcript)): " + error.message(in: cli))
            switch error {
            case .unreadable(.unreadable), .unreadable(.notARegularFile): throw Exit.noInput
            case .unreadable: throw Exit.dataError
            case .inUse, .changedMeanwhile: throw Exit.tryLater
            case .backupFailed: throw Exit.cannotCreate
            case .writeFailed: throw Exit.ioError
            case .locked: throw Exit.noPermission
            }
        }
        report(result.outcome, closed: result.closedAsRecovered != nil)
        if let events = result.closedAsRecovered {
            Terminal.info(
                say(
                    """
                    \(transcript): afgesloten als HERSTELD na een onderbreking (\(events) \(events == 1 ? "gebeurtenis" : "gebeurtenissen"), \
                    ondertekend met sleutel \(signer.publicKey.id)); het transcript zegt niet dat de sessie normaal eindigde.\
                    \(result.backup.map { " Reservekopie: \($0.path)" } ?? "")
                    """,
                    """
                    \(transcript): closed as RECOVERED after an interruption (\(events) \(events == 1 ? "event" : "events"), \
                    signed with key \(signer.publicKey.id)); the transcript does not claim the session ended normally.\
                    \(result.backup.map { " Backup: \($0.path)" } ?? "")
                    """))
            if result.unsignedTail > 0 {
                let count = result.unsignedTail
                Terminal.info(
                    say(
                        "De laatste \(count == 1 ? "regel was" : "\(count) regels waren") nog niet ondertekend (een scriptrun ondertekent bij controlepunten); alleen deze afsluiting staat ervoor in.",
                        "The last \(count == 1 ? "line was" : "\(count) lines were") not signed yet (a script run signs at checkpoints); only this closing vouches for them."
                    ))
            }
        }
    }

    private func report(_ outcome: TranscriptRepair.Outcome, closed: Bool) {
        // Numbers and paths only: the cut line's content stays out of the terminal and any log.
        switch outcome {
        case .nothingToRepair:
            if closed { return }
            Terminal.info(
                say(
                    "\(shown(transcript)): niets te herstellen; de laatste regel is heel",
                    "\(shown(transcript)): nothing to repair; the last line is whole"))
        case let .trimmed(cut, kept, backup):
            Terminal.info(
                say(
                    """
                    \(shown(transcript)): afgebroken laatste regel \(cut.line) weggehaald (\(cut.bytes) bytes, nooit bevestigd); \
                    \(kept) \(kept == 1 ? "gebeurtenis blijft" : "gebeurtenissen blijven"). Reservekopie: \(backup.path)
                    """,
                    """
                    \(shown(transcript)): cut-off last line \(cut.line) trimmed (\(cut.bytes) bytes, never confirmed); \
                    \(kept) \(kept == 1 ? "event remains" : "events remain"). Backup: \(backup.path)
                    """))
        case let .lineEndAdded(cut, backup):
            Terminal.info(
                say(
                    """
                    \(shown(transcript)): regeleinde toegevoegd aan de laatste regel (\(cut.line)); er is niets weggehaald. \
                    Reservekopie: \(backup.path)
                    """,
                    """
                    \(shown(transcript)): line end added to the last line (\(cut.line)); nothing was removed. Backup: \(backup.path)
                    """))
        }
    }

    /// For the tests only: with `GESPREK_TEST_STOP_IN_REPAIR=1`, repair stops
    /// itself (SIGSTOP) after it has read the transcript, so that a test can
    /// change the file then, and continues on SIGCONT.
    static func testPause() {
        if EnvironmentVariables.process["GESPREK_TEST_STOP_IN_REPAIR"] == "1" { raise(SIGSTOP) }
    }
}
