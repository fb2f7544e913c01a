import ArgumentParser
import GesprekKit

/// `gesprek lsp`: the language server, for an editor to start (see docs/editors.md).
struct LSPCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "lsp",
            abstract: say(
                "Taalserver (Language Server Protocol) voor editors, over stdin en stdout.",
                "Language server (Language Server Protocol) for editors, over stdin and stdout."),
            discussion: say(
                """
                Voor .gesprek-scripts en .scenario-bestanden: meldingen zoals gesprek check ze geeft, aanvullen, \
                uitleg bij een woord, naar de definitie, verwijzingen, hernoemen, symbolen, inklappen en kleuren. \
                Een editor start dit commando zelf; zie docs/editors.md. Afsluitcode 0 na shutdown en exit, \
                1 zonder shutdown, 65 bij een bericht dat te groot is.
                """,
                """
                For .gesprek scripts and .scenario files: diagnostics as gesprek check gives them, completion, \
                hover, go to definition, references, rename, symbols, folding and semantic tokens. \
                An editor starts this command itself; see docs/editors.md. Exit code 0 after shutdown and exit, \
                1 without shutdown, 65 for a message too large.
                """))
    }

    @OptionGroup var language: LanguageOption

    func run() throws {
        let code = LSPServer(language: language.language ?? .nl).run()
        if code != 0 { throw ExitCode(code) }
    }
}
