import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek export TRANSCRIPT --format md|html|csv|json|cast [-o FILE] [--anonymize] [--table events|scores]`.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: say(
                "Exporteer een transcript: verslag (md, html), tabel (csv), overzicht (json) of opname (cast).",
                "Export a transcript: report (md, html), table (csv), summary (json) or recording (cast)."),
            // The usage swift-argument-parser makes, with `-o` where it would put `--output` (it prefers long names).
            usage: "gesprek export <transcript> [--format <format>] [-o <\(say("bestand", "file"))>] [--anonymize] [--table <table>] "
                + "[--show-input] [--lang <lang>]",
            discussion: say(
                """
                -o, --output BESTAND schrijft naar dat bestand; zonder -o naar stdout. Een bestand met -o wordt aangemaakt met modus 0600 en nooit overschreven \
                (afsluitcode 73 als het al bestaat). --anonymize vervangt elke naam door een rol, in elk formaat. \
                Afsluitcode 66 als het transcript onleesbaar is, 65 als het geen transcript is.
                """,
                """
                -o, --output FILE writes to that file; without -o to stdout. A file given with -o is created with mode 0600 and never overwritten \
                (exit code 73 when it exists). --anonymize replaces every name by a role, in every format. \
                Exit code 66 when the transcript cannot be read, 65 when it is not a transcript.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het transcript.", "The transcript."), valueName: "transcript"))
    var transcript: String

    @Option(
        help: ArgumentHelp(
            say(
                "Vorm: md, html, csv, json of cast (standaard md).",
                "Format: md, html, csv, json or cast (default md).")))
    var format: ExportFormat = .md

    /// Where to write, if not stdout.
    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp(
            say(
                "Schrijf naar dit bestand (het mag nog niet bestaan); zonder -o naar stdout.",
                "Write to this file (it must not exist yet); without -o to stdout."), valueName: say("bestand", "file")))
    var output: String?

    @Flag(
        help: ArgumentHelp(
            say(
                "Vervang elke naam door een rol (moeder, buurvrouw 1, persoon 1, adviseur, dossier).",
                "Replace every name by a role (moeder, buurvrouw 1, persoon 1, adviseur, dossier).")))
    var anonymize = false

    @Option(
        help: ArgumentHelp(
            say(
                "Bij csv: events (een rij per regel, standaard) of scores (een rij per item).",
                "With csv: events (a row per line, the default) or scores (a row per item).")))
    var table: ExportTable?

    @OptionGroup var integrity: IntegrityOption
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if table != nil, format != .csv {
            throw ValidationError(say("--table hoort bij --format csv", "--table goes with --format csv"))
        }
    }

    func run() throws {
        var read = try TranscriptInput.read(transcript)
        // Verified once it reads: a file that cannot be read at all is reported by the reader alone.
        try integrity.check(transcript, trusted: integrity.trusted())
        if anonymize {
            let anonymizer = Anonymizer(read, language: cli)
            read = anonymizer.transcript(read)
            warnAboutUndeclaredNames(anonymizer.possibleNames(in: read), showingInput: inputDisplay.display.showsInput)
        }
        let text = TranscriptExport.render(read, format: format, language: cli, alreadyAnonymized: anonymize, table: table ?? .events)
        guard let output else {
            FileHandle.standardOutput.write(Data((Terminal.stdoutIsTerminal ? Terminal.printable(text) : text).utf8))
            return
        }
        try ExportFile.create(output, containing: text)
    }

    /// Names mentioned only in free text cannot be replaced: say which words look like them. The words
    /// are personal data, so only where stderr may show input (a terminal, or --show-input); else how many.
    private func warnAboutUndeclaredNames(_ possible: [String], showingInput: Bool) {
        guard !possible.isEmpty else { return }
        let check = say("Controleer de export voordat je hem deelt.", "Check the export before sharing it.")
        guard showingInput else {
            let count = possible.count
            Terminal.info(
                say(
                    "let op: \(count) \(count == 1 ? "woord lijkt een naam" : "woorden lijken namen"), maar "
                        + "\(count == 1 ? "staat" : "staan") niet als deelnemer of in het netwerk en \(count == 1 ? "is" : "zijn") "
                        + "niet vervangen; export op een terminal of met --show-input noemt ze. \(check)",
                    "note: \(count) \(count == 1 ? "word looks like a name" : "words look like names") but "
                        + "\(count == 1 ? "is" : "are") neither participants nor in the network, and \(count == 1 ? "was" : "were") "
                        + "not replaced; export on a terminal or with --show-input names them. \(check)"))
            return
        }
        let list = possible.joined(separator: ", ")
        Terminal.info(
            say(
                "let op: deze woorden lijken namen, maar staan niet als deelnemer of in het netwerk en zijn niet vervangen: "
                    + "\(list). \(check)",
                "note: these words look like names but are neither participants nor in the network, and were not replaced: "
                    + "\(list). \(check)"))
    }
}

extension ExportFormat: ExpressibleByArgument {}
extension ExportTable: ExpressibleByArgument {}
