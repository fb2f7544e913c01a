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

/// The language of this run, known before the arguments are parsed so that
/// `--help` itself can be in Dutch or English: `--lang`, else the locale variables.
let cli: DisplayLanguage = {
    let arguments = CommandLine.arguments
    var explicit: String?
    for (i, argument) in arguments.enumerated() {
        if argument == "--lang", i + 1 < arguments.count { explicit = arguments[i + 1] }
        if argument.hasPrefix("--lang=") { explicit = String(argument.dropFirst("--lang=".count)) }
    }
    return DisplayLanguage.detect(explicit: explicit, environment: .process)
}()

/// Dutch or English, in the language of this run.
func say(_ dutch: String, _ english: String) -> String { cli.pick(dutch, english) }

extension DisplayLanguage: ExpressibleByArgument {}

/// `--lang`, accepted by every command.
struct LanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            say("Taal van meldingen en hulp: nl of en.", "Language of messages and help: nl or en."), valueName: say("taal", "lang")))
    var language: DisplayLanguage?
}
