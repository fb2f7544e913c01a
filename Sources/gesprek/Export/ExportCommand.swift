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

/// `gesprek export TRANSCRIPT --format md|html|csv|json|cast|ipynb|jsonl [-o FILE] [--anonymize] [--table events|scores]`.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: say(
                "Exporteer een transcript: verslag (md, html), tabel (csv), overzicht (json), opname (cast), notebook (ipynb) of regels voor analyse (jsonl).",
                "Export a transcript: report (md, html), table (csv), summary (json), recording (cast), notebook (ipynb) or lines for analysis (jsonl)."
            ),
            // The usage swift-argument-parser makes, with `-o` where it would put `--output` (it prefers long names).
            usage:
                "gesprek export <transcript> [--format <\(say("vorm", "format"))>] [-o <\(say("bestand", "file"))>] [--anonymize [--keep <\(say("woord", "word"))>…]] "
                + "[--table <\(say("tabel", "table"))>] [--for gezin [--notes]] "
                + "[--show-input] [--lang <\(say("taal", "lang"))>]",
            discussion: say(
                """
                -o, --output BESTAND schrijft naar dat bestand; zonder -o naar stdout. Een bestand met -o wordt aangemaakt met modus 0600 en nooit overschreven \
                (afsluitcode 73 als het al bestaat). --anonymize vervangt elke naam door een rol, in elk formaat, en elk ander woord \
                dat op een naam of plaats lijkt door naam 1, naam 2, …; --keep WOORD… laat die woorden staan. Op stderr staat wat \
                vervangen en wat behouden is. --for gezin schrijft het gesprek in gewone woorden voor het gezin zelf (md of html, \
                zonder codes; aantekeningen alleen met --notes). Afsluitcode 66 als het transcript onleesbaar is, 65 als het geen transcript is.
                """,
                """
                -o, --output FILE writes to that file; without -o to stdout. A file given with -o is created with mode 0600 and never overwritten \
                (exit code 73 when it exists). --anonymize replaces every name by a role, in every format, and every other word \
                that looks like a name or a place by name 1, name 2, …; --keep WORD… leaves those words. stderr lists what was \
                replaced and what was kept. --for gezin writes the conversation in plain words for the family itself (md or html, \
                without codes; notes only with --notes). Exit code 66 when the transcript cannot be read, 65 when it is not a transcript.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het transcript.", "The transcript."), valueName: "transcript"))
    var transcript: String

    @Option(
        help: ArgumentHelp(
            say(
                "Vorm: md, html, csv, json, cast, ipynb of jsonl (standaard md).",
                "Format: md, html, csv, json, cast, ipynb or jsonl (default md)."), valueName: say("vorm", "format")))
    var format: ExportFormat = .md

    /// Where to write, if not stdout.
    @OptionGroup var output: OutputOption

    @Flag(
        help: ArgumentHelp(
            say(
                "Vervang elke naam door een rol (moeder, buurvrouw 1, persoon 1, adviseur, dossier).",
                "Replace every name by a role (moeder, buurvrouw 1, persoon 1, adviseur, dossier).")))
    var anonymize = false

    /// Words `--anonymize` leaves as they are.
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            say(
                "Met --anonymize: laat deze woorden staan (zoals een plaats die niemand aanwijst); herhaalbaar.",
                "With --anonymize: leave these words as they are (such as a place that points to nobody); repeatable."),
            valueName: say("woord", "word")))
    var keep: [String] = []

    @Option(
        help: ArgumentHelp(
            say(
                "Bij csv: events (een rij per regel, standaard) of scores (een rij per item).",
                "With csv: events (a row per line, the default) or scores (a row per item)."), valueName: say("tabel", "table")))
    var table: ExportTable?

    /// `--for gezin`: the family's own view instead of the supervisor's report.
    @Option(
        name: .customLong("for"),
        help: ArgumentHelp(
            say(
                "Voor wie: gezin geeft het gesprek in gewone woorden voor het gezin zelf (md of html, zonder codes).",
                "For whom: gezin gives the conversation in plain words for the family itself (md or html, without codes)."),
            valueName: say("voor", "for")))
    var audience: ExportAudience?

    /// With `--for gezin`: the advisor's notes too.
    @Flag(
        help: ArgumentHelp(
            say(
                "Met --for gezin: neem ook de aantekeningen (note) van de adviseur op.",
                "With --for gezin: include the advisor's notes too.")))
    var notes = false

    @OptionGroup var integrity: IntegrityOption
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if table != nil, format != .csv {
            throw ValidationError(say("--table hoort bij --format csv", "--table goes with --format csv"))
        }
        if !keep.isEmpty, !anonymize {
            throw ValidationError(say("--keep hoort bij --anonymize", "--keep goes with --anonymize"))
        }
    }

    func run() throws {
        var read = try TranscriptInput.read(transcript)
        // Verified once it reads: a file that cannot be read at all is reported by the reader alone.
        let trusted = try integrity.trusted()
        try integrity.check(transcript, trusted: trusted)
        // The team's reflections are the team's own: never in the family's view, so not even read for it.
        if audience != .gezin {
            read.reflections = try TeamReflections.load(forTranscript: transcript, integrity: integrity, trusted: trusted)
        }
        if anonymize {
            let anonymizer = Anonymizer(read, language: cli, keeping: keep)
            read = anonymizer.transcript(read)
            reportAnonymization(anonymizer)
        }
        let text: String
        if audience == .gezin {
            guard let family = FamilyView.Format(rawValue: format.rawValue) else {
                Terminal.error(say("--for gezin kan als md of html", "--for gezin comes as md or html"))
                throw Exit.usage
            }
            text = FamilyView.render(read, format: family, language: cli, includingNotes: notes)
        } else {
            text = TranscriptExport.render(read, format: format, language: cli, alreadyAnonymized: anonymize, table: table ?? .events)
        }
        try output.write(text)
    }

    /// What was replaced and what was kept, on stderr, whether or not it is a terminal: the user asked for
    /// anonymization and must be able to check it before sharing the export (docs/supervisor.md#anonymize).
    private func reportAnonymization(_ anonymizer: Anonymizer) {
        let check = say("Controleer de export voordat je hem deelt.", "Check the export before sharing it.")
        let replaced = anonymizer.replaced.map { "\($0.name) → \($0.label)" }.joined(separator: ", ")
        let count = anonymizer.replaced.count
        var lines = [
            count == 0
                ? say("geanonimiseerd: geen namen gevonden om te vervangen.", "anonymized: no names found to replace.")
                : say(
                    "geanonimiseerd: \(count) \(count == 1 ? "woord" : "woorden") vervangen: \(replaced).",
                    "anonymized: \(count) \(count == 1 ? "word" : "words") replaced: \(replaced).")
        ]
        if !keep.isEmpty {
            let found = Set(anonymizer.kept.map { $0.lowercased() })
            let unused = keep.filter { !found.contains($0.lowercased()) }
            if !anonymizer.kept.isEmpty {
                let list = anonymizer.kept.joined(separator: ", ")
                lines.append(say("behouden (--keep): \(list).", "kept (--keep): \(list)."))
            }
            if !unused.isEmpty {
                let list = unused.joined(separator: ", ")
                lines.append(
                    say(
                        "--keep: niet als naam gevonden, dus niets te behouden: \(list).",
                        "--keep: not found as a name, so nothing to keep: \(list)."))
            }
        }
        lines.append(check)
        Terminal.info(Terminal.printable(lines.joined(separator: "\n")))
    }
}

extension ExportFormat: ExpressibleByArgument {}

/// Who an export is for, besides the supervisor (the default).
enum ExportAudience: String, ExpressibleByArgument, CaseIterable {
    case gezin
}
extension ExportTable: ExpressibleByArgument {}
