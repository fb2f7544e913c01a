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

/// `gesprek verify TRANSCRIPT…`: checks each transcript's hash chain.
struct VerifyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: say(
                "Controleer of transcripten ongewijzigd en afgesloten zijn (hashketen, handtekeningen).",
                "Check that transcripts are unchanged and closed (hash chain, signatures)."),
            discussion: say(
                """
                Per bestand: intact en afgesloten, intact maar niet afgesloten (onderbroken), hersteld, vervalst (keten klopt, \
                handtekening niet), of het eerste seq-nummer dat gewijzigd, verwijderd, ingevoegd of verplaatst is; en met \
                welke sleutel het is ondertekend (vertrouwd: de eigen, die in ~/.config/gesprek/trusted-keys en --key). \
                Een door een crash afgebroken laatste regel wordt apart gemeld; gesprek repair haalt hem weg. \
                De reflecties van het team naast een transcript (TRANSCRIPT.reflecties, gesprek annotate) worden ook \
                gecontroleerd, met een eigen regel: keten, handtekeningen en binding aan dit transcript; een map is elk \
                transcript (*.jsonl) erin. \
                Afsluitcode 0 als alles intact is (ook niet afgesloten of met een onbekende sleutel, tenzij --strict), \
                65 bij geknoei of vervalsing, een zegel dat niet klopt, een bestand zonder keten (versie 1) of geen transcript, \
                66 als een bestand onleesbaar is, 77 als het wachtwoord van een versleuteld transcript ontbreekt of niet past \
                (of de sleutel van de casus ontbreekt), 69 als een transcript op verzoek gewist is (gesprek erase): "gewist op verzoek".
                """,
                """
                Per file: intact and closed, intact but not closed (interrupted), recovered, forged (the chain holds, the \
                signature does not), or the first sequence number that was changed, removed, inserted or moved; and which key \
                signed it (trusted: one's own, those in ~/.config/gesprek/trusted-keys and --key). \
                A last line cut off by a crash is reported apart; gesprek repair trims it. \
                The team's reflections beside a transcript (TRANSCRIPT.reflecties, gesprek annotate) are checked too, on \
                a line of their own: chain, signatures and binding to this transcript; a folder is every transcript \
                (*.jsonl) in it. \
                Exit code 0 when all are intact (also not closed or signed by an unknown key, unless --strict), \
                65 for tampering or forgery, a seal that does not hold, a file without chain (version 1) or not a transcript, \
                66 when a file cannot be read, 77 when the passphrase of an encrypted transcript is missing or wrong \
                (or the case's key is missing), 69 when a transcript was erased on request (gesprek erase): "erased on request".
                """))
    }

    @Argument(
        help: ArgumentHelp(
            say("De transcripten (of mappen, of reflectiebestanden).", "The transcripts (or folders, or reflections files)."),
            valueName: "transcript"))
    var transcripts: [String]

    @OptionGroup var trust: TrustedKeysOption

    @Flag(
        help: ArgumentHelp(
            say(
                "Ook afsluitcode 65 als een transcript niet afgesloten is, een afgebroken regel heeft of niet met een vertrouwde sleutel is ondertekend.",
                "Exit code 65 as well when a transcript is not closed, has a cut-off line, or is not signed by a trusted key.")))
    var strict = false

    @Flag(
        help: ArgumentHelp(
            say(
                "Druk per intact transcript een zegel af om elders vast te leggen (sleutel-id, aantal, laatste hash).",
                "Print a seal for each intact transcript, to keep elsewhere (key id, count, last hash).")))
    var seal = false

    @Option(
        name: .customLong("seal-check"),
        help: ArgumentHelp(
            say("Controleer of het transcript nog klopt met dit zegel.", "Check that the transcript still matches this seal."),
            valueName: say("zegel", "seal")))
    var sealCheck: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let trusted = try SigningKeys.trusted(adding: trust.keys)
        var expected: TranscriptSeal?
        if let sealCheck {
            guard let parsed = TranscriptSeal(parsing: sealCheck) else {
                throw ValidationError(
                    say(
                        "--seal-check: dat is geen zegel; een zegel ziet eruit als gesprek-seal:1:SLEUTEL-ID:AANTAL:HASH",
                        "--seal-check: that is not a seal; a seal looks like gesprek-seal:1:KEY-ID:COUNT:HASH"))
            }
            expected = parsed
        }
        var intact = 0, broken = 0, unreadable = 0, locked = 0, doubtful = 0, erased = 0
        // What was checked, for the closing count: the transcripts, and the reflections files named or beside them.
        var transcriptsChecked = 0, reflectionsChecked = 0
        /// One reflections file's outcome, in the closing count.
        func count(_ outcome: ReflectionsOutcome) {
            reflectionsChecked += 1
            switch outcome {
            case .intact: intact += 1
            case .doubtful: intact += 1; doubtful += 1
            case .broken: broken += 1
            case .unreadable: unreadable += 1
            case .locked: locked += 1
            case .erased: erased += 1
            }
        }
        var folders = Set<String>()
        // A folder is every transcript in it (*.jsonl), each with the reflections beside it.
        let paths = SummaryInputs.paths(transcripts, filesFrom: nil) { unreadable += 1 }
        // A reflections file named as well as its transcript is checked once, where it is named.
        let namedReflections = Set(
            paths.map { URL(fileURLWithPath: $0) }.filter(ReflectionLog.isReflectionsFile).map(\.standardizedFileURL.path))
        for path in paths {
            // Once per folder: a folder others can change makes "intact" worth little.
            let url = URL(fileURLWithPath: path)
            if folders.insert(url.deletingLastPathComponent().path).inserted { PrivacyWarning.checkFolder(of: url) }
            if ReflectionLog.isReflectionsFile(url) {
                count(Self.verifyReflections(path, trusted: trusted))
                continue
            }
            transcriptsChecked += 1
            do {
                let report = try TranscriptVerifier.verify(contentsOf: URL(fileURLWithPath: path), keyring: TranscriptInput.keyring)
                Terminal.output("\(shown(path)): " + report.message(in: cli, trusting: trusted))
                if let cut = report.cutTail { Terminal.output("\(shown(path)): " + cut.message(in: cli)) }
                if report.finding == .intact { intact += 1 } else { broken += 1 }
                if report.finding == .intact, report.concern(trusting: trusted, in: cli) != nil { doubtful += 1 }
                // The reflections beside it are a file checked of their own, counted as one.
                let besidePath = ReflectionLog.location(forTranscript: url).standardizedFileURL.path
                let beside =
                    namedReflections.contains(besidePath)
                    ? nil : Self.verifyReflections(besideTranscript: path, report: report, trusted: trusted)
                if let beside { count(beside) }
                if seal, let made = TranscriptSeal(report) { Terminal.output("\(path): " + say("zegel ", "seal ") + made.description) }
                if let expected {
                    if expected.holds(for: report) {
                        Terminal.output(
                            "\(path): "
                                + say("het zegel klopt (\(expected.events) gebeurtenissen)", "the seal holds (\(expected.events) events)"))
                    } else {
                        Terminal.output(
                            "\(path): "
                                + say(
                                    "HET ZEGEL KLOPT NIET: het transcript is niet meer wat werd vastgelegd (\(expected.events) gebeurtenissen, sleutel \(expected.keyID))",
                                    "THE SEAL DOES NOT HOLD: the transcript is no longer what was sealed (\(expected.events) events, key \(expected.keyID))"
                                ))
                        broken += 1
                    }
                }
            } catch let error as TranscriptReadError {
                // Erased on request is a verdict of its own, not damage: said where the verdicts go.
                if case .erasedOnRequest = error {
                    Terminal.output("\(shown(path)): " + error.message(in: cli))
                    erased += 1
                    continue
                }
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
        if paths.count > 1 {
            let gone = erased > 0 ? say(", \(erased) gewist op verzoek", ", \(erased) erased on request") : ""
            Terminal.output(
                Self.checked(transcripts: transcriptsChecked, reflections: reflectionsChecked)
                    + say(
                        ": \(intact) intact, \(broken) niet intact of niet te controleren, \(unreadable) onleesbaar",
                        ": \(intact) intact, \(broken) not intact or not checkable, \(unreadable) unreadable")
                    + gone)
        }
        if broken > 0 || strict && doubtful > 0 { throw Exit.dataError }
        if locked > 0 { throw Exit.noPermission }
        if unreadable > 0 { throw Exit.noInput }
        if erased > 0 { throw Exit.erased }
    }

    /// What the closing line counts: "2 transcripten, 1 bestand met reflecties" (a kind not named is left out).
    static func checked(transcripts: Int, reflections: Int) -> String {
        var parts: [String] = []
        if transcripts > 0 || reflections == 0 {
            parts.append(
                say(
                    "\(transcripts) \(transcripts == 1 ? "transcript" : "transcripten")",
                    "\(transcripts) \(transcripts == 1 ? "transcript" : "transcripts")"))
        }
        if reflections > 0 {
            parts.append(
                say(
                    "\(reflections) \(reflections == 1 ? "bestand" : "bestanden") met reflecties",
                    "\(reflections) \(reflections == 1 ? "reflections file" : "reflections files")"))
        }
        return parts.joined(separator: ", ")
    }
}
