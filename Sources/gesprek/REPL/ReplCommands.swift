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

/// The commands the live session adds to the language: `load`, `history` and `save`.
/// They are host commands, so `help` and Tab know them like any other.
enum ReplCommands {
    static func register(in session: Session, errorOutput: ErrorOutput) {
        try? session.register(
            HostCommand(
                name: "history", usage: "history",
                help: say("toont wat er tot nu toe is vastgelegd", "lists what has been recorded so far")
            ) { [unowned session] _ in
                .show(EventText.history(session.events, language: cli))
            })
        try? session.register(
            HostCommand(
                name: "load", usage: say("load SCRIPT", "load SCRIPT"),
                help: say("voert een script uit in deze sessie; Ctrl-C onderbreekt", "runs a script in this session; Ctrl-C interrupts")
            ) { [unowned session] invocation in
                try load(invocation, into: session, errorOutput: errorOutput)
            })
        try? session.register(
            HostCommand(
                name: "save", usage: say("save PAD", "save PATH"),
                help: say(
                    "bewaart het hele transcript tot nu toe in een nieuw bestand en schrijft daar verder (als de schijf vol is of het bestand weg)",
                    "saves the whole transcript so far to a new file and goes on there (when the disk is full or the file is gone)")
            ) { [unowned session] invocation in
                try save(invocation, session: session)
            })
    }

    private static func save(_ invocation: HostCommand.Invocation, session: Session) throws -> HostCommand.Result {
        guard invocation.words.count == 1, let path = invocation.words.first else {
            throw HostCommand.Failure(
                say("save heeft één pad nodig", "save needs one path"),
                hint: say(
                    "save /media/usb/gesprek.jsonl, of een map: save /media/usb/",
                    "save /media/usb/gesprek.jsonl, or a folder: save /media/usb/"))
        }
        let url = TranscriptRescue.target(path, session: session)
        do {
            try session.save(to: url)
        } catch {
            let failure = TranscriptRescue.saveFailure(error, path: url.path)
            throw HostCommand.Failure(failure.message, hint: failure.hint)
        }
        let count = session.events.count
        return .show(
            say(
                "Alles bewaard in \(url.path) (\(count) \(count == 1 ? "regel" : "regels")); nieuwe regels komen daar.",
                "Everything saved in \(url.path) (\(count) \(count == 1 ? "line" : "lines")); new lines go there."))
    }

    private static func load(
        _ invocation: HostCommand.Invocation, into session: Session, errorOutput: ErrorOutput
    ) throws -> HostCommand.Result {
        guard let path = invocation.words.first else {
            throw HostCommand.Failure(say("load heeft een script nodig", "load needs a script"), hint: "load Scripts/intake.gesprek")
        }
        let text: String
        switch ScriptSource.open(path) {
        case let .success(.file(_, contents)): text = contents
        case .success(.standardInput): throw HostCommand.Failure(say("load leest een bestand, niet stdin", "load reads a file, not stdin"))
        case let .failure(error): throw HostCommand.Failure(error.message, hint: error.hint)
        }
        _ = Signals.takeInterrupt()
        var recorded = 0, errors = 0
        for (index, line) in ScriptLines.split(text).enumerated() {
            if Signals.takeInterrupt() {
                return .show(
                    say(
                        "load onderbroken na regel \(index) van \(path); \(recorded) vastgelegd",
                        "load interrupted after line \(index) of \(path); \(recorded) recorded"))
            }
            let result = session.execute(line, lineNumber: index + 1)
            if let output = result.output { Terminal.output(output) }
            for diagnostic in result.diagnostics { Terminal.info(errorOutput.diagnostic(diagnostic, file: path)) }
            if result.event != nil { recorded += 1 }
            if result.isRejected { errors += 1 }
        }
        return .show(
            say(
                "\(path): \(recorded) vastgelegd, \(errors) \(errors == 1 ? "fout" : "fouten")",
                "\(path): \(recorded) recorded, \(errors) \(errors == 1 ? "error" : "errors")"))
    }
}
