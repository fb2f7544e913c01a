import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek`: without a subcommand, a live session. On a terminal it prompts;
/// otherwise it reads commands from stdin as `gesprek run -` does.
@main
struct Gesprek: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gesprek",
            abstract: say("Gestructureerde gespreksnotities volgens de drie dimensies van eigen kracht.",
                          "Structured conversation notes along the three dimensions of eigen kracht."),
            discussion: say("""
                Zonder subcommando start een live sessie: typ commando's als ask, note, say, score en network; \
                help toont ze. Zonder terminal leest gesprek de commando's van stdin.
                """, """
                Without a subcommand a live session starts: type commands such as ask, note, say, score and network; \
                help lists them. Without a terminal gesprek reads commands from stdin.
                """),
            version: GesprekKit.version,
            subcommands: [RunCommand.self, CheckCommand.self, ReplayCommand.self, SummaryCommand.self, ExportCommand.self,
                          VerifyCommand.self, RepairCommand.self, TrainCommand.self, TestCommand.self])
    }


    @Flag(help: ArgumentHelp(say("Bewaar de invoergeschiedenis tussen sessies (bevat persoonsgegevens; bestand 0600). Ook: GESPREK_HISTORY=1.",
                                 "Keep input history across sessions (holds personal data; file 0600). Also: GESPREK_HISTORY=1.")))
    var history = false

    @OptionGroup var session: SessionOptions
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    /// As `ParsableCommand.main()`, with a crash handler that prints no
    /// personal data, and the paths of `summary` past the parser (see
    /// `SummaryCommand.separatingPaths`).
    static func main() {
        CrashOutput.install()
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == SummaryCommand.configuration.commandName {
            let (rest, paths) = SummaryCommand.separatingPaths(arguments.dropFirst())
            arguments = [arguments[0]] + rest
            SummaryCommand.separatedPaths = paths
        }
        main(arguments)
    }

    func run() throws {
        if Terminal.isInteractive {
            let keep = history || ProcessInfo.processInfo.environment["GESPREK_HISTORY"] == "1"
            do {
                try InteractiveSession.run(options: session, keepHistory: keep)
            } catch let error as ExitCodeError {
                throw ExitCode(error.code)
            }
        } else {
            try Recording.record(.standardInput, options: session)
        }
    }
}
