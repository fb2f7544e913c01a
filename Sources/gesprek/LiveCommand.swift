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

/// `gesprek [live]`: the live session, the default command. Its options
/// are its own: other commands do not take them.
struct LiveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "live",
            abstract: say(
                "Start een live sessie (standaard, ook zonder subcommando).",
                "Start a live session (the default, also without a subcommand)."),
            discussion: say(
                """
                Typ commando's als ask, note, say, score en network; help toont ze. \
                Zonder terminal leest gesprek de commando's van stdin.
                """,
                """
                Type commands such as ask, note, say, score and network; help lists them. \
                Without a terminal gesprek reads commands from stdin.
                """))
    }

    @Flag(
        help: ArgumentHelp(
            say(
                "Bewaar de invoergeschiedenis tussen sessies (bevat persoonsgegevens; bestand 0600). Ook: GESPREK_HISTORY=1.",
                "Keep input history across sessions (holds personal data; file 0600). Also: GESPREK_HISTORY=1.")))
    var history = false

    @OptionGroup var session: SessionOptions
    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let errors = inputDisplay.errorOutput
        if Terminal.isInteractive {
            // Without libedit no transcript is started (and no passphrase asked for).
            try LineEditorLoading.require()
            let keep = history || EnvironmentVariables.process["GESPREK_HISTORY"] == "1"
            // The history file would hold every typed line in clear beside an encrypted transcript.
            if keep, try session.settings.encrypts() {
                Terminal.error(
                    say(
                        "--history (of GESPREK_HISTORY=1) gaat niet samen met versleuteling: de geschiedenis zou elke getypte regel onversleuteld bewaren",
                        "--history (or GESPREK_HISTORY=1) does not go with encryption: the history would keep every typed line unencrypted"),
                    hint: say(
                        "laat --history weg; binnen de sessie blijven pijltje omhoog en history werken",
                        "leave --history out; within the session the up arrow and history still work"))
                throw Exit.usage
            }
            do {
                try InteractiveSession.run(options: session.settings, keepHistory: keep, errors: errors)
            } catch let error as ExitCodeError {
                throw ExitCode(error.code)
            }
        } else {
            try Recording.record(.standardInput, options: session.settings, errors: errors)
        }
    }
}
