import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek summary TRANSCRIPT…`: one transcript in full, or a row per
/// transcript and a total, streaming through any number of files.
struct SummaryCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "summary",
            abstract: say("Vat transcripten samen: dekking per dimensie, wat gemist is, scores, netwerk.",
                          "Summarise transcripts: coverage per dimension, what was missed, scores, network."),
            discussion: say("""
                Eén transcript: het volledige overzicht. Meerdere: een regel per transcript en een totaal; \
                op een terminal met een voortgangsbalk. Afsluitcode 65 als een bestand geen transcript is, 66 als het onleesbaar is.
                """, """
                One transcript: the full summary. Several: a row per transcript and a total; on a terminal with a \
                progress bar. Exit code 65 when a file is not a transcript, 66 when it cannot be read.
                """))
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, json
    }

    @Argument(help: ArgumentHelp(say("De transcripten.", "The transcripts."), valueName: "transcript"))
    var transcripts: [String]

    @Option(help: ArgumentHelp(say("Vorm: text, md of json.", "Format: text, md or json.")))
    var format: Format = .text

    @OptionGroup var language: LanguageOption

    func run() throws {
        if transcripts.count == 1 {
            let transcript = try TranscriptInput.read(transcripts[0])
            let summary = Summary(transcript)
            switch format {
            case .text: Terminal.output(SummaryText.render(summary, language: cli))
            case .md: Terminal.output(SummaryMarkdown.render(summary, language: cli))
            case .json: Terminal.output(SummaryJSON.render(summary, language: cli))
            }
            return
        }
        try caseload(CaseloadFormat(rawValue: format.rawValue)!)
    }

    private func caseload(_ format: CaseloadFormat) throws {
        let progress = Progress(total: transcripts.count)
        var total = CaseloadTotal()
        var failure: ExitCode?
        Terminal.output(format.header(language: cli))
        for (index, path) in transcripts.enumerated() {
            progress.update(done: index)
            do {
                let summary = Summary(try TranscriptInput.read(path))
                let row = SummaryRow(name: URL(fileURLWithPath: path).lastPathComponent, summary: summary)
                total.add(row)
                progress.clear()
                Terminal.output(format.row(row, index: total.transcripts - 1, language: cli))
            } catch let code as ExitCode {
                progress.clear()
                failure = failure == Exit.noInput ? failure : code
            }
        }
        progress.clear()
        Terminal.output(format.footer(total, language: cli))
        if let failure { throw failure }
    }
}
