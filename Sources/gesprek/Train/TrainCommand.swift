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

/// `gesprek train SCENARIO`: the trainee plays a scenario; the run is a normal transcript.
struct TrainCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "train",
            abstract: say("Oefen een gesprek met een gesimuleerde cliënt.", "Practise a conversation with a simulated client."),
            discussion: say(
                """
                De regels van de cliënt verschijnen; jij typt ask, note, say, score en network zoals in een echt gesprek, \
                en het nummer van je keuze als het scenario keuzes biedt. Aan het eind: terugkoppeling per verwachting, \
                de dekking per dimensie en de tips uit de handreiking. Het transcript is een gewoon transcript. \
                Zonder terminal leest train de regels van stdin. Afsluitcode 65 als het scenario fouten heeft.
                """,
                """
                The client's lines appear; you type ask, note, say, score and network as in a real conversation, \
                and the number of your choice when the scenario offers choices. At the end: feedback per expectation, \
                the coverage per dimension and the handreiking's guidance. The transcript is a normal transcript. \
                Without a terminal, train reads the lines from stdin. Exit code 65 when the scenario has errors.
                """))
    }

    @Argument(help: ArgumentHelp(say("Het scenario.", "The scenario."), valueName: "scenario"))
    var scenario: String

    @OptionGroup var session: SessionOptions
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        // Without libedit no transcript is started on a terminal.
        if Terminal.isInteractive { try LineEditorLoading.require() }
        let errors = inputDisplay.errorOutput
        let scenario = try ScenarioFile.load(self.scenario, errors: errors)
        var details = scenario.details(adding: session.details)
        if details.caseReference == nil {
            details.caseReference =
                say("oefening-", "exercise-") + URL(fileURLWithPath: self.scenario).deletingPathExtension().lastPathComponent
        }
        let (recording, file) = try session.settings.startRecording(details: details)
        let run = ScenarioRun(scenario: scenario, session: recording)
        if Terminal.isInteractive {
            let code = try Repl(
                session: recording, file: file, historyFile: nil, rescueFolder: session.settings.rescueFolder,
                errors: errors, scenario: run, scenarioPath: self.scenario
            ).run()
            if code != 0 { throw ExitCode(code) }
            if run.isStuck { throw Exit.dataError }
        } else {
            try playFromStandardInput(run, file: file, errorOutput: errors)
        }
    }

    /// Without a terminal: lines from stdin, the client's lines and the feedback on stdout, mistakes on stderr.
    private func playFromStandardInput(_ run: ScenarioRun, file: TranscriptFile, errorOutput: ErrorOutput) throws {
        let screen = ScenarioScreen(style: Style(enabled: false), errors: errorOutput, file: self.scenario)
        Terminal.info(say("Transcript: \(file.url.path)", "Transcript: \(file.url.path)"))
        screen.show(run.start())
        var errors = 0
        var number = 0
        while !run.isFinished, let line = readLine(strippingNewline: true) {
            number += 1
            let response = run.respond(to: line.hasSuffix("\r") ? String(line.dropLast()) : line, lineNumber: number)
            if let output = response.result.output { Terminal.output(output) }
            for diagnostic in response.result.diagnostics {
                if diagnostic.severity == .error { errors += 1 }
                // As `run`: what was typed is shown only where stderr may show it (``InputDisplay``).
                Terminal.info(errorOutput.diagnostic(diagnostic, file: "stdin"))
            }
            screen.show(response.outputs)
        }
        Terminal.output("")
        Terminal.output(ScenarioFeedbackText.render(run.feedback(), language: cli))
        try Recording.close(run.session, original: file, rescueFolder: session.settings.rescueFolder)
        Terminal.info(say("Transcript gesloten: \(file.url.path)", "Transcript closed: \(file.url.path)"))
        if errors > 0 || run.isStuck { throw Exit.dataError }
    }
}
