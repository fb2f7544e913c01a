import ArgumentParser
import GesprekKit

/// `gesprek test SCENARIO…`: runs every test plan of each scenario, and with
/// `--paths` walks every way through it.
struct TestCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "test",
            abstract: say("Draai de testplannen van scenario's.", "Run the test plans of scenarios."),
            discussion: say(
                """
                Elk plan speelt het scenario in het geheugen (er wordt niets opgeslagen) en meldt elk verschil met \
                regelnummer. --paths loopt elk pad door het scenario en meldt paden die zonder terugkoppeling eindigen. \
                Afsluitcode 0 als alles klopt, 1 bij verschillen, 65 als een scenario fouten heeft, 66 als het onleesbaar is.
                """,
                """
                Each plan plays the scenario in memory (nothing is stored) and reports every difference with its line \
                number. --paths walks every path through the scenario and reports paths that end without feedback. \
                Exit code 0 when all is well, 1 for differences, 65 when a scenario has errors, 66 when it cannot be read.
                """))
    }

    @Argument(help: ArgumentHelp(say("De scenario's.", "The scenarios."), valueName: "scenario"))
    var scenarios: [String]

    @Flag(help: ArgumentHelp(say("Loop ook elk pad door het scenario.", "Also walk every path through the scenario.")))
    var paths = false

    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let style = Style.standardOutput
        var failed = false
        var broken: ExitCode?
        for path in scenarios {
            let scenario: Scenario
            do {
                scenario = try ScenarioFile.load(path, errors: inputDisplay.errorOutput)
            } catch let code as ExitCode {
                broken = broken == Exit.noInput ? broken : code
                continue
            }
            // The path and the scenario's text are made visible before gesprek styles the line (see ScenarioScreen).
            let shownPath = VisibleText.escaped(path)
            Terminal.styledOutput(style.bold(shownPath) + " — " + VisibleText.escaped(scenario.title))
            if scenario.plans.isEmpty {
                Terminal.styledOutput("  " + style.yellow(say("geen testplannen (plan … end)", "no test plans (plan … end)")))
            }
            for report in ScenarioTester.run(scenario, language: cli) {
                if report.passed {
                    Terminal.styledOutput("  " + style.green("✓") + " " + VisibleText.escaped(report.name))
                } else {
                    failed = true
                    Terminal.styledOutput("  " + style.red("✗") + " " + VisibleText.escaped(report.name))
                    for difference in report.differences {
                        Terminal.styledOutput("      \(shownPath):\(difference.line): " + VisibleText.escaped(difference.message))
                    }
                }
            }
            if paths {
                let walked = ScenarioTester.paths(scenario)
                let stuck = walked.filter { !$0.ends }
                Terminal.styledOutput(
                    "  "
                        + say(
                            "\(walked.count) \(walked.count == 1 ? "pad" : "paden") door het scenario",
                            "\(walked.count) \(walked.count == 1 ? "path" : "paths") through the scenario"))
                for path in walked {
                    let mark = path.ends ? style.green("✓") : style.red("✗")
                    let note = path.ends ? "" : "  " + say("eindigt zonder terugkoppeling", "ends without feedback")
                    Terminal.styledOutput("    \(mark) " + VisibleText.escaped(path.parts.joined(separator: " → ")) + note)
                }
                if !stuck.isEmpty { failed = true }
            }
        }
        if let broken { throw broken }
        if failed { throw ExitCode(1) }
    }
}
