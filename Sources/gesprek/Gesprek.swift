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
            version: VersionText.line,
            subcommands: [
                LiveCommand.self, RunCommand.self, CheckCommand.self, ReplayCommand.self, AnnotateCommand.self, SummaryCommand.self,
                ExportCommand.self, VerifyCommand.self, RepairCommand.self, EraseCommand.self, KeyCommand.self, TrainCommand.self,
                TestCommand.self, GraphCommand.self, CaseCommand.self, LSPCommand.self,
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
        // A closed pipe is an EPIPE from write(2), handled where it happens, not a death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        if let topic = languageHelpTopic(arguments) {
            Terminal.output(Help.text(topic: topic, language: cli))
            end(with: 0)
        }
        do {
            // The plainest `gesprek run SCRIPT -o FILE` starts without the argument parser (see RunFastPath).
            if let run = RunFastPath.parse(arguments) {
                try run.run()
                end(with: 0)
            }
            var command = try parseAsRoot(arguments)
            if let summary = command as? SummaryCommand {
                try summary.run(morePaths: morePaths)
            } else {
                try command.run()
            }
            end(with: 0)
        } catch let code as ExitCode {
            end(with: code.rawValue)
        } catch {
            // Help, the version and usage errors, in Dutch when the run is Dutch.
            ParserLanguage.exit(withError: error)
        }
    }

    /// `gesprek help expect`: the topic when the word after `help` is one of the
    /// language's (as `help expect` in a session) and no subcommand, whose help
    /// the argument parser gives.
    static func languageHelpTopic(_ arguments: [String]) -> String? {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--lang" {
                index += 2
                continue
            }
            if !arguments[index].hasPrefix("--lang=") { words.append(arguments[index]) }
            index += 1
        }
        guard words.count == 2, words[0] == "help" else { return nil }
        let topic = words[1].lowercased()
        let subcommands = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !subcommands.contains(topic), Help.hasTopic(topic) else { return nil }
        return topic
    }

    /// Exits with `code`, or with 74 when the command did its work but stdout
    /// could not take all of it. A full disk or an I/O error says so on stderr;
    /// a reader that went away (EPIPE: `gesprek summary … | head`) is no news to
    /// whoever closed it, so that one ends quietly.
    static func end(with code: Int32) -> Never {
        if let failure = Terminal.outputFailure {
            if failure != EPIPE {
                Terminal.error(
                    say("de uitvoer kon niet worden geschreven: ", "the output could not be written: ")
                        + Terminal.explanation(ofWriteError: failure))
            }
            if code == 0 { Glibc.exit(Exit.ioError.rawValue) }
        }
        Glibc.exit(code)
    }
}
