import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek`: without a subcommand, a live session (``LiveCommand``). On a
/// terminal it prompts; otherwise it reads commands from stdin as `gesprek run -` does.
@main
struct Gesprek: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "gesprek",
            abstract: say(
                "Gestructureerde gespreksnotities volgens de drie dimensies van eigen kracht.",
                "Structured conversation notes along the three dimensions of eigen kracht."),
            discussion: say(
                """
                Zonder subcommando start een live sessie: typ commando's als ask, note, say, score en network; \
                help toont ze. Zonder terminal leest gesprek de commando's van stdin. De opties van de live sessie \
                (-o, --case, --advisor, --participant, --keep-going, --encrypt, --rescue, --history, --show-input): \
                gesprek live --help.
                """,
                """
                Without a subcommand a live session starts: type commands such as ask, note, say, score and network; \
                help lists them. Without a terminal gesprek reads commands from stdin. The live session's options \
                (-o, --case, --advisor, --participant, --keep-going, --encrypt, --rescue, --history, --show-input): \
                gesprek live --help.
                """),
            version: GesprekKit.version,
            subcommands: [
                LiveCommand.self, RunCommand.self, CheckCommand.self, ReplayCommand.self, SummaryCommand.self,
                ExportCommand.self, VerifyCommand.self, RepairCommand.self, KeyCommand.self, TrainCommand.self, TestCommand.self,
            ],
            defaultSubcommand: LiveCommand.self)
    }

    /// `--lang`, taken wherever it stands; every command has it.
    @OptionGroup var language: LanguageOption

    /// As `ParsableCommand.main()`, with a crash handler that prints no
    /// personal data, and the paths of `summary` past the parser (see
    /// `SummaryCommand.separatingPaths`), handed to it as a value.
    static func main() {
        CrashOutput.install()
        var arguments = Array(CommandLine.arguments.dropFirst())
        var morePaths: [String] = []
        if arguments.first == SummaryCommand.configuration.commandName {
            let (rest, paths) = SummaryCommand.separatingPaths(arguments.dropFirst())
            arguments = [arguments[0]] + rest
            morePaths = paths
        }
        do {
            var command = try parseAsRoot(arguments)
            if let summary = command as? SummaryCommand {
                try summary.run(morePaths: morePaths)
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
