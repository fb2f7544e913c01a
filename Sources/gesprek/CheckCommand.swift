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

/// `gesprek check SCRIPT…`: reports every error of every script; records nothing.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: say(
                "Controleer scripts en scenario's op fouten; legt niets vast.", "Check scripts and scenarios for errors; records nothing."),
            discussion: say(
                """
                Een scenario (eerste regel: scenario TITEL) wordt ook als geheel gecontroleerd: onbereikbare parts, \
                sprongen naar onbekende labels, verwachtingen die geen pad kan halen. \
                Afsluitcode 0 alleen als alles foutloos is; 65 bij fouten, 66 als een bestand onleesbaar is.
                """,
                """
                A scenario (first line: scenario TITLE) is also checked as a whole: unreachable parts, jumps to \
                missing labels, expectations no path can meet. \
                Exit code 0 only when everything is clean; 65 for errors, 66 when a file cannot be read.
                """))
    }

    @Argument(help: ArgumentHelp(say("De scripts; - leest van stdin.", "The scripts; - reads stdin."), valueName: "script"))
    var scripts: [String]

    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let output = inputDisplay.errorOutput
        var errors = 0
        var unreadable = 0
        for path in scripts {
            let name = path == "-" ? "stdin" : path
            let opened = ScriptSource.open(path).flatMap { source -> Result<String, ScriptSource.SourceError> in
                switch source {
                case let .file(_, text): .success(text)
                case .standardInput:
                    StandardInput.readAll().mapError { .refused(name, say("kan niet lezen: \($0.reason)", "cannot read: \($0.reason)")) }
                        .flatMap { ScriptSource.script($0, name: name) }
                }
            }
            let text: String
            switch opened {
            case let .success(contents):
                text = contents
            case let .failure(error):
                Terminal.error(error.message, hint: error.hint)
                unreadable += 1
                continue
            }
            let diagnostics =
                Scenario.isScenario(text) || path.hasSuffix(".scenario")
                ? Scenario.check(text)
                : Session.check(script: text, configuration: SessionConfiguration(language: cli))
            for diagnostic in diagnostics { Terminal.info(output.diagnostic(diagnostic, file: name)) }
            let count = diagnostics.filter { $0.severity == .error }.count
            errors += count
            Terminal.info(
                count == 0
                    ? say("\(name): in orde", "\(name): OK")
                    : say("\(name): \(count) \(count == 1 ? "fout" : "fouten")", "\(name): \(count) \(count == 1 ? "error" : "errors")"))
        }
        if unreadable > 0 { throw Exit.noInput }
        if errors > 0 { throw Exit.dataError }
    }
}
