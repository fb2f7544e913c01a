#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif
import GesprekKit
import LineEditing

/// `gesprek annotate` on a terminal: the conversation one line at a time, as
/// `replay --step`, with a line editor (libedit) under it. Enter shows the
/// next line; a reflection typed without `@moment` belongs to the line
/// shown; `q` or Ctrl-D ends. Each reflection is on disk before it is
/// confirmed, so Ctrl-C, a hang-up or a closed terminal lose nothing confirmed.
final class AnnotateScreen {
    private let session: AnnotateSession
    private let header: TranscriptHeader
    private let style = Style(enabled: Style.standardOutput.enabled && Terminal.isInteractive)
    private let editor: LineEditor
    private let retracted: Set<Int>
    private var lineNumber = 0

    init(session: AnnotateSession, header: TranscriptHeader) throws {
        self.editor = try LineEditorLoading.editor(historyFile: nil)
        self.session = session
        self.header = header
        self.retracted = Retractions.sequences(in: session.events)
    }

    /// Runs until the last line, `q`, Ctrl-D, SIGTERM or SIGHUP; returns the exit code.
    func run() -> Int32 {
        let duration = session.events.last?.elapsed ?? 0
        var details = header.details
        for event in session.events {
            if case let .session(reference, advisor) = event.body {
                details.caseReference = reference ?? details.caseReference
                details.advisor = advisor ?? details.advisor
            }
        }
        Terminal.styledOutput(
            style.bold(Terminal.printable(ReplayText.header(header, details: details, duration: duration, language: cli))))
        let before = session.writer.reflections.count
        if before > 0 {
            Terminal.styledOutput(
                style.dim(
                    say(
                        "Er \(before == 1 ? "is al 1 reflectie" : "zijn al \(before) reflecties"); ze staan bij hun regel.",
                        "\(before) \(before == 1 ? "reflection is" : "reflections are") there already; each is shown at its line.")))
        }
        Terminal.styledOutput(
            style.dim(
                say(
                    "Enter: volgende regel · typ een reflectie bij deze regel: observatie #c … (of hypothese, afspraak, vraag) · "
                        + "@seq of @markering voor een ander moment · q of Ctrl-D: stoppen",
                    "Enter: next line · type a reflection on this line: observation #c … (or hypothesis, agreement, question) · "
                        + "@seq or @marker for another moment · q or Ctrl-D: stop")))
        guard !session.events.isEmpty else { return finish(signal: nil) }
        var index = 0
        show(session.events[index])
        var recall: String?
        while true {
            let current = session.events[index]
            let prompt = style.prompt("seq \(current.sequence)", "36") + " › "
            switch editor.read(prompt: prompt, prefill: recall) {
            case .cancelled:
                recall = nil
            case .endOfInput:
                return finish(signal: nil)
            case let .terminated(signal):
                return finish(signal: signal)
            case let .line(text):
                recall = nil
                let trimmed = text.trimmingSpaces()
                if trimmed.isEmpty {
                    index += 1
                    guard index < session.events.count else { return finish(signal: nil) }
                    show(session.events[index])
                    continue
                }
                if trimmed.lowercased() == "q" || trimmed.lowercased() == "quit" { return finish(signal: nil) }
                lineNumber += 1
                if ReflectionLine.isBlankOrComment(text) { continue }
                editor.remember(text)
                if session.take(text, lineNumber: lineNumber, shown: current.sequence, file: nil) == nil {
                    if session.writeFailure != nil { return finish(signal: nil) }
                    recall = text
                }
            }
        }
    }

    /// An event, and the reflections already made on it.
    private func show(_ event: Event) {
        let seq = style.dim(String(repeating: " ", count: max(0, 4 - String(event.sequence).count)) + "\(event.sequence) ")
        let text: String
        if case .undo = event.body {
            text = style.dim(Terminal.printable(ReplayText.undo(event, retracting: nil, language: cli)))
        } else {
            let line = Terminal.printable(ReplayText.event(event, retracted: retracted.contains(event.sequence), language: cli))
            text = retracted.contains(event.sequence) ? style.struck(line) : event.kind == .mark ? style.bold(style.cyan(line)) : line
        }
        Terminal.styledOutput(seq + text)
        for reflection in session.writer.reflections where reflection.moment == event.sequence {
            Terminal.styledOutput(style.yellow(Terminal.printable(Self.describe(reflection))))
        }
    }

    /// `       ↳ observatie · competentioneel #kracht: Moeder noemt …`
    static func describe(_ reflection: Reflection) -> String {
        let kind = cli == .en ? reflection.kind.englishWord : reflection.kind.dutchWord
        let dimensions = reflection.dimensions.map(\.rawValue).joined(separator: ", ")
        let tags = reflection.tags.map { " #" + $0 }.joined()
        return "       ↳ " + kind + (dimensions.isEmpty ? "" : " · " + dimensions) + tags + ": " + reflection.text
    }

    private func finish(signal: Int32?) -> Int32 {
        let added = session.added
        Terminal.styledOutput(
            style.bold(
                say(
                    "\(added) \(added == 1 ? "reflectie" : "reflecties") toegevoegd aan \(shown(session.writer.url.path))",
                    "\(added) \(added == 1 ? "reflection" : "reflections") added to \(shown(session.writer.url.path))")))
        if let signal { return 128 + signal }
        return session.exitCode
    }
}
