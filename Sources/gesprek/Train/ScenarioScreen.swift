import GesprekKit

/// How the trainee sees the scenario's side of the conversation: the
/// client's lines on stdout (they are the conversation), problems on stderr.
struct ScenarioScreen {
    /// Colours for stdout.
    let style: Style
    let errors: ErrorOutput
    /// The scenario's path, for messages about it.
    let file: String

    func show(_ outputs: [ScenarioOutput]) {
        for output in outputs {
            switch output {
            case let .intro(text):
                Terminal.output(style.dim(text))
            case let .line(speaker, text):
                Terminal.output("  " + style.bold(style.cyan(speaker + ":")) + " " + text)
            case let .scene(text):
                Terminal.output("  " + style.dim("(\(text))"))
            case let .choice(prompt, options):
                Terminal.output(style.bold(prompt ?? say("Wat doe je?", "What do you do?")))
                for (index, option) in options.enumerated() { Terminal.output("  \(index + 1)) \(option)") }
                Terminal.output(
                    style.dim(
                        say(
                            "Typ het nummer van je keuze, of ga door met ask, note, say, score of network.",
                            "Type the number of your choice, or go on with ask, note, say, score or network.")))
            case let .finished(text):
                if let text { Terminal.output("  " + style.dim("(\(text))")) }
                Terminal.output(style.bold(say("— einde van het gesprek —", "— end of the conversation —")))
            case let .problem(diagnostic):
                Terminal.info(errors.diagnostic(diagnostic, file: file))
            }
        }
    }
}
