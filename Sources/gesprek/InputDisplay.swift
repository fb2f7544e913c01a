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

/// Whether messages on stderr may show what was typed (the line under a
/// diagnostic, a name in "Oma staat niet in het netwerk", words that look
/// like names in an export). What is typed is personal data, and stderr that
/// is not a terminal is often kept: a log, a file, a CI job. So by default a
/// terminal gets the line and the caret, anything else only the place, the
/// message in general terms and the hint; `--show-input` or
/// `GESPREK_SHOW_INPUT=1` shows the input there too.
struct InputDisplay {
    let showsInput: Bool

    /// - Parameter forced: `--show-input` was given.
    init(forced: Bool = false, environment: EnvironmentVariables = .process) {
        showsInput = forced || isatty(STDERR_FILENO) == 1 || environment["GESPREK_SHOW_INPUT"] == "1"
    }

    /// A diagnostic as stderr may show it.
    func render(_ diagnostic: Diagnostic, file: String?) -> String {
        diagnostic.rendered(file: file, language: cli, showingInput: showsInput)
    }
}

/// `--show-input`, for the commands that report diagnostics.
struct InputDisplayOption: ParsableArguments {
    @Flag(
        name: .customLong("show-input"),
        help: ArgumentHelp(
            say(
                "Toon in meldingen wat er staat (de regel bij een fout, woorden die op namen lijken), ook als stderr geen terminal is; "
                    + "kan persoonsgegevens in een log brengen. Ook: GESPREK_SHOW_INPUT=1.",
                "Show what was typed in messages (the line with an error, words that look like names), also when stderr is not a terminal; "
                    + "may put personal data in a log. Also: GESPREK_SHOW_INPUT=1.")))
    var showInput = false

    /// The choice for this run.
    var display: InputDisplay { InputDisplay(forced: showInput) }

    /// Diagnostics on stderr for this run.
    var errorOutput: ErrorOutput { ErrorOutput(inputDisplay: display) }
}
