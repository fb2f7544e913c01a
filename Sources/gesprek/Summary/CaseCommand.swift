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

/// `gesprek case CASE-ID [PATH…]`: one case across its conversations.
struct CaseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "case",
            abstract: say("Eén dossier over de gesprekken heen.", "One case across its conversations."),
            discussion: say(
                """
                Neemt elk transcript van dit dossier (het dossiernummer uit de kop of van een regel `session case=…`; uit de paden: transcripten of mappen; \
                standaard de transcriptenmap), op volgorde van tijd, en toont: de score van elk item per gesprek en \
                het verschil (de vragenlijsten als voor- en nameting), de totalen per antwoordcategorie, de dimensies \
                per gesprek, en het netwerk door de tijd: wie erbij kwam, wie wegviel, wiens invloed, steun of contact \
                veranderde. Afsluitcode 66 als geen transcript bij het dossier hoort.
                """,
                """
                Takes every transcript of this case (the case id in the header or from a `session case=…` line; from the paths: transcripts or folders; by \
                default the transcripts folder), in time order, and shows: each item's score per conversation and the \
                change (the questionnaires as before and after measurement), the totals per answer category, the \
                dimensions per conversation, and the network over time: who joined, who left, whose influence, \
                support or contact changed. Exit code 66 when no transcript belongs to the case.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het dossiernummer.", "The case id."), valueName: say("dossiernummer", "case-id")))
    var caseID: String

    @Argument(
        help: ArgumentHelp(
            say("Transcripten of mappen (standaard de transcriptenmap).", "Transcripts or folders (default the transcripts folder)."),
            valueName: say("pad", "path")))
    var paths: [String] = []

    @Option(
        help: ArgumentHelp(
            say("Vorm: text, md, html of json (standaard text).", "Format: text, md, html or json (default text)."),
            valueName: say("vorm", "format")))
    var format: CaseReport.Format = .text

    @OptionGroup var output: OutputOption

    @OptionGroup var integrity: IntegrityOption
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if caseID.isEmpty || caseID.unicodeScalars.contains(where: VisibleText.isHidden) {
            throw ValidationError(
                say("het dossiernummer is leeg of bevat een stuurteken", "the case id is empty or holds a control character"))
        }
    }

    func run() throws {
        var failure: ExitCode?
        let given = paths.isEmpty ? [TranscriptDirectory.defaultURL().path] : paths
        let files = SummaryInputs.paths(given, filesFrom: nil) { failure = Exit.noInput }
        let trusted = try integrity.trusted()
        var found: [(source: String, transcript: Transcript)] = []
        for path in files {
            do {
                var transcript = try TranscriptInput.read(path)
                // The case as the summary shows it: the header's, or set (again) by a `session` line not taken back.
                guard CaseHistory.caseReference(of: transcript) == caseID else { continue }
                try integrity.check(path, trusted: trusted)
                transcript.reflections = try TeamReflections.load(forTranscript: path, integrity: integrity, trusted: trusted)
                found.append((path, transcript))
            } catch let code as ExitCode {
                // Reported by the reader; the other conversations are still shown.
                if failure == nil || failure == Exit.noInput { failure = code }
            }
        }
        guard !found.isEmpty else {
            Terminal.error(
                say(
                    "geen transcript van dossier \(VisibleText.escaped(caseID)) gevonden in \(given.map(VisibleText.escaped).joined(separator: ", "))",
                    "no transcript of case \(VisibleText.escaped(caseID)) found in \(given.map(VisibleText.escaped).joined(separator: ", "))"
                ))
            throw failure ?? Exit.noInput
        }
        let text = CaseReport.render(CaseHistory(caseReference: caseID, transcripts: found), format: format, language: cli)
        try output.write(text)
        if let failure { throw failure }
    }
}

extension CaseReport.Format: ExpressibleByArgument {}
