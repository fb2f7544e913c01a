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
                --random N speelt N willekeurige cursisten (willekeurige keuzes en regels waarop het scenario reageert) en \
                meldt fouten tijdens het spelen, runs die vastlopen, verwachtingen die geen run haalde, en welke delen en \
                reacties geen run bereikte; elke vondst noemt de seed die hem opnieuw speelt. \
                Afsluitcode 0 als alles klopt, 1 bij verschillen, 65 als een scenario fouten heeft, 66 als het onleesbaar is.
                """,
                """
                Each plan plays the scenario in memory (nothing is stored) and reports every difference with its line \
                number. --paths walks every path through the scenario and reports paths that end without feedback. \
                --random N plays N random trainees (random choices and lines the scenario reacts to) and reports \
                problems while playing, runs that get stuck, expectations no run met, and the parts and reactions no run \
                reached; every finding names the seed that plays it again. \
                Exit code 0 when all is well, 1 for differences, 65 when a scenario has errors, 66 when it cannot be read.
                """))
    }

    @Argument(help: ArgumentHelp(say("De scenario's.", "The scenarios."), valueName: "scenario"))
    var scenarios: [String]

    @Flag(help: ArgumentHelp(say("Loop ook elk pad door het scenario.", "Also walk every path through the scenario.")))
    var paths = false

    @Option(
        help: ArgumentHelp(
            say(
                "Speel ook zoveel willekeurige cursisten door het scenario (bijvoorbeeld 1000).",
                "Also play this many random trainees through the scenario (for instance 1000)."), valueName: "n"))
    var random: Int?

    @Option(
        help: ArgumentHelp(
            say(
                "Startwaarde voor --random (run i krijgt seed+i); zonder: een willekeurige, die wordt getoond.",
                "Seed for --random (run i gets seed+i); without: a random one, which is shown."), valueName: "seed"))
    var seed: UInt64?

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
            if let random, !playRandomly(scenario, path: path, runs: random, style: style) { failed = true }
        }
        if let broken { throw broken }
        if failed { throw ExitCode(1) }
    }

    func validate() throws {
        if let random, random < 1 || random > 1_000_000 {
            throw ValidationError(say("--random wil een aantal van 1 tot 1000000", "--random takes a number from 1 to 1000000"))
        }
        if seed != nil, random == nil {
            throw ValidationError(say("--seed hoort bij --random", "--seed goes with --random"))
        }
    }

    /// Plays random trainees and prints what they found; returns whether the scenario held up.
    private func playRandomly(_ scenario: Scenario, path: String, runs: Int, style: Style) -> Bool {
        let seed = self.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        // Styled lines: the scenario's words and the path are made visible before the colours go on.
        let path = VisibleText.escaped(path)
        let report = ScenarioRandomPlay.play(scenario, runs: runs, seed: seed, language: cli)
        Terminal.styledOutput(
            "  "
                + say(
                    "\(report.runs) willekeurige runs (seed \(seed)): \(report.finished) met terugkoppeling, "
                        + "\(report.unfinished) niet klaar binnen \(ScenarioRandomPlay.turnLimit) beurten",
                    "\(report.runs) random runs (seed \(seed)): \(report.finished) with feedback, "
                        + "\(report.unfinished) not over within \(ScenarioRandomPlay.turnLimit) turns"))
        let reachedParts = report.partCount - report.partsNeverReached.count
        Terminal.styledOutput(
            "  "
                + say("delen bereikt: \(reachedParts) van \(report.partCount)", "parts reached: \(reachedParts) of \(report.partCount)")
                + (report.partsNeverReached.isEmpty
                    ? "" : say("; nooit: ", "; never: ") + VisibleText.escaped(report.partsNeverReached.joined(separator: ", "))))
        let usedReactions = report.reactionCount - report.reactionsNeverUsed.count
        Terminal.styledOutput(
            "  "
                + say(
                    "reacties gebruikt: \(usedReactions) van \(report.reactionCount)",
                    "reactions used: \(usedReactions) of \(report.reactionCount)"))
        for reaction in report.reactionsNeverUsed {
            Terminal.styledOutput(
                "    " + style.yellow("·") + " \(path):\(reaction.line): " + VisibleText.escaped(reaction.text)
                    + say(" (geen run zette deze reactie in gang)", " (no run set this reaction off)"))
        }
        for expectation in report.neverMet {
            Terminal.styledOutput(
                "  " + style.red("✗") + " " + say("geen run haalde: expect ", "no run met: expect ") + VisibleText.escaped(expectation))
        }
        for finding in report.findings {
            let what: String
            switch finding.cause {
            case let .runtimeProblem(diagnostic):
                what = "\(path):\(diagnostic.location.line): " + VisibleText.escaped(diagnostic.message(in: cli))
            case let .stuck(part):
                what = say(
                    "vast in part \(VisibleText.escaped(part)): het gesprek kan daar niet meer eindigen, geen terugkoppeling",
                    "stuck in part \(VisibleText.escaped(part)): the conversation can no longer end there, no feedback")
            }
            Terminal.styledOutput("  " + style.red("✗") + " " + what)
            Terminal.styledOutput(
                "      " + say("opnieuw: ", "again: ") + "gesprek test --random 1 --seed \(finding.seed) \(path)")
        }
        return report.passed
    }
}
