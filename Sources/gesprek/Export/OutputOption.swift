import ArgumentParser

/// `-o FILE` of the commands that make a document (export, case, graph): a new
/// file, mode 0600, never overwritten (see ``ExportFile``); stdout without it.
struct OutputOption: ParsableArguments {
    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp(
            say(
                "Schrijf naar dit bestand (het mag nog niet bestaan); zonder -o naar stdout.",
                "Write to this file (it must not exist yet); without -o to stdout."), valueName: say("bestand", "file")))
    var output: String?

    /// Writes `text` where the user asked: the file, or stdout (made harmless when it is a terminal).
    func write(_ text: String) throws {
        guard let output else {
            Terminal.writeOutput(Terminal.stdoutIsTerminal ? Terminal.printable(text) : text)
            return
        }
        try ExportFile.create(output, containing: text)
    }
}
