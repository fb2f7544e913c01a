import GesprekKit

/// How the trainee sees the scenario's side of the conversation: the
/// client's lines on stdout (they are the conversation), problems on stderr.
///
/// A scenario file is untrusted text: each piece of it is made visible
/// (``VisibleText``) first, and only then styled, so that gesprek's own
/// colour codes reach the terminal and the scenario's never do.
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
                line(style.dim(safe(text)))
            case let .line(speaker, text):
                line("  " + style.bold(style.cyan(safe(speaker) + ":")) + " " + safe(text))
            case let .scene(text):
                line("  " + style.dim("(\(safe(text)))"))
            case let .choice(prompt, options):
                line(style.bold(prompt.map(safe) ?? say("Wat doe je?", "What do you do?")))
                for (index, option) in options.enumerated() { line("  \(index + 1)) \(safe(option))") }
                line(
                    style.dim(
                        say(
                            "Typ het nummer van je keuze, of ga door met ask, note, say, score of network.",
                            "Type the number of your choice, or go on with ask, note, say, score or network.")))
            case let .finished(text):
                if let text { line("  " + style.dim("(\(safe(text)))")) }
                line(style.bold(say("— einde van het gesprek —", "— end of the conversation —")))
            case let .problem(diagnostic):
                Terminal.info(errors.diagnostic(diagnostic, file: file))
            }
        }
    }

    /// Text from the scenario as it may reach a terminal.
    private func safe(_ text: String) -> String { VisibleText.escaped(text) }

    private func line(_ text: String) { Terminal.styledOutput(text) }
}
