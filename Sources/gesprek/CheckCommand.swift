import ArgumentParser
import Foundation
import GesprekKit

/// `gesprek check SCRIPT…`: reports every error of every script; records nothing.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: say("Controleer scripts op fouten; legt niets vast.", "Check scripts for errors; records nothing."),
            discussion: say("Afsluitcode 0 alleen als alle scripts foutloos zijn; 65 bij fouten, 66 als een bestand onleesbaar is.",
                            "Exit code 0 only when every script is clean; 65 for errors, 66 when a file cannot be read."))
    }

    @Argument(help: ArgumentHelp(say("De scripts; - leest van stdin.", "The scripts; - reads stdin."), valueName: "script"))
    var scripts: [String]

    @OptionGroup var inputDisplay: InputDisplayOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        var errors = 0
        var unreadable = 0
        for path in scripts {
            let name = path == "-" ? "stdin" : path
            let opened = ScriptSource.open(path).flatMap { source -> Result<String, ScriptSource.SourceError> in
                switch source {
                case let .file(_, text): .success(text)
                case .standardInput: ScriptSource.script(FileHandle.standardInput.readDataToEndOfFile(), name: name)
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
            let diagnostics = Session.check(script: text, configuration: SessionConfiguration(language: cli))
            for diagnostic in diagnostics { Terminal.info(InputDisplay.render(diagnostic, file: name)) }
            let count = diagnostics.filter { $0.severity == .error }.count
            errors += count
            Terminal.info(count == 0
                ? say("\(name): in orde", "\(name): OK")
                : say("\(name): \(count) \(count == 1 ? "fout" : "fouten")", "\(name): \(count) \(count == 1 ? "error" : "errors")"))
        }
        if unreadable > 0 { throw Exit.noInput }
        if errors > 0 { throw Exit.dataError }
    }
}
